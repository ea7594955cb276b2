import GuidebookMarkdown

/// The Render stage for one page: the body through cmark-gfm with Guidebook's edits,
/// then the theme's page template around it.
struct PageRenderer: Sendable {
    let theme: Theme
    let contexts: PageContextBuilder
    let glossary: GlossaryIndex
    let allowsRawHTML: Bool
    private let sidebars: SidebarCache?

    init(theme: Theme, contexts: PageContextBuilder, glossary: GlossaryIndex, allowsRawHTML: Bool, cachesSidebars: Bool = true) {
        self.theme = theme
        self.contexts = contexts
        self.glossary = glossary
        self.allowsRawHTML = allowsRawHTML
        sidebars = cachesSidebars ? SidebarCache(tree: contexts.tree, theme: theme, contexts: contexts) : nil
    }

    /// `body` stands in for the page's own when `serve` shows an edit before the full build.
    func render(page index: Int, rewrites: [String: String], body newBody: String? = nil) -> String {
        let page = contexts.tree.pages[index]
        let pages = contexts.tree.pages
        let decorator = BodyDecorator(rewrites: rewrites, checklists: ChecklistMarkup(checklists: contexts.checklists[index]),
                                      glossary: GlossaryMatcher(index: glossary, excludingPage: index),
                                      glossaryURL: { OutputPath.relativeURL(from: page.outputPath, to: pages[$0.page].outputPath) })
        let body = MarkdownRenderer.html(for: newBody ?? page.body, allowsRawHTML: allowsRawHTML, decorator: decorator)
        return renderPageTemplate(contexts.context(for: index, bodyHTML: body, sidebarHTML: sidebar(for: index)))
    }

    func render(_ generated: GeneratedPage) -> String {
        var bodyContext: [String: Any] = generated.context
        bodyContext["site"] = contexts.siteContext(from: generated.outputPath)
        let body = theme.templates.render(bodyContext, withTemplate: generated.templateName) ?? ""
        if generated.isStandalone { return body }
        let sidebar = theme.templates.render(contexts.sidebarContext(for: generated), withTemplate: SidebarCache.templateName) ?? ""
        return renderPageTemplate(contexts.context(for: generated, bodyHTML: body, sidebarHTML: sidebar))
    }

    /// A page's body as the print edition shows it.
    func renderForPrint(page index: Int, rewrites: [String: String]) -> String {
        let page = contexts.tree.pages[index]
        return MarkdownRenderer.html(for: page.body, allowsRawHTML: allowsRawHTML, decorator: PrintDecorator(page: page, rewrites: rewrites))
    }

    /// The theme's sidebar for a page, from the cache when there is one.
    func sidebar(for index: Int) -> String {
        if let sidebars { return sidebars.sidebar(for: index) }
        return theme.templates.render(contexts.sidebarContext(for: index, markingCurrent: false), withTemplate: SidebarCache.templateName) ?? ""
    }

    private func renderPageTemplate(_ context: [String: Any]) -> String {
        guard let html = theme.templates.render(context, withTemplate: Theme.pageTemplate) else {
            preconditionFailure("the theme loader checks that the page template exists")
        }
        return html
    }
}
