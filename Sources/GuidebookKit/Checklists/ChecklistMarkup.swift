import GuidebookMarkdown

/// A GFM task item as a real checkbox with its label. Without JavaScript the box shows the tick
/// written in the source and cannot be changed (`disabled`); the checklist script enables it.
struct ChecklistMarkup: Sendable {
    func wrap(_ item: MarkdownTaskItem, at place: TaskItemPlace) -> MarkupWrap {
        let checked = item.isChecked ? " checked" : ""
        return MarkupWrap(before: "<label class=\"task\"><input type=\"checkbox\" disabled\(checked)> ", after: "</label>")
    }
}
