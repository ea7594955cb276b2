import GuidebookMarkdown

/// What in a page's body is not Markdown and would not show as its writer meant. Raw HTML is left
/// out of pages unless guidebook.yml allows it (`unsafe_html: true`), and each place gets a warning
/// so an editor knows why it is missing; comments are left out without a word, but one that is
/// never closed is an error (Markdown shows it as text). Another tool's template tags (a Hugo
/// shortcode, Liquid, ERB) would be shown as they are: a warning at each.
enum BodyMarkupCheck {
    static func check(pages: [SourcePage], outlines: [MarkdownOutline], allowsRawHTML: Bool) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for (page, outline) in zip(pages, outlines)
        where !outline.unclosedComments.isEmpty || !outline.templateSyntax.isEmpty || (!allowsRawHTML && !outline.rawHTML.isEmpty) {
            let source = SourceText(page.body)
            for position in outline.unclosedComments {
                diagnostics.append(
                    .error(
                        .rawHTML, "a comment starts here ('<!--') but is never closed, so its text would be shown to readers",
                        at: PageLocation.of(position, in: page, source: source), notes: ["end the comment with '-->'"]))
            }
            for html in allowsRawHTML ? [] : outline.rawHTML {
                diagnostics.append(
                    .warning(
                        .rawHTML, "raw HTML '\(firstLine(of: html.text))' is left out of the page",
                        at: PageLocation.of(html.position, in: page, source: source),
                        notes: ["write it in Markdown, or allow raw HTML with 'unsafe_html: true' in guidebook.yml"]))
            }
            for tag in outline.templateSyntax {
                diagnostics.append(
                    .warning(
                        .templateSyntax, "'\(firstLine(of: tag.text))' looks like another tool's template tag; Guidebook shows it as text",
                        at: PageLocation.of(tag.position, in: page, source: source),
                        notes: ["write what it stands for in Markdown, or put it in `code` if it is an example"]))
            }
        }
        return diagnostics
    }

    private static func firstLine(of text: String) -> String {
        text.split(whereSeparator: \.isNewline).first.map { String($0.prefix(60)) } ?? ""
    }
}
