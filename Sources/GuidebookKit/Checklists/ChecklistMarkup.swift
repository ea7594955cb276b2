import GuidebookMarkdown

/// A page's task lists as checklists: each list in a labelled group carrying its id, each item a real
/// checkbox inside its label. Without JavaScript the box shows the tick written in the source and cannot
/// be changed (`disabled`); checklists.js enables it and keeps the reader's ticks.
struct ChecklistMarkup: Sendable {
    let checklists: [Checklist]

    func wrap(listAt index: Int) -> MarkupWrap {
        guard index < checklists.count else { return MarkupWrap(before: "", after: "") }
        let checklist = checklists[index]
        let naming =
            checklist.headingID.map { "aria-labelledby=\"\(HTMLEscaping.escape($0))\"" }
            ?? "aria-label=\"\(HTMLEscaping.escape(checklist.title))\""
        return MarkupWrap(
            before: "<div class=\"checklist\" id=\"\(HTMLEscaping.escape(checklist.elementID))\" data-checklist=\"\(HTMLEscaping.escape(checklist.id))\" "
                + "data-checklist-title=\"\(HTMLEscaping.escape(checklist.title))\" role=\"group\" \(naming)>",
            after: "</div>")
    }

    func wrap(_ item: MarkdownTaskItem, at place: TaskItemPlace) -> MarkupWrap {
        let id =
            place.listIndex < checklists.count && place.itemIndex < checklists[place.listIndex].items.count
            ? checklists[place.listIndex].items[place.itemIndex].id : ""
        precondition(!id.isEmpty, "parsing and rendering see the same task items")
        let checked = item.isChecked ? " checked" : ""
        return MarkupWrap(
            before: "<label class=\"task\"><input type=\"checkbox\" disabled\(checked) data-item=\"\(HTMLEscaping.escape(id))\"> ",
            after: "</label>")
    }
}
