/// Reads a Markdown body through cmark-gfm into an outline: headings with their ids, links,
/// task lists and plain text. Rendering happens later, once every page's outline is known.
public enum MarkdownParser {
    public static func outline(of markdown: String) -> MarkdownOutline {
        Cmark.withDocument(markdown) { document in
            var collector = OutlineCollector()
            Cmark.walk(document.root) { node, entering in
                collector.visit(node, entering: entering)
            }
            return collector.outline
        }
    }
}

private struct OutlineCollector {
    var outline = MarkdownOutline(headings: [], links: [], taskLists: [], plainText: "")
    private var headingIDs = HeadingIDGenerator()
    private var taskListParent: OpaquePointer?

    mutating func visit(_ node: OpaquePointer, entering: Bool) {
        let kind = Cmark.kind(of: node)
        guard entering else {
            if kind == .paragraph || kind == .codeBlock { outline.plainText += "\n" }
            if case .heading = kind { outline.plainText += "\n" }
            return
        }
        switch kind {
        case .heading(let level):
            let text = Cmark.plainText(of: node)
            let id = headingIDs.uniqueID(for: text)
            outline.headings.append(MarkdownHeading(level: level, text: text, id: id, position: Cmark.position(of: node)))
        case .link, .image:
            outline.links.append(MarkdownLink(
                kind: kind == .image ? .image : .link,
                destination: Cmark.url(of: node),
                text: Cmark.plainText(of: node),
                position: Cmark.position(of: node)))
        case .taskItem(let checked):
            addTaskItem(node, checked: checked)
        case .text, .code, .codeBlock, .htmlInline, .htmlBlock:
            outline.plainText += Cmark.literal(of: node)
        case .softBreak, .lineBreak:
            outline.plainText += " "
        default:
            break
        }
    }

    private mutating func addTaskItem(_ node: OpaquePointer, checked: Bool) {
        let item = MarkdownTaskItem(text: TaskItemText.of(node), isChecked: checked, position: Cmark.position(of: node))
        let parent = Cmark.parent(of: node)
        if parent != nil, parent == taskListParent, !outline.taskLists.isEmpty {
            outline.taskLists[outline.taskLists.count - 1].items.append(item)
        } else {
            taskListParent = parent
            outline.taskLists.append(MarkdownTaskList(heading: outline.headings.last, items: [item], position: item.position))
        }
    }
}

/// The text of a task item is its first paragraph; nested lists belong to their own items.
enum TaskItemText {
    static func of(_ item: OpaquePointer) -> String {
        guard let paragraph = firstParagraph(of: item) else { return "" }
        return Cmark.plainText(of: paragraph).trimmingWhitespace()
    }

    static func firstParagraph(of item: OpaquePointer) -> OpaquePointer? {
        Cmark.children(of: item).first { Cmark.kind(of: $0) == .paragraph }
    }
}

extension String {
    func trimmingWhitespace() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
