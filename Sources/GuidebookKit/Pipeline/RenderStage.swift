import Foundation
import GuidebookMarkdown

/// The Render stage's value: every page rendered and written (or kept from the last build), the
/// generated pages and the print edition, and what the build cache records of them.
struct RenderedSite {
    var renderer: PageRenderer
    /// The outlines without their sections' text (that was the index's).
    var outlines: [MarkdownOutline]
    var checklists: [[Checklist]]
    var generatedPaths: [String]
    var printPaths: [String]
    var jobs: [RenderJob]
    var pages: [RenderedPage]
    /// What the cache records of `print.html`, and of the sections' editions (each page is in one at most).
    var printWritten: PrintEditionWriter.Written
    var sectionPrintWritten: PrintEditionWriter.Written
    /// The first failure of each write, nil where it succeeded.
    var writeFailures: [String?]

    /// What the build wrote, in the result's order: pages, generated pages, the print edition.
    var pagesWritten: [String] { renderer.contexts.tree.pages.map(\.outputPath) + generatedPaths + printPaths }
}

enum RenderStage {
    static func render<Output: OutputConsumer>(
        _ loaded: LoadedSite, theme: Theme, tree: SiteTree, parsed: ParsedSite, linked: LinkedSite, diagnostics: [Diagnostic],
        options: BuildOptions, schedule: BuildSchedule<Output>, output: Output, clock: inout StageClock
    ) -> RenderedSite {
        var outlines = parsed.outlines
        for index in outlines.indices { outlines[index].sections = [] }
        let pages = loaded.pages
        let pageOutlines = outlines
        let checklists = pages.indices.map {
            ChecklistBuilder.checklists(pageOutputPath: pages[$0].outputPath, pageTitle: pages[$0].frontMatter.title, outline: pageOutlines[$0])
        }
        let lastUpdated = pages.map { loaded.lastUpdated[$0.contentPath] }
        let generated = GeneratedPages.pending(
            theme: theme, configuration: loaded.configuration, tree: tree, checklists: checklists, graph: linked.graph,
            lastUpdated: lastUpdated, today: options.today, diagnostics: diagnostics)
        // Pages link to the print editions before they are rendered, so their paths are known up front.
        let editions = theme.templates.getTemplate(named: "print") != nil ? PrintEdition.editions(tree: tree) : []
        let printPaths = editions.map(\.outputPath)
        let contexts = PageContextBuilder(
            tree: tree, configuration: loaded.configuration, outlines: pageOutlines, checklists: checklists,
            generatedPaths: Set(generated.map(\.outputPath)).union(printPaths), searchManifestPath: SearchShardWriter.manifestPath,
            graph: linked.graph, lastUpdated: lastUpdated, today: options.today,
            sectionEditions: Dictionary(editions.filter { $0.section != nil }.map { ($0.outputPath, $0.pages.count) }, uniquingKeysWith: { first, _ in first }))
        let renderer = PageRenderer(
            theme: theme, contexts: contexts, glossary: GlossaryIndex(linked.glossary), allowsRawHTML: loaded.configuration.allowsRawHTML,
            cachesSidebars: options.cachesSidebars)
        // The print editions render beside the pages, one after another, and the generated pages (a
        // few large ones) go first in the queue, so neither runs alone on one core at the end.
        if !editions.isEmpty {
            let (recordsCache, previous) = (options.recordsCache, options.previousSite)
            schedule.startPrintEdition {
                var outcome = BuildSchedule<Output>.PrintOutcome(failure: nil, written: .init(), sectionsWritten: .init())
                for edition in editions {
                    var written = PrintEditionWriter.Written()
                    outcome.failure = writeFailure {
                        written = try PrintEditionWriter.write(
                            edition, tree: tree, renderer: renderer,
                            rewrites: edition.section == nil ? linked.printRewrites : linked.sectionPrintRewrites, to: output,
                            fingerprints: recordsCache, previous: previous)
                    }
                    if outcome.failure != nil { break }
                    if edition.section == nil {
                        outcome.written = written
                    } else {
                        outcome.sectionsWritten.add(written)
                    }
                }
                return outcome
            }
        }
        let jobs = generated.map(RenderJob.generated) + pages.indices.map(RenderJob.page)
        let rendered = jobs.concurrentMap { job in
            renderJob(job, renderer: renderer, rewrites: linked.rewrites, options: options, output: output)
        }
        clock.lap("render pages")
        let print = schedule.waitForPrintEdition(&clock)
        return RenderedSite(
            renderer: renderer, outlines: pageOutlines, checklists: checklists, generatedPaths: generated.map(\.outputPath),
            printPaths: printPaths, jobs: jobs, pages: rendered, printWritten: print?.written ?? PrintEditionWriter.Written(),
            sectionPrintWritten: print?.sectionsWritten ?? PrintEditionWriter.Written(),
            writeFailures: rendered.map(\.failure) + (print.map { [$0.failure] } ?? []))
    }

    private static func renderJob(
        _ job: RenderJob, renderer: PageRenderer, rewrites: [[String: String]], options: BuildOptions, output: some OutputConsumer
    ) -> RenderedPage {
        switch job {
        case .generated(let pending):
            let page = pending.make()
            let html = renderer.render(page)
            return RenderedPage(failure: writeFailure { try output.write(Data(html.utf8), to: page.outputPath) })
        case .page(let index):
            let path = renderer.contexts.tree.pages[index].outputPath
            return renderPage(
                index, renderer: renderer, rewrites: rewrites[index], fingerprints: options.recordsCache,
                previous: options.previousSite?.pages[path], to: output)
        }
    }

    /// One page, rendered and written; or, when its fingerprint is the one the last build recorded
    /// (`PreviousSite`), its old file kept. Fingerprints are made only for the build cache.
    private static func renderPage(
        _ index: Int, renderer: PageRenderer, rewrites: [String: String], fingerprints: Bool,
        previous: PreviousSite.Page?, to output: some OutputConsumer
    ) -> RenderedPage {
        let path = renderer.contexts.tree.pages[index].outputPath
        let shell = fingerprints ? renderer.shell(page: index, rewrites: rewrites) : nil
        if let shell, let previous, previous.fingerprint == shell.fingerprint {
            var kept = false
            let keepFailure = writeFailure { kept = try output.keep(path) }
            if kept || keepFailure != nil {
                return RenderedPage(failure: keepFailure, bodyRange: previous.bodyRange, fingerprint: shell.fingerprint, wasKept: true)
            }
        }
        let rendered = renderer.renderLocatingBody(page: index, rewrites: rewrites, shell: shell)
        return RenderedPage(
            failure: writeFailure { try output.write(Data(rendered.html.utf8), to: path) }, bodyRange: rendered.bodyRange,
            fingerprint: shell?.fingerprint)
    }
}

/// What rendering one page gave: the write's failure, where its body is, its fingerprint (for the
/// build cache), and whether its file was kept from the last build instead.
struct RenderedPage: Sendable {
    var failure: String?
    var bodyRange: Range<Int>?
    var fingerprint: PageFingerprint?
    var wasKept = false
}

/// One page for the Render stage to write: a generated page or a content page (by index).
enum RenderJob: Sendable {
    case generated(PendingGeneratedPage)
    case page(Int)
}
