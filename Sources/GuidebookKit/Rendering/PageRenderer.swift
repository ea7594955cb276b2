import GuidebookMarkdown

/// The Render stage for one page: the body through cmark-gfm with Guidebook's edits,
/// then the theme's page template around it.
struct PageRenderer {
    let theme: Theme
    let contexts: PageContextBuilder
    let allowsRawHTML: Bool

    func render(page index: Int, rewrites: [String: String]) -> String {
        let page = contexts.tree.pages[index]
        let decorator = BodyDecorator(rewrites: rewrites, checklists: ChecklistMarkup())
        let body = MarkdownRenderer.html(for: page.body, allowsRawHTML: allowsRawHTML, decorator: decorator)
        let context = contexts.context(for: index, bodyHTML: body)
        guard let html = theme.templates.render(context, withTemplate: Theme.pageTemplate) else {
            preconditionFailure("the theme loader checks that the page template exists")
        }
        return html
    }
}
