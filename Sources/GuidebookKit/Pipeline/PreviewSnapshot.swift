import GuidebookMarkdown

/// What a build keeps for `guidebook serve` so that an edit to one page's text shows at once:
/// when the edit leaves everything other pages show of it as it was (front matter, headings,
/// links, checklists), only that page is rendered again. The print edition, the search index
/// and the status page still need the full build that follows.
public struct PreviewSnapshot: Sendable {
    let renderer: PageRenderer
    let outlines: [MarkdownOutline]
    let rewrites: [[String: String]]
    let pageByContentPath: [String: Int]

    init(renderer: PageRenderer, outlines: [MarkdownOutline], rewrites: [[String: String]]) {
        self.renderer = renderer
        self.outlines = outlines
        self.rewrites = rewrites
        pageByContentPath = Dictionary(renderer.contexts.tree.pages.enumerated().map { ($1.contentPath, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The page's output path and new HTML, byte for byte what a full build would write for it;
    /// nil when the edit may change other pages or bring diagnostics, so a full build must decide.
    public func renderBodyEdit(contentPath: String, text: String) -> (outputPath: String, html: String)? {
        guard let index = pageByContentPath[contentPath] else { return nil }
        let page = renderer.contexts.tree.pages[index]
        // A glossary page's text is the definitions other pages show.
        guard !page.isGenerated, !page.frontMatter.isGlossary else { return nil }
        let parsed = FrontMatterParser.parse(text, path: page.sourcePath)
        guard parsed.diagnostics.isEmpty, parsed.frontMatter == page.frontMatter else { return nil }
        let outline = MarkdownParser.outline(of: parsed.body)
        guard Self.sameStructure(outline, outlines[index]) else { return nil }
        let checklists = ChecklistBuilder.checklists(pageOutputPath: page.outputPath, pageTitle: page.frontMatter.title, outline: outline)
        guard checklists == renderer.contexts.checklists[index] else { return nil }
        return (page.outputPath, renderer.render(page: index, rewrites: rewrites[index], body: parsed.body))
    }

    /// Headings (the contents list, anchors other pages link to) and links (backlinks, diagnostics)
    /// as before; where they sit in the text does not matter.
    static func sameStructure(_ new: MarkdownOutline, _ old: MarkdownOutline) -> Bool {
        structure(of: new) == structure(of: old)
    }

    static func structure(of outline: MarkdownOutline) -> [[String]] {
        outline.headings.map { ["h\($0.level)", $0.text, $0.id] } + outline.links.map { [$0.kind == .image ? "img" : "a", $0.destination] }
            + outline.rawHTML.map { ["html", $0.text] } + outline.templateSyntax.map { ["template", $0.text] }
            + outline.unclosedComments.map { _ in ["unclosed comment"] }
    }
}
