/// What the document walks (outline and render) keep as they go, so that each node is handled once:
/// asking every node about its ancestors or its subtree made some inputs take time with the square
/// of their size (cmark-gfm's pathological tests: deeply nested emphasis, nested images).

/// The plain text of the headings, links and images being walked, built from the text nodes as they
/// are met. Images nest (`![a ![b](u)](u)`), so each open one remembers where its text starts.
struct PlainTextGatherer {
    private var bytes: [UInt8] = []
    private var starts: [Int] = []

    /// Link and image text is only shown in diagnostics; a longer one is cut here, which keeps
    /// deeply nested images (each holding all the text of those inside it) linear.
    static let linkTextLimit = 1_000

    /// True inside a heading, link or image: its text is not running text.
    var isOpen: Bool { !starts.isEmpty }

    mutating func open() { starts.append(bytes.count) }

    /// The text since the matching `open()`.
    mutating func close(limit: Int = .max) -> String {
        let start = starts.removeLast()
        let end = min(bytes.count, start + limit)
        let text = String(decoding: bytes[start..<end], as: UTF8.self)
        if starts.isEmpty { bytes.removeAll(keepingCapacity: true) }
        return text
    }

    /// Adds what a reader sees of a leaf node: text and code spans, line breaks as spaces. Raw HTML is
    /// markup, not text (and a comment must never become a heading's id).
    mutating func add(_ node: OpaquePointer, kind: Cmark.Kind) {
        guard isOpen else { return }
        switch kind {
        case .text, .code: bytes += Cmark.literal(of: node).utf8
        case .softBreak, .lineBreak: bytes.append(UInt8(ascii: " "))
        default: break
        }
    }
}

/// Numbers task lists in the order their first item is met, and items within their list. A list nested
/// in an item is a list of its own; the outer list's later items, met after it, keep the outer number.
struct TaskListNumbering {
    private var listIndex: [OpaquePointer: Int] = [:]
    private var itemCounts: [Int] = []

    /// The item's place, and whether it opens a new list.
    mutating func place(ofItemIn list: OpaquePointer?) -> (place: TaskItemPlace, opensList: Bool) {
        if let list, let index = listIndex[list] {
            itemCounts[index] += 1
            return (TaskItemPlace(listIndex: index, itemIndex: itemCounts[index] - 1), false)
        }
        let index = itemCounts.count
        itemCounts.append(1)
        if let list { listIndex[list] = index }
        return (TaskItemPlace(listIndex: index, itemIndex: 0), true)
    }
}
