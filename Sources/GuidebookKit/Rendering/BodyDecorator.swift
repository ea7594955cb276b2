import GuidebookMarkdown

/// Guidebook's edits to a page body as cmark renders it: resolved link URLs, heading ids with
/// a visible self-link, and task items as labelled checkboxes.
struct BodyDecorator: MarkdownDecorator {
    /// Link destination as written -> URL to write.
    let rewrites: [String: String]
    let checklists: ChecklistMarkup

    func destination(for link: MarkdownLink) -> String? {
        rewrites[link.destination]
    }

    func wrap(heading: MarkdownHeading) -> MarkupWrap {
        let id = HTMLEscaping.escape(heading.id)
        let text = HTMLEscaping.escape(heading.text)
        return MarkupWrap(
            before: "<div class=\"heading\"><h\(heading.level) id=\"\(id)\">",
            after: "</h\(heading.level)><a class=\"heading-link\" href=\"#\(id)\"><span aria-hidden=\"true\">#</span>"
                + "<span class=\"visually-hidden\">Link to the section: \(text)</span></a></div>\n")
    }

    func wrap(taskItem: MarkdownTaskItem, at place: TaskItemPlace) -> MarkupWrap {
        checklists.wrap(taskItem, at: place)
    }

    func wrap(taskListAt index: Int) -> MarkupWrap {
        checklists.wrap(listAt: index)
    }
}
