import Foundation
import GuidebookMarkdown
import GuidebookTestSupport
import Testing

@testable import GuidebookKit

struct SectionFeedTests {
    private func sections(_ text: String) -> [MarkdownSection] {
        MarkdownParser.outline(of: text).sections
    }

    @Test func aTakeWaitsForEveryPageItAsksFor() async throws {
        let feed = SectionFeed(pageCount: 3)
        let returned = Flag()
        let taken = BackgroundWork { () -> [[MarkdownSection]]? in
            defer { returned.set() }
            return feed.take([2, 0])
        }
        feed.give([(index: 0, sections: sections("zero"))])
        // Page 2 is not given yet: the take must still be waiting.
        try await Task.sleep(for: .milliseconds(200))
        #expect(!returned.isSet)
        feed.give([(index: 1, sections: sections("one")), (index: 2, sections: sections("two"))])
        let result = try #require(taken.wait().result)
        #expect(result.map { $0.map { $0.text.trimmingCharacters(in: .newlines) } } == [["two"], ["zero"]])
        // Taken pages are let go.
        #expect(feed.take([0]) == [[]])
        #expect(feed.take([1])?.first?.first?.text.trimmingCharacters(in: .newlines) == "one")
    }

    @Test func cancellingWakesAWaitingTakeWithNothing() {
        let feed = SectionFeed(pageCount: 2)
        let taken = BackgroundWork { feed.take([0, 1]) }
        feed.give([(index: 0, sections: sections("zero"))])
        feed.cancel()
        #expect(taken.wait().result == nil)
        #expect(feed.take([0]) == nil)
    }

    /// The index starts while pages are being parsed: a build that fails at the link stage must
    /// have stopped it before the output is discarded, so nothing is written after.
    @Test func aFailingBuildStopsTheIndexBeforeDiscarding() throws {
        var files = ["index.md": TestSite.page("Home", "[gone](missing.md)")]
        for number in 0..<(SearchStage.batchSize * 3) {
            files["page-\(number).md"] = TestSite.page("Page \(number)", "## Section\n\nWords about partnership \(number).")
        }
        let site = TestSite(files)
        let output = DiscardWatchingOutput()
        let options = BuildOptions(themeSearchFolders: ThemeLoader.searchFolders(projectRoot: site.input.root), today: TestSite.today)
        let result = try SiteBuilder(options: options).build(site.input, into: output)
        #expect(!result.didWrite)
        #expect(result.diagnostics.map(\.code) == [.brokenLink])
        #expect(output.discards == 1)
        #expect(output.writesAfterDiscard == 0)
    }
}

private final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false

    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
}

/// Counts writes that come after `discard`.
private final class DiscardWatchingOutput: OutputConsumer, @unchecked Sendable {
    private let lock = NSLock()
    private var discarded = 0
    private var lateWrites = 0

    var discards: Int { lock.withLock { discarded } }
    var writesAfterDiscard: Int { lock.withLock { lateWrites } }

    func write(_ data: Data, to path: String) throws {
        lock.withLock { if discarded > 0 { lateWrites += 1 } }
    }

    func copyFile(from source: URL, to path: String) throws {
        try write(Data(), to: path)
    }

    func commit() throws {}

    func discard() {
        lock.withLock { discarded += 1 }
        // A discard that takes a while (a large staging folder): an index still running would write.
        Thread.sleep(forTimeInterval: 1)
    }
}
