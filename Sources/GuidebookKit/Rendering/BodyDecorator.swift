import GuidebookMarkdown

/// Guidebook's edits to a page body as cmark renders it: resolved link URLs, heading ids with
/// a visible self-link, and task items as labelled checkboxes.
struct BodyDecorator: MarkdownDecorator {
    /// Link destination as written -> URL to write.
    let rewrites: [String: String]
    let checklists: ChecklistMarkup
    let glossary: GlossaryMatcher
    /// From this page to each glossary page: the relative URL of its file.
    let glossaryURL: (Glossary.Entry) -> String

    /// The first use of each glossary term on the page links to its entry; an abbreviation is
    /// also an `<abbr>` whose title is the definition.
    func marks(inText text: String) -> [TextMark] {
        glossary.matches(in: text).map { match in
            let entry = match.entry
            let href = HTMLEscaping.escape(glossaryURL(entry) + "#" + entry.headingID)
            let wrap =
                entry.isAbbreviation
                ? MarkupWrap(
                    before: "<a class=\"glossary-term\" href=\"\(href)\"><abbr title=\"\(HTMLEscaping.escape(entry.definition))\">", after: "</abbr></a>")
                : MarkupWrap(before: "<a class=\"glossary-term\" href=\"\(href)\" title=\"\(HTMLEscaping.escape(entry.definition))\">", after: "</a>")
            return TextMark(utf8Offset: match.utf8Offset, utf8Count: match.utf8Count, wrap: wrap)
        }
    }

    func destination(for link: MarkdownLink) -> String? {
        rewrites[link.destination]
    }

    /// A link the Link stage found broken (`--keep-going`): its text marked, the problem in a tooltip
    /// for the mouse and in hidden text for screen readers.
    func problem(with link: MarkdownLink) -> MarkupWrap? {
        guard let problem = rewrites[LinkProblem.key(link.destination)] else { return nil }
        let text = HTMLEscaping.escape(problem)
        return MarkupWrap(
            before: "<span class=\"link-problem\" title=\"\(text)\">",
            after: "<span class=\"visually-hidden\"> (link problem: \(text))</span></span>")
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

/// A broken link's problem travels with the page's rewrites, under a key no written destination can
/// have (a control character first): every path that renders a page body already carries them.
enum LinkProblem {
    static func key(_ destination: String) -> String { "\u{1}" + destination }
}
