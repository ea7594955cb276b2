/// Markup that Guidebook wraps around a part of the document.
public struct MarkupWrap: Sendable, Equatable {
    public var before: String
    public var after: String

    public init(before: String, after: String) {
        self.before = before
        self.after = after
    }
}

/// Where a task item sits: which task list of the page (0-based) and which item of it.
public struct TaskItemPlace: Sendable, Hashable {
    public var listIndex: Int
    public var itemIndex: Int
}

/// Markup around part of a text node: bytes `utf8Offset..<utf8Offset+utf8Count` of the text.
public struct TextMark: Sendable, Equatable {
    public var utf8Offset: Int
    public var utf8Count: Int
    public var wrap: MarkupWrap

    public init(utf8Offset: Int, utf8Count: Int, wrap: MarkupWrap) {
        self.utf8Offset = utf8Offset
        self.utf8Count = utf8Count
        self.wrap = wrap
    }
}

/// The decisions GuidebookKit makes while a body is rendered; this module only carries them into the tree.
public protocol MarkdownDecorator {
    /// Marks inside running text, in document order; never called for text in headings, links or images.
    /// Marks must not overlap and must be in order.
    func marks(inText text: String) -> [TextMark]
    /// The URL to write for a link or image, or nil to keep it as written.
    func destination(for link: MarkdownLink) -> String?
    /// Markup to show in place of a link or image that goes nowhere (its text stays, inside it); nil
    /// for a link that works. Only a build that keeps going despite errors renders such a link.
    func problem(with link: MarkdownLink) -> MarkupWrap?
    func wrap(heading: MarkdownHeading) -> MarkupWrap
    /// Wraps the text of a task item (its first paragraph's inlines).
    func wrap(taskItem: MarkdownTaskItem, at place: TaskItemPlace) -> MarkupWrap
    /// Wraps a whole task list (the list block holding the items); `index` counts task lists in the page.
    func wrap(taskListAt index: Int) -> MarkupWrap
}

extension MarkdownDecorator {
    /// A decorator that knows of no broken links leaves every link to `destination(for:)`.
    public func problem(with link: MarkdownLink) -> MarkupWrap? { nil }
}

/// Renders a body to HTML with cmark-gfm's own renderer, after editing the tree:
/// link URLs rewritten, HTML comments (and raw HTML unless allowed) removed, headings given ids, task items given Guidebook's markup.
public enum MarkdownRenderer {
    public static func html(for markdown: String, allowsRawHTML: Bool, decorator: some MarkdownDecorator) -> String {
        Cmark.withDocument(markdown) { document in
            var nodes = EditableNodes(root: document.root)
            for (node, link) in nodes.links {
                if let problem = decorator.problem(with: link) {
                    Cmark.replaceInline(node, before: problem.before, after: problem.after)
                } else if let url = decorator.destination(for: link) {
                    Cmark.setURL(url, of: node)
                } else if !allowsRawHTML, URLSafety.isDangerous(link.destination, kind: link.kind) {
                    Cmark.setURL("", of: node)
                }
            }
            // Comments never reach the page; other raw HTML only where the guide allows it (the
            // Link stage warns where it is left out).
            for node in nodes.rawHTML {
                let literal = Cmark.literal(of: node)
                if !allowsRawHTML || HTMLComments.isOnlyComments(literal) {
                    Cmark.remove(node)
                } else if literal.contains("<!--") {
                    Cmark.setLiteral(HTMLComments.removed(from: literal), of: node)
                }
            }
            // Before the text is decorated: the marker's text nodes are taken out of the tree.
            for node in nodes.blockQuotes {
                guard let (callout, marker) = Callout.of(node) else { continue }
                let paragraph = Cmark.parent(of: marker[0])
                nodes.texts.removeAll { marker.contains($0) }
                marker.forEach(Cmark.remove)
                if let paragraph, Cmark.children(of: paragraph).isEmpty { Cmark.remove(paragraph) }
                Cmark.replaceBlock(node, before: callout.markupBefore, after: "</div>\n")
            }
            for node in nodes.texts {
                let marks = decorator.marks(inText: Cmark.literal(of: node))
                if !marks.isEmpty { Cmark.split(node, at: marks) }
            }
            for (index, node) in nodes.taskLists.enumerated() {
                let wrap = decorator.wrap(taskListAt: index)
                Cmark.wrapBlockInMarkup(node, before: wrap.before, after: wrap.after)
            }
            for (node, item, place) in nodes.taskItems {
                let wrap = decorator.wrap(taskItem: item, at: place)
                Cmark.dropTaskItemExtension(node)
                if let paragraph = TaskItemText.firstParagraph(of: node) {
                    Cmark.wrapInlines(of: paragraph, before: wrap.before, after: wrap.after)
                } else {
                    Cmark.prependMarkup(wrap.before + wrap.after, to: node)
                }
            }
            for (node, heading) in nodes.headings {
                if HeadingIDGenerator.explicitID(in: Cmark.plainText(of: node)) != nil { Cmark.dropExplicitID(from: node) }
                let wrap = decorator.wrap(heading: heading)
                Cmark.replaceBlock(node, before: wrap.before, after: wrap.after)
            }
            return document.renderHTML()
        }
    }
}

/// The nodes to edit, gathered in one walk before any edit (editing under a live iterator is unsafe).
private struct EditableNodes {
    var links: [(OpaquePointer, MarkdownLink)] = []
    var rawHTML: [OpaquePointer] = []
    var taskItems: [(OpaquePointer, MarkdownTaskItem, TaskItemPlace)] = []
    /// The list block of each task list, in page order.
    var taskLists: [OpaquePointer] = []
    var headings: [(OpaquePointer, MarkdownHeading)] = []
    var blockQuotes: [OpaquePointer] = []
    /// Running text outside headings, links and images.
    var texts: [OpaquePointer] = []

    init(root: OpaquePointer) {
        var headingIDs = HeadingIDGenerator()
        var numbering = TaskListNumbering()
        var plainText = PlainTextGatherer()
        var openLinks: [Int] = []
        Cmark.walk(root) { node, entering in
            let kind = Cmark.kind(of: node)
            guard entering else {
                switch kind {
                case .heading(let level):
                    let (text, id) = headingIDs.textAndID(for: plainText.close())
                    headings.append((node, MarkdownHeading(level: level, text: text, id: id, position: Cmark.position(of: node))))
                case .link, .image:
                    links[openLinks.removeLast()].1.text = plainText.close(limit: PlainTextGatherer.linkTextLimit)
                default:
                    break
                }
                return
            }
            plainText.add(node, kind: kind)
            switch kind {
            case .heading:
                plainText.open()
            case .link, .image:
                plainText.open()
                openLinks.append(links.count)
                links.append(
                    (
                        node,
                        MarkdownLink(
                            kind: kind == .image ? .image : .link, destination: Cmark.url(of: node),
                            text: "", position: Cmark.position(of: node))
                    ))
            case .htmlBlock, .htmlInline:
                rawHTML.append(node)
            case .blockQuote:
                blockQuotes.append(node)
            case .text:
                if !plainText.isOpen { texts.append(node) }
            case .taskItem(let checked):
                let list = Cmark.parent(of: node)
                let (place, opensList) = numbering.place(ofItemIn: list)
                if opensList, let list { taskLists.append(list) }
                let item = MarkdownTaskItem(text: TaskItemText.of(node), isChecked: checked, position: Cmark.position(of: node))
                taskItems.append((node, item, place))
            default:
                break
            }
        }
    }
}

/// What cmark's safe mode would blank out: script URLs, and data URLs other than common images.
enum URLSafety {
    static func isDangerous(_ url: String, kind: MarkdownLink.Kind) -> Bool {
        let lowered = url.lowercased().trimmingWhitespace()
        for scheme in ["javascript:", "vbscript:", "file:"] where lowered.hasPrefix(scheme) { return true }
        if lowered.hasPrefix("data:") {
            let images = ["data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"]
            return !images.contains { lowered.hasPrefix($0) }
        }
        return false
    }
}
