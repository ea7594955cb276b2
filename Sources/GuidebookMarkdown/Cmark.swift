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
}
