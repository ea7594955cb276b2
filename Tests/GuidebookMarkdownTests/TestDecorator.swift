import GuidebookMarkdown

/// Records what the renderer asked, and answers with simple, visible markup.
struct TestDecorator: MarkdownDecorator {
    var rewrites: [String: String] = [:]

    func destination(for link: MarkdownLink) -> String? { rewrites[link.destination] }

    func wrap(heading: MarkdownHeading) -> MarkupWrap {
        MarkupWrap(before: "<h\(heading.level) id=\"\(heading.id)\">", after: "</h\(heading.level)>\n")
    }

    func wrap(taskListAt index: Int) -> MarkupWrap {
        MarkupWrap(before: "<div data-task-list=\"\(index)\">", after: "</div>")
    }

    func wrap(taskItem: MarkdownTaskItem, at place: TaskItemPlace) -> MarkupWrap {
        MarkupWrap(before: "<label data-list=\"\(place.listIndex)\" data-item=\"\(place.itemIndex)\"\(taskItem.isChecked ? " data-checked" : "")>", after: "</label>")
    }
}

func render(_ markdown: String, rawHTML: Bool = false, rewrites: [String: String] = [:]) -> String {
    MarkdownRenderer.html(for: markdown, allowsRawHTML: rawHTML, decorator: TestDecorator(rewrites: rewrites))
}
