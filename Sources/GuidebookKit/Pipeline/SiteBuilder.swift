import Foundation
import GuidebookMarkdown

/// Runs the stages: Load -> Parse -> Link -> Render -> Write, with the Index stage (search) beside
/// them from Parse on (`BuildSchedule`). Each stage is a function from the last stage's value to its
/// own. Never prints; the commands do.
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
        let loaded = LoadStage.load(input, options: options)
        clock.lap("load")
        // A tree needs a home page: with no page loaded, the load diagnostics say why.
        guard !loaded.pages.isEmpty else {
            output.discard()
            return BuildResult(pagesWritten: [], diagnostics: loaded.diagnostics, timings: clock.timings, didWrite: false)
        }
        let tree = SiteTree(pages: loaded.pages)
        let schedule = BuildSchedule(tree: tree, configuration: loaded.configuration, options: options, output: output)
        defer { schedule.stopIndex() }

        let parsed = ParseStage.parse(loaded.pages, tree: tree, feed: schedule.sectionFeed, allowsRawHTML: loaded.configuration.allowsRawHTML)
        clock.lap("parse")
        let linked = LinkStage.link(pages: loaded.pages, outlines: parsed.outlines, content: loaded.content, tree: tree)
        let diagnostics = loaded.diagnostics + parsed.diagnostics + linked.diagnostics + Self.checks(loaded, parsed, today: options.today)
        clock.lap("link")

        let failed = diagnostics.contains(where: \.isError) || (options.strict && !diagnostics.isEmpty)
        guard !failed || options.keepsGoing, let theme = loaded.theme else {
            schedule.stopIndex()
            output.discard()
            var result = BuildResult(pagesWritten: [], diagnostics: diagnostics, timings: clock.timings, didWrite: false)
            result.pagesChecked = loaded.pages.count
            return result
        }
        let rendered = RenderStage.render(
            loaded, theme: theme, tree: tree, parsed: parsed, linked: linked, diagnostics: diagnostics, options: options,
            schedule: schedule, output: output, clock: &clock)
        let index = schedule.waitForIndex(&clock)
        try WriteStage.finish(loaded, theme: theme, linked: linked, writeFailures: rendered.writeFailures + [index?.failure], output: output)
        clock.lap("write")
        return result(loaded, tree: tree, linked: linked, rendered: rendered, index: index, diagnostics: diagnostics, timings: clock.timings)
    }

    /// Checks that need every page linked: review dates, and synonyms that name words no page uses.
    private static func checks(_ loaded: LoadedSite, _ parsed: ParsedSite, today: CalendarDate) -> [Diagnostic] {
        var diagnostics = ReviewCheck.check(pages: loaded.pages, today: today)
        if loaded.configuration.hasSearch {
            diagnostics += SearchSynonyms.unusedWarnings(loaded.configuration.synonyms, pages: loaded.pages, outlines: parsed.outlines)
        }
        return diagnostics
    }
}
