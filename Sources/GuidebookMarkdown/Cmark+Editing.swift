import CCmarkGFM
import Foundation

/// Edits to a parsed document: the URLs, literals and markup Guidebook puts into the tree before
/// cmark-gfm renders it. Still the only code that calls cmark-gfm, with `Cmark`.
extension Cmark {
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
        replaceKeepingChildren(node, with: CMARK_NODE_CUSTOM_BLOCK, before: before, after: after)
    }

    /// The same for an inline (a link or image): its children, in markup, take its place.
    static func replaceInline(_ node: OpaquePointer, before: String, after: String) {
        replaceKeepingChildren(node, with: CMARK_NODE_CUSTOM_INLINE, before: before, after: after)
    }

    private static func replaceKeepingChildren(_ node: OpaquePointer, with type: cmark_node_type, before: String, after: String) {
        let custom = newNode(type)
        setMarkup(of: custom, before: before, after: after)
        for child in children(of: node) {
            cmark_node_unlink(child)
            append(child, to: custom)
        }
        replace(node, with: custom)
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
