import CCmarkGFM
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The one place that calls cmark-gfm. Every parser, tree, iterator and rendered string
/// is created and freed inside `withDocument`; no pointer escapes it.
enum Cmark {
    /// cmark-gfm's extension registry is a process-wide list filled without a lock,
    /// so it is filled exactly once (Swift runs static initialisers once, thread-safely).
    private static let registration: Void = {
        cmark_gfm_core_extensions_ensure_registered()
    }()

    static let extensionNames = ["table", "strikethrough", "autolink", "tasklist", "tagfilter"]

    private static let finishLock = NSLock()

    /// A parsed document, valid only inside the `withDocument` closure that hands it out.
    struct Document {
        fileprivate let parser: OpaquePointer
        let root: OpaquePointer

        /// HTML from cmark's own renderer. Raw HTML is already neutralised by the caller when it is not
        /// allowed, and Guidebook's own inserted markup must come through, so rendering is always unsafe.
        func renderHTML() -> String {
            let options = CMARK_OPT_UNSAFE | CMARK_OPT_FOOTNOTES
            guard let html = cmark_render_html(root, options, cmark_parser_get_syntax_extensions(parser)) else {
                preconditionFailure("cmark_render_html returned NULL")
            }
            defer { free(html) }
            return String(cString: html)
        }
    }

    static func withDocument<Result>(_ markdown: String, _ body: (Document) -> Result) -> Result {
        _ = registration
        let options = CMARK_OPT_SOURCEPOS | CMARK_OPT_SMART | CMARK_OPT_FOOTNOTES
        guard let parser = cmark_parser_new(options) else { preconditionFailure("cmark_parser_new returned NULL") }
        defer { cmark_parser_free(parser) }
        for name in extensionNames {
            guard let syntaxExtension = cmark_find_syntax_extension(name) else {
                preconditionFailure("cmark-gfm has no '\(name)' extension")
            }
            cmark_parser_attach_syntax_extension(parser, syntaxExtension)
        }
        var source = markdown
        source.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                cmark_parser_feed(parser, chars.baseAddress, chars.count)
            }
        }
        // cmark-gfm keeps the table of special inline characters in a process-wide array: finishing a
        // parse adds the extensions' characters ('w' and ':' for autolinks, '~') and then removes them.
        // Two parses finishing at once would drop each other's autolinks, so finishing is one at a time;
        // feeding, editing and rendering stay parallel.
        finishLock.lock()
        let finished = cmark_parser_finish(parser)
        finishLock.unlock()
        guard let root = finished else { preconditionFailure("cmark_parser_finish returned NULL") }
        defer { cmark_node_free(root) }
        return body(Document(parser: parser, root: root))
    }

    // MARK: - Walking

    /// Visits every node in document order; `entering` is false on the way out of a container.
    static func walk(_ root: OpaquePointer, _ visit: (OpaquePointer, _ entering: Bool) -> Void) {
        guard let iterator = cmark_iter_new(root) else { preconditionFailure("cmark_iter_new returned NULL") }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            visit(node, event == CMARK_EVENT_ENTER)
        }
    }

    // MARK: - Reading nodes

    enum Kind: Equatable {
        case heading(level: Int), link, image, text, code, codeBlock, htmlBlock, htmlInline
        case softBreak, lineBreak, paragraph, item, taskItem(checked: Bool), tableCell, tableRow, blockQuote, other
    }

    static func kind(of node: OpaquePointer) -> Kind {
        let type = cmark_node_get_type(node)
        switch type {
        case CMARK_NODE_HEADING: return .heading(level: Int(cmark_node_get_heading_level(node)))
        case CMARK_NODE_LINK: return .link
        case CMARK_NODE_IMAGE: return .image
        case CMARK_NODE_TEXT: return .text
        case CMARK_NODE_CODE: return .code
        case CMARK_NODE_CODE_BLOCK: return .codeBlock
        case CMARK_NODE_HTML_BLOCK: return .htmlBlock
        case CMARK_NODE_HTML_INLINE: return .htmlInline
        case CMARK_NODE_SOFTBREAK: return .softBreak
        case CMARK_NODE_LINEBREAK: return .lineBreak
        case CMARK_NODE_PARAGRAPH: return .paragraph
        case CMARK_NODE_BLOCK_QUOTE: return .blockQuote
        case CMARK_NODE_ITEM:
            // Only nodes an extension made have a type name of their own; asking every node for its
            // name made a String per node.
            if cmark_node_get_syntax_extension(node) != nil, typeString(of: node) == "tasklist" {
                return .taskItem(checked: cmark_gfm_extensions_get_tasklist_item_checked(node))
            }
            return .item
        default:
            guard cmark_node_get_syntax_extension(node) != nil else { return .other }
            switch typeString(of: node) {
            case "table_cell": return .tableCell
            case "table_row", "table_header": return .tableRow
            default: return .other
            }
        }
    }

    static func typeString(of node: OpaquePointer) -> String {
        cmark_node_get_type_string(node).map { String(cString: $0) } ?? ""
    }

    static func literal(of node: OpaquePointer) -> String {
        cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
    }

    static func url(of node: OpaquePointer) -> String {
        cmark_node_get_url(node).map { String(cString: $0) } ?? ""
    }

    static func title(of node: OpaquePointer) -> String {
        cmark_node_get_title(node).map { String(cString: $0) } ?? ""
    }

    static func position(of node: OpaquePointer) -> MarkdownPosition {
        MarkdownPosition(line: Int(cmark_node_get_start_line(node)), utf8Column: Int(cmark_node_get_start_column(node)))
    }

    static func endLine(of node: OpaquePointer) -> Int { Int(cmark_node_get_end_line(node)) }

    static func children(of node: OpaquePointer) -> [OpaquePointer] {
        var result: [OpaquePointer] = []
        var child = cmark_node_first_child(node)
        while let current = child {
            result.append(current)
            child = cmark_node_next(current)
        }
        return result
    }

    static func parent(of node: OpaquePointer) -> OpaquePointer? { cmark_node_parent(node) }

    /// The text a reader sees in an inline subtree (text, code spans, line breaks as spaces).
    static func plainText(of node: OpaquePointer) -> String {
        var text = ""
        walk(node) { child, entering in
            guard entering else { return }
            switch kind(of: child) {
            // Raw HTML is markup, not text a reader sees (and a comment must never become a heading's id).
            case .text, .code: text += literal(of: child)
            case .softBreak, .lineBreak: text += " "
            default: break
            }
        }
        return text
    }

    // MARK: - Editing

    static func setURL(_ url: String, of node: OpaquePointer) {
        precondition(cmark_node_set_url(node, url) == 1, "cmark_node_set_url failed")
    }

    /// Takes a node (and what is inside it) out of the document.
    static func remove(_ node: OpaquePointer) {
        cmark_node_unlink(node)
        cmark_node_free(node)
    }

    /// Takes a heading's `{#id}` off the end of its last text, so it is not shown.
    static func dropExplicitID(from heading: OpaquePointer) {
        guard let last = children(of: heading).last, kind(of: last) == .text else { return }
        let text = literal(of: last)
        guard let open = text.range(of: "{#", options: .backwards) else { return }
        var kept = String(text[..<open.lowerBound])
        while kept.last?.isWhitespace == true { kept.removeLast() }
        if kept.isEmpty { remove(last) } else { setLiteral(kept, of: last) }
    }

    static func setLiteral(_ text: String, of node: OpaquePointer) {
        precondition(cmark_node_set_literal(node, text) == 1, "cmark_node_set_literal failed")
    }

    /// Wraps a block's inline children in markup: `before` + children + `after`, replacing the block.
    /// Used for headings, which cmark renders without ids.
    static func replaceBlock(_ node: OpaquePointer, before: String, after: String) {
        let block = newNode(CMARK_NODE_CUSTOM_BLOCK)
        setMarkup(of: block, before: before, after: after)
        for child in children(of: node) {
            cmark_node_unlink(child)
            append(child, to: block)
        }
        replace(node, with: block)
    }

    /// The same for an inline (a link or image): its children, in markup, take its place.
    static func replaceInline(_ node: OpaquePointer, before: String, after: String) {
        let inline = newNode(CMARK_NODE_CUSTOM_INLINE)
        setMarkup(of: inline, before: before, after: after)
        for child in children(of: node) {
            cmark_node_unlink(child)
            append(child, to: inline)
        }
        replace(node, with: inline)
    }

    /// Puts a block inside a custom block carrying markup before and after it.
    static func wrapBlockInMarkup(_ node: OpaquePointer, before: String, after: String) {
        let wrapper = newNode(CMARK_NODE_CUSTOM_BLOCK)
        setMarkup(of: wrapper, before: before, after: after)
        precondition(cmark_node_insert_before(node, wrapper) == 1, "cmark_node_insert_before failed")
        cmark_node_unlink(node)
        append(node, to: wrapper)
    }

    /// Splits a text node around marks: text, then for each mark its markup around its text, then the rest.
    static func split(_ node: OpaquePointer, at marks: [TextMark]) {
        let bytes = Array(literal(of: node).utf8)
        var cursor = 0
        var pieces: [OpaquePointer] = []
        func text(_ range: Range<Int>) -> OpaquePointer {
            let piece = newNode(CMARK_NODE_TEXT)
            precondition(cmark_node_set_literal(piece, String(decoding: bytes[range], as: UTF8.self)) == 1, "cmark_node_set_literal failed")
            return piece
        }
        for mark in marks {
            let end = mark.utf8Offset + mark.utf8Count
            precondition(mark.utf8Offset >= cursor && end <= bytes.count, "marks are in order, inside the text")
            if mark.utf8Offset > cursor { pieces.append(text(cursor..<mark.utf8Offset)) }
            // Raw inline HTML rather than a custom inline: GFM table cells accept only the standard inline types.
            pieces += [rawInline(mark.wrap.before), text(mark.utf8Offset..<end), rawInline(mark.wrap.after)]
            cursor = end
        }
        if cursor < bytes.count { pieces.append(text(cursor..<bytes.count)) }
        for piece in pieces {
            precondition(cmark_node_insert_before(node, piece) == 1, "cmark_node_insert_before failed")
        }
        cmark_node_unlink(node)
        cmark_node_free(node)
    }

    /// Wraps the inline children of `container` (a paragraph) in markup inside it.
    static func wrapInlines(of container: OpaquePointer, before: String, after: String) {
        let wrapper = newNode(CMARK_NODE_CUSTOM_INLINE)
        setMarkup(of: wrapper, before: before, after: after)
        for child in children(of: container) {
            cmark_node_unlink(child)
            append(child, to: wrapper)
        }
        append(wrapper, to: container)
    }

    /// Inserts markup as the first child of a block container (an item without a paragraph).
    static func prependMarkup(_ markup: String, to container: OpaquePointer) {
        let block = newNode(CMARK_NODE_CUSTOM_BLOCK)
        setMarkup(of: block, before: markup, after: "")
        if let first = cmark_node_first_child(container) {
            precondition(cmark_node_insert_before(first, block) == 1, "cmark_node_insert_before failed")
        } else {
            append(block, to: container)
        }
    }

    /// Makes a GFM task item render as a plain list item, so its checkbox markup is Guidebook's own.
    static func dropTaskItemExtension(_ node: OpaquePointer) {
        precondition(cmark_node_set_syntax_extension(node, nil) == 1, "cmark_node_set_syntax_extension failed")
    }

    private static func rawInline(_ html: String) -> OpaquePointer {
        let node = newNode(CMARK_NODE_HTML_INLINE)
        precondition(cmark_node_set_literal(node, html) == 1, "cmark_node_set_literal failed")
        return node
    }

    private static func newNode(_ type: cmark_node_type) -> OpaquePointer {
        guard let node = cmark_node_new(type) else { preconditionFailure("cmark_node_new returned NULL") }
        return node
    }

    private static func setMarkup(of node: OpaquePointer, before: String, after: String) {
        precondition(cmark_node_set_on_enter(node, before) == 1, "cmark_node_set_on_enter failed")
        precondition(cmark_node_set_on_exit(node, after) == 1, "cmark_node_set_on_exit failed")
    }

    private static func append(_ child: OpaquePointer, to parent: OpaquePointer) {
        precondition(cmark_node_append_child(parent, child) == 1, "cmark_node_append_child failed")
    }

    /// Puts `new` where `old` was and frees `old` (now detached, so only it and its remaining children go).
    private static func replace(_ old: OpaquePointer, with new: OpaquePointer) {
        precondition(cmark_node_replace(old, new) == 1, "cmark_node_replace failed")
        cmark_node_free(old)
    }
}
