import GuidebookMarkdown

/// The Render stage for one page: the body through cmark-gfm with Guidebook's edits,
/// then the theme's page template around it.
struct PageRenderer: Sendable {
    let theme: Theme
    let contexts: PageContextBuilder
    let glossary: GlossaryIndex
    let allowsRawHTML: Bool

    func render(page index: Int, rewrites: [String: String]) -> String {
        let page = contexts.tree.pages[index]
        let pages = contexts.tree.pages
        let decorator = BodyDecorator(rewrites: rewrites, checklists: ChecklistMarkup(checklists: contexts.checklists[index]),
                                      glossary: GlossaryMatcher(index: glossary, excludingPage: index),
                                      glossaryURL: { OutputPath.relativeURL(from: page.outputPath, to: pages[$0.page].outputPath) })
        let body = MarkdownRenderer.html(for: page.body, allowsRawHTML: allowsRawHTML, decorator: decorator)
        return renderPageTemplate(contexts.context(for: index, bodyHTML: body))
    }

    func render(_ generated: GeneratedPage) -> String {
        var bodyContext: [String: Any] = generated.context
        bodyContext["site"] = contexts.siteContext(from: generated.outputPath)
        let body = theme.templates.render(bodyContext, withTemplate: generated.templateName) ?? ""
        if generated.isStandalone { return body }
        return renderPageTemplate(contexts.context(for: generated, bodyHTML: body))
    }

    /// A page's body as the print edition shows it.
    func renderForPrint(page index: Int, rewrites: [String: String]) -> String {
        let page = contexts.tree.pages[index]
        return MarkdownRenderer.html(for: page.body, allowsRawHTML: allowsRawHTML, decorator: PrintDecorator(page: page, rewrites: rewrites))
    }

    private func renderPageTemplate(_ context: [String: Any]) -> String {
        guard let html = theme.templates.render(context, withTemplate: Theme.pageTemplate) else {
            preconditionFailure("the theme loader checks that the page template exists")
        }
        return html
    }
}
