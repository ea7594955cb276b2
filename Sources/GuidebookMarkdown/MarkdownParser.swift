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

extension MarkdownParser {
    /// A level 1 heading that opens the body, as MkDocs and git hosts title a page: its text, the
    /// body after it, and how many lines it took. nil when the body starts otherwise.
    public static func leadingTitle(of markdown: String) -> (title: String, rest: String, linesTaken: Int)? {
        Cmark.withDocument(markdown) { document -> (String, String, Int)? in
            guard let first = Cmark.children(of: document.root).first, case .heading(1) = Cmark.kind(of: first) else { return nil }
            let title = Cmark.plainText(of: first).trimmingWhitespace()
            guard !title.isEmpty else { return nil }
            let linesTaken = Cmark.endLine(of: first)
            var rest = markdown.utf8[...]
            for _ in 0..<linesTaken {
                guard let newline = rest.firstIndex(of: UInt8(ascii: "\n")) else {
                    rest = rest[rest.endIndex...]
                    break
                }
                rest = rest[rest.index(after: newline)...]
            }
            return (title, String(Substring(rest)), linesTaken)
        }
    }
}

private struct OutlineCollector {
    var outline = MarkdownOutline(headings: [], links: [], taskLists: [], sections: [MarkdownSection(heading: nil, text: "")])
    private var headingIDs = HeadingIDGenerator()
    private var numbering = TaskListNumbering()
    private var plainText = PlainTextGatherer()
    /// The links and images being walked (indexes into `outline.links`): their text is known on the way out.
    private var openLinks: [Int] = []
    /// True while an H2 or H3 is walked: its text is the section's heading, not part of its body text.
    private var insideSectionHeading = false

    private mutating func appendText(_ text: String) {
        outline.sections[outline.sections.count - 1].text += text
    }

    mutating func visit(_ node: OpaquePointer, entering: Bool) {
        let kind = Cmark.kind(of: node)
        guard entering else { return leave(node, kind: kind) }
        plainText.add(node, kind: kind)
        switch kind {
        case .heading(let level):
            plainText.open()
            if level == 2 || level == 3 {
                outline.sections.append(MarkdownSection(heading: nil, text: ""))
                insideSectionHeading = true
            }
        case .link, .image:
            plainText.open()
            openLinks.append(outline.links.count)
            outline.links.append(
                MarkdownLink(
                    kind: kind == .image ? .image : .link, destination: Cmark.url(of: node),
                    text: "", position: Cmark.position(of: node)))
        case .taskItem(let checked):
            addTaskItem(node, checked: checked)
        case .text:
            let literal = Cmark.literal(of: node)
            if HTMLComments.opensComment(literal) { outline.unclosedComments.append(Cmark.position(of: node)) }
            if let tag = TemplateSyntax.first(in: literal) {
                let start = Cmark.position(of: node)
                outline.templateSyntax.append(
                    MarkdownRawHTML(text: tag.text, position: MarkdownPosition(line: start.line, utf8Column: start.utf8Column + tag.utf8Offset)))
            }
            if !insideSectionHeading { appendText(literal) }
        case .code, .codeBlock:
            if !insideSectionHeading { appendText(Cmark.literal(of: node)) }
        case .htmlInline, .htmlBlock:
            // Markup, not prose: never searched. Comments are not even reported.
            let literal = Cmark.literal(of: node)
            if !HTMLComments.isOnlyComments(literal) {
                outline.rawHTML.append(MarkdownRawHTML(text: HTMLComments.removed(from: literal), position: Cmark.position(of: node)))
            }
        case .softBreak, .lineBreak:
            appendText(" ")
        default:
            break
        }
    }

    private mutating func leave(_ node: OpaquePointer, kind: Cmark.Kind) {
        switch kind {
        case .paragraph, .codeBlock, .item, .tableRow, .taskItem: appendText("\n")
        case .tableCell: appendText(" ")
        case .heading(let level):
            let (text, id) = headingIDs.textAndID(for: plainText.close())
            let heading = MarkdownHeading(level: level, text: text, id: id, position: Cmark.position(of: node))
            outline.headings.append(heading)
            if level == 2 || level == 3 {
                outline.sections[outline.sections.count - 1].heading = heading
                insideSectionHeading = false
            }
            appendText("\n")
        case .link, .image:
            outline.links[openLinks.removeLast()].text = plainText.close(limit: PlainTextGatherer.linkTextLimit)
        default:
            break
        }
    }

    private mutating func addTaskItem(_ node: OpaquePointer, checked: Bool) {
        let item = MarkdownTaskItem(text: TaskItemText.of(node), isChecked: checked, position: Cmark.position(of: node))
        let (place, opensList) = numbering.place(ofItemIn: Cmark.parent(of: node))
        if opensList {
            outline.taskLists.append(MarkdownTaskList(heading: outline.headings.last, items: [item], position: item.position))
        } else {
            outline.taskLists[place.listIndex].items.append(item)
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

/// Other tools' template tags in running text: Hugo shortcodes and Handlebars (`{{`), Liquid (`{%`),
/// ERB (`<%`). In code they are examples, and are left alone.
enum TemplateSyntax {
    static func first(in text: String) -> (text: String, utf8Offset: Int)? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 2 else { return nil }
        for index in 0..<(bytes.count - 1) {
            let pair = (bytes[index], bytes[index + 1])
            guard
                pair == (UInt8(ascii: "{"), UInt8(ascii: "{")) || pair == (UInt8(ascii: "{"), UInt8(ascii: "%"))
                    || pair == (UInt8(ascii: "<"), UInt8(ascii: "%"))
            else { continue }
            let tag = String(decoding: bytes[index..<min(bytes.count, index + 40)], as: UTF8.self)
            return (tag, index)
        }
        return nil
    }
}
