import Foundation
import GuidebookMarkdown

/// Runs the stages: Load -> Parse -> Link -> Render -> Write. Never prints; the commands do.
public struct SiteBuilder: Sendable {
    public var options: BuildOptions

    public init(options: BuildOptions) {
        self.options = options
    }

    /// Content problems come back as diagnostics; only environment failures throw.
    /// Nothing is written unless the build is clean (no errors; no warnings when strict).
    /// `input` is consumed: once the pages are loaded, the Markdown files' bytes are let go.
    public func build(_ input: consuming ProjectInput, into output: some OutputConsumer) throws -> BuildResult {
        var clock = StageClock()

        // Load
        var diagnostics: [Diagnostic] = []
        let configuration: SiteConfiguration
        if let text = input.configurationText {
            let (loaded, problems) = SiteConfigurationLoader.load(text: text)
            configuration = loaded
            diagnostics += problems
        } else {
            configuration = SiteConfiguration()
            diagnostics.append(
                .error(
                    .invalidConfiguration, "no \(SiteConfiguration.fileName) in the project folder",
                    at: SourceLocation(path: SiteConfiguration.fileName), notes: ["create it with at least 'title: Your guide title'"]))
        }
        let content = ContentLoader.load(files: input.contentFiles, contentFolderName: input.contentFolderName, includeDrafts: options.includeDrafts)
        let assetFiles = input.contentFiles.filter { !$0.key.hasSuffix(".md") }
        let fileRecords = options.recordsCache ? CacheRecording.files(input.contentFiles, stamps: input.stamps) : [:]
        let frontMatterHashes = options.recordsCache ? CacheRecording.frontMatterHashes(content.pages, files: input.contentFiles) : []
        let lastUpdatedByPath = input.lastUpdated
        let projectRoot = input.root
        diagnostics += input.loadDiagnostics + content.diagnostics
        _ = consume input
        let (theme, themeProblems) = ThemeLoader.load(
            named: configuration.theme, searchFolders: options.themeSearchFolders,
            projectRoot: projectRoot, configurationLocation: configuration.themeLocation)
        diagnostics += themeProblems
        let (brand, brandProblems) = BrandFiles.load(configuration, projectRoot: projectRoot)
        diagnostics += brandProblems
        if configuration.hasSearch, Stemmer.algorithm(forLanguage: configuration.language) == nil {
            diagnostics.append(
                .warning(
                    .searchLanguage, "Snowball has no stemmer for language '\(configuration.language)'; search will match whole words only",
                    at: SourceLocation(path: SiteConfiguration.fileName),
                    notes: ["Snowball languages: \(Stemmer.algorithms.sorted().joined(separator: ", "))"]))
        }
        clock.lap("load")

        // A tree needs a home page: with no page loaded, the load diagnostics say why.
        let pages = content.pages
        guard !pages.isEmpty else {
            output.discard()
            return BuildResult(pagesWritten: [], diagnostics: diagnostics, timings: clock.timings, didWrite: false)
        }
        let tree = SiteTree(pages: pages)

        // The index starts here, on each batch of pages as it is parsed, and is built and written
        // beside the rest of the build; what comes back is the first write failure.
        let sectionFeed = configuration.hasSearch ? SectionFeed(pageCount: pages.count) : nil
        let (recordsCache, previousSite) = (options.recordsCache, options.previousSite)
        let searchWork = sectionFeed.map { feed in
            let (language, cacheBlobs) = (configuration.language, options.cacheBlobs)
            return BackgroundWork { () -> SearchStage.Output in
                SearchStage.build(
                    tree: tree, sections: feed, language: language, cacheBlobs: cacheBlobs, previous: previousSite,
                    write: { files in
                        // A failing build waits for the index: it need not write first.
                        if feed.isCancelled { return "cancelled" }
                        return files.concurrentMap { file in
                            failure { try output.write(Data(file.contents.utf8), to: file.path) }
                        }.compactMap { $0 }.first
                    },
                    keep: output.keepAll)
            }
        }
        // Whatever ends the build, the index has stopped writing before the output is discarded.
        let stopIndex = {
            sectionFeed?.cancel()
            _ = searchWork?.wait()
        }
        defer { stopIndex() }

        // Parse, in the index's batches of the reading order. The sections' text is for the index
        // alone: it is handed over, and the outlines keep the rest once the pages are linked.
        var outlines = Self.parse(pages, tree: tree, feed: sectionFeed)
        diagnostics += HeadingCheck.check(pages: pages, outlines: outlines)
        diagnostics += BodyMarkupCheck.check(pages: pages, outlines: outlines, allowsRawHTML: configuration.allowsRawHTML)
        clock.lap("parse")

        // Link
        let linked = LinkStage.link(pages: pages, outlines: outlines, content: content, tree: tree)
        diagnostics += linked.diagnostics
        diagnostics += ReviewCheck.check(pages: pages, today: options.today)
        if configuration.hasSearch { diagnostics += SearchSynonyms.unusedWarnings(configuration.synonyms, pages: pages, outlines: outlines) }
        clock.lap("link")

        let failed = diagnostics.contains(where: \.isError) || (options.strict && !diagnostics.isEmpty)
        guard !failed, let theme else {
            stopIndex()
            output.discard()
            var result = BuildResult(pagesWritten: [], diagnostics: diagnostics, timings: clock.timings, didWrite: false)
            result.pagesChecked = pages.count
            return result
        }

        // Render and write
        for index in outlines.indices { outlines[index].sections = [] }
        let pageOutlines = outlines
        let checklists = pages.indices.map {
            ChecklistBuilder.checklists(pageOutputPath: pages[$0].outputPath, pageTitle: pages[$0].frontMatter.title, outline: pageOutlines[$0])
        }
        var generated: [PendingGeneratedPage] = []
        // Pages link to the print edition before it is rendered, so its path is known up front.
        let printPath: Set<String> = theme.templates.getTemplate(named: "print") != nil ? [PrintEdition.path] : []
        if theme.templates.getTemplate(named: "checklists") != nil {
            generated.append(PendingGeneratedPage(GeneratedPages.checklistsPath) { GeneratedPages.checklists(tree: tree, checklists: checklists) })
        }
        if configuration.hasSearch, theme.templates.getTemplate(named: "search") != nil {
            generated.append(PendingGeneratedPage(GeneratedPages.searchPath) { GeneratedPages.search() })
        }
        if theme.templates.getTemplate(named: "404") != nil {
            generated.append(PendingGeneratedPage(GeneratedPages.notFoundPath) { GeneratedPages.notFound() })
        }
        let lastUpdated = pages.map { lastUpdatedByPath[$0.contentPath] }
        if theme.templates.getTemplate(named: "tags") != nil {
            let graph = linked.graph
            generated.append(PendingGeneratedPage(GeneratedPages.tagsPath) { GeneratedPages.tags(tree: tree, graph: graph) })
        }
        if theme.templates.getTemplate(named: "status") != nil {
            let (today, problems) = (options.today, diagnostics)
            generated.append(
                PendingGeneratedPage(GeneratedPages.statusPath) {
                    GeneratedPages.status(tree: tree, lastUpdated: lastUpdated, today: today, diagnostics: problems)
                })
        }
        let contexts = PageContextBuilder(
            tree: tree, configuration: configuration, outlines: pageOutlines, checklists: checklists,
            generatedPaths: Set(generated.map(\.outputPath)).union(printPath), searchManifestPath: SearchShardWriter.manifestPath,
            graph: linked.graph, lastUpdated: lastUpdated, today: options.today)
        let renderer = PageRenderer(
            theme: theme, contexts: contexts, glossary: GlossaryIndex(linked.glossary), allowsRawHTML: configuration.allowsRawHTML,
            cachesSidebars: options.cachesSidebars)
        // The print edition renders beside the pages, and the generated pages (a few large ones) go
        // first in the queue, so neither runs alone on one core at the end.
        let printWork =
            printPath.isEmpty
            ? nil
            : BackgroundWork { () -> (failure: String?, written: PrintEditionWriter.Written) in
                var written = PrintEditionWriter.Written()
                let writeFailure = failure {
                    written = try PrintEditionWriter.write(
                        tree: tree, renderer: renderer, printRewrites: linked.printRewrites, to: output,
                        fingerprints: recordsCache, previous: previousSite)
                }
                return (writeFailure, written)
            }
        let jobs = generated.map(RenderJob.generated) + pages.indices.map(RenderJob.page)
        let rendered = jobs.concurrentMap { job -> RenderedPage in
            switch job {
            case .generated(let pending):
                let page = pending.make()
                let html = renderer.render(page)
                return RenderedPage(failure: failure { try output.write(Data(html.utf8), to: page.outputPath) })
            case .page(let index):
                let path = pages[index].outputPath
                return Self.renderPage(
                    index, renderer: renderer, rewrites: linked.rewrites[index], fingerprints: recordsCache,
                    previous: previousSite?.pages[path], to: output)
            }
        }
        var writeErrors = rendered.map(\.failure)
        clock.lap("render pages")
        var printWritten = PrintEditionWriter.Written()
        if let printWork {
            let (result, seconds) = printWork.wait()
            writeErrors.append(result.failure)
            printWritten = result.written
            clock.lap("print edition (waited for)")
            clock.record("print edition (alongside render)", seconds: seconds)
        }
        var searchState: SearchState?
        var pageDocuments: [Range<Int>] = []
        var searchFingerprints: [UInt64] = []
        var searchWasUpdated = false
        if let searchWork {
            let (result, searchSeconds) = searchWork.wait()
            writeErrors.append(result.failure)
            searchState = result.state
            pageDocuments = result.pageDocuments
            searchFingerprints = result.fingerprints
            searchWasUpdated = result.wasUpdated
            clock.lap("index (waited for)")
            clock.record("index (alongside parse, link and render)", seconds: searchSeconds)
        }
        do {
            if let failure = writeErrors.compactMap({ $0 }).first {
                throw BuildError(stage: "write", path: "", reason: failure)
            }
            for asset in content.assets where linked.publishedAssets.contains(asset.contentPath) {
                guard let data = assetFiles[asset.contentPath] else { continue }
                try output.write(data, to: asset.outputPath)
            }
            for (relative, source) in theme.assetSources.sorted(by: { $0.key < $1.key }) {
                try output.copyFile(from: source, to: "assets/\(relative)")
            }
            for (path, data) in brand.files.sorted(by: { $0.key < $1.key }) {
                try output.write(data, to: path)
            }
            if configuration.hasSearch {
                let synonyms = SearchSynonyms(configured: configuration.synonyms, glossary: linked.glossary.entries)
                try output.write(Data(synonyms.file.contents.utf8), to: SearchSynonyms.path)
            }
            try output.commit()
        } catch {
            output.discard()
            throw error
        }
        clock.lap("write")
        var result = BuildResult(
            pagesWritten: pages.map(\.outputPath) + generated.map(\.outputPath) + printPath.sorted(),
            diagnostics: diagnostics, timings: clock.timings, didWrite: true)
        result.pagesKept = rendered.filter(\.wasKept).count
        result.pagesChecked = pages.count
        result.searchWasUpdated = searchWasUpdated
        if options.keepsPreviewSnapshot {
            result.previewSnapshot = PreviewSnapshot(renderer: renderer, outlines: pageOutlines, rewrites: linked.rewrites)
        }
        // With search on, a cache without the index's state (its blobs could not be written) would
        // leave the index behind at the next edit: no cache then.
        if recordsCache, searchState != nil || !configuration.hasSearch {
            let bodyRanges = Dictionary(
                uniqueKeysWithValues: zip(jobs, rendered).compactMap { job, result -> (Int, Range<Int>)? in
                    guard case .page(let index) = job, let range = result.bodyRange else { return nil }
                    return (index, range)
                })
            let fingerprints = Dictionary(
                uniqueKeysWithValues: zip(jobs, rendered).compactMap { job, result -> (Int, PageFingerprint)? in
                    guard case .page(let index) = job, let fingerprint = result.fingerprint else { return nil }
                    return (index, fingerprint)
                })
            result.cache = CacheRecording.cache(
                tree: tree, outlines: pageOutlines, checklists: checklists, linked: linked,
                files: fileRecords, frontMatterHashes: frontMatterHashes, bodyRanges: bodyRanges,
                printRanges: printWritten.bodyRanges, fingerprints: fingerprints,
                printFingerprints: printWritten.fingerprints, search: searchState, pageDocuments: pageDocuments,
                searchFingerprints: searchFingerprints,
                hasPrintEdition: !printPath.isEmpty, allowsRawHTML: configuration.allowsRawHTML,
                diagnostics: diagnostics)
        }
        return result
    }
}

extension SiteBuilder {
    /// Every page's outline, by page index; parsed in batches of the reading order, each batch's
    /// sections given to `feed` as soon as it is parsed.
    fileprivate static func parse(_ pages: [SourcePage], tree: SiteTree, feed: SectionFeed?) -> [MarkdownOutline] {
        guard let feed else { return pages.concurrentMap { MarkdownParser.outline(of: $0.body) } }
        var outlines: [MarkdownOutline?] = Array(repeating: nil, count: pages.count)
        let order = tree.readingOrder + tree.pagesOutsideReadingOrder
        for start in stride(from: 0, to: order.count, by: SearchStage.batchSize) {
            let batch = Array(order[start..<min(start + SearchStage.batchSize, order.count)])
            let parsed = batch.concurrentMap { MarkdownParser.outline(of: pages[$0].body) }
            for (index, outline) in zip(batch, parsed) { outlines[index] = outline }
            feed.give(zip(batch, parsed).map { (index: $0, sections: $1.sections) })
        }
        return outlines.map { $0! }
    }

    /// One page, rendered and written; or, when its fingerprint is the one the last build recorded
    /// (`PreviousSite`), its old file kept. Fingerprints are made only for the build cache.
    fileprivate static func renderPage(
        _ index: Int, renderer: PageRenderer, rewrites: [String: String], fingerprints: Bool,
        previous: PreviousSite.Page?, to output: some OutputConsumer
    ) -> RenderedPage {
        let path = renderer.contexts.tree.pages[index].outputPath
        let shell = fingerprints ? renderer.shell(page: index, rewrites: rewrites) : nil
        if let shell, let previous, previous.fingerprint == shell.fingerprint {
            var kept = false
            let keepFailure = failure { kept = try output.keep(path) }
            if kept || keepFailure != nil {
                return RenderedPage(failure: keepFailure, bodyRange: previous.bodyRange, fingerprint: shell.fingerprint, wasKept: true)
            }
        }
        let rendered = renderer.renderLocatingBody(page: index, rewrites: rewrites, shell: shell)
        return RenderedPage(
            failure: failure { try output.write(Data(rendered.html.utf8), to: path) }, bodyRange: rendered.bodyRange,
            fingerprint: shell?.fingerprint)
    }
}

/// What went wrong writing, as text, or nil: files are written on several threads, and the first
/// failure stops the build once they are all done.
private func failure(_ write: () throws -> Void) -> String? {
    do {
        try write()
        return nil
    } catch {
        return FileSystemFailure.describe(error)
    }
}

/// One page for the Render stage to write.
/// What rendering one page gave: the write's failure, where its body is, its fingerprint (for the
/// build cache), and whether its file was kept from the last build instead.
struct RenderedPage: Sendable {
    var failure: String?
    var bodyRange: Range<Int>?
    var fingerprint: PageFingerprint?
    var wasKept = false
}

enum RenderJob: Sendable {
    case generated(PendingGeneratedPage)
    case page(Int)
}

/// A generated page, made by the worker that renders it: made up front and held to the end of
/// the build, the contexts of the pages that list every page were 24 MB at 10,000 pages.
struct PendingGeneratedPage: Sendable {
    var outputPath: String
    var make: @Sendable () -> GeneratedPage

    init(_ outputPath: String, make: @escaping @Sendable () -> GeneratedPage) {
        self.outputPath = outputPath
        self.make = make
    }
}

/// Wall time per stage.
struct StageClock {
    private(set) var timings: [StageTiming] = []
    private var start = ContinuousClock.now

    mutating func record(_ stage: String, seconds: Double) {
        timings.append(StageTiming(stage: stage, seconds: seconds))
    }

    mutating func lap(_ stage: String) {
        let now = ContinuousClock.now
        let elapsed = now - start
        timings.append(StageTiming(stage: stage, seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18))
        start = now
    }
}

/// Maps a cmark position in a page body to a location in its file.
enum PageLocation {
    static func of(_ position: MarkdownPosition, in page: SourcePage, source: SourceText) -> SourceLocation {
        SourceLocation(
            path: page.sourcePath, line: page.bodyFirstLine + position.line - 1,
            column: source.characterColumn(line: position.line, utf8Column: position.utf8Column))
    }
}

/// The page title is the page's only h1; a `#` heading in the body would be a second one.
enum HeadingCheck {
    static func check(pages: [SourcePage], outlines: [MarkdownOutline]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for (page, outline) in zip(pages, outlines) where outline.headings.contains(where: { $0.level == 1 }) {
            let source = SourceText(page.body)
            for heading in outline.headings where heading.level == 1 {
                diagnostics.append(
                    .warning(
                        .headingLevel, "level 1 heading '\(heading.text)' in the body; the page title is the page's only level 1 heading",
                        at: PageLocation.of(heading.position, in: page, source: source), notes: ["use '##' for the sections of a page"]))
            }
        }
        return diagnostics
    }
}
