import Foundation

/// All of a build's concurrency, in one place. The index is built on its own thread from the start:
/// the Parse stage hands it each batch of pages' sections as they are parsed (`sectionFeed`), and it
/// writes its files beside the rest of the build. The print editions render on another thread beside
/// the pages. Each stage's own loops run in parallel through `concurrentMap`.
final class BuildSchedule<Output: OutputConsumer>: Sendable {
    /// What the print editions' thread gives back: the first write failure, and what the cache records
    /// of `print.html` and of the sections' editions.
    typealias PrintOutcome = (failure: String?, written: PrintEditionWriter.Written, sectionsWritten: PrintEditionWriter.Written)

    let sectionFeed: SectionFeed?
    private let indexWork: BackgroundWork<SearchStage.Output>?
    private let printWork = LockedValue<BackgroundWork<PrintOutcome>?>(nil)

    /// Starts the index (when the guide has search), writing its files to `output`.
    init(tree: SiteTree, configuration: SiteConfiguration, options: BuildOptions, output: Output) {
        let feed = configuration.hasSearch ? SectionFeed(pageCount: tree.pages.count) : nil
        sectionFeed = feed
        indexWork = feed.map { feed in
            let (language, cacheBlobs, previous) = (configuration.language, options.cacheBlobs, options.previousSite)
            return BackgroundWork { () -> SearchStage.Output in
                SearchStage.build(
                    tree: tree, sections: feed, language: language, cacheBlobs: cacheBlobs, previous: previous,
                    write: { files in
                        // A failing build waits for the index: it need not write first.
                        if feed.isCancelled { return "cancelled" }
                        return files.concurrentMap { file in
                            writeFailure { try output.write(Data(file.contents.utf8), to: file.path) }
                        }.compactMap { $0 }.first
                    },
                    keep: output.keepAll)
            }
        }
    }

    /// Stops the index and waits for it: whatever ends the build, the index has stopped writing
    /// before the output is discarded.
    func stopIndex() {
        sectionFeed?.cancel()
        _ = indexWork?.wait()
    }

    /// The index, once it is finished; nil for a guide without search.
    func waitForIndex(_ clock: inout StageClock) -> SearchStage.Output? {
        guard let indexWork else { return nil }
        let (result, seconds) = indexWork.wait()
        clock.lap("index (waited for)")
        clock.record("index (alongside parse, link and render)", seconds: seconds)
        return result
    }

    func startPrintEdition(_ work: @escaping @Sendable () -> PrintOutcome) {
        printWork.set(BackgroundWork(work))
    }

    func waitForPrintEdition(_ clock: inout StageClock) -> PrintOutcome? {
        guard let work = printWork.get() else { return nil }
        let (result, seconds) = work.wait()
        clock.lap("print edition (waited for)")
        clock.record("print edition (alongside render)", seconds: seconds)
        return result
    }
}

/// A value shared between threads, behind a lock.
final class LockedValue<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func get() -> Value { lock.withLock { value } }
    func set(_ newValue: Value) { lock.withLock { value = newValue } }
}

/// What went wrong writing, as text, or nil: files are written on several threads, and the first
/// failure stops the build once they are all done.
func writeFailure(_ write: () throws -> Void) -> String? {
    do {
        try write()
        return nil
    } catch {
        return FileSystemFailure.describe(error)
    }
}
