import Yams

/// What a YAML text in a project may be: small, shallow, and without aliases. An alias repeats a
/// value, and aliases of aliases grow a few lines into billions of values ("billion laughs"); no
/// front matter or configuration needs them, so they are refused rather than expanded.
enum YAMLLimits {
    static let maximumByteCount = 64 * 1024
    static let maximumDepth = 32
    static let maximumNodeCount = 10_000

    /// Checked on the text before it is parsed: its size, and how deeply `[` and `{` nest.
    static func problem(inText yaml: String, reader: YAMLReader, what: String, code: DiagnosticCode) -> Diagnostic? {
        if yaml.utf8.count > maximumByteCount {
            return .error(
                code, "\(what) is larger than \(maximumByteCount / 1024) KB", at: reader.location(of: nil),
                notes: ["keep front matter to a few fields; long text belongs in the page's body"])
        }
        var depth = 0, line = 1, column = 0
        var quote: UInt8? = nil
        for byte in yaml.utf8 {
            column += 1
            if byte == 0x0A {
                line += 1
                column = 0
                quote = nil
                continue
            }
            if let open = quote {
                if byte == open { quote = nil }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "'"): quote = byte
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                if depth > maximumDepth {
                    return .error(
                        code, "\(what) nests lists or mappings more than \(maximumDepth) deep",
                        at: SourceLocation(path: reader.path, line: reader.firstLine + line - 1, column: column))
                }
            case UInt8(ascii: "]"), UInt8(ascii: "}"): depth = max(0, depth - 1)
            default: break
            }
        }
        return nil
    }

    /// Checked on the parsed nodes: every node has its own place in the text (a mapping starts
    /// where its first key does, so the kind of node is part of the place), so a node met twice
    /// was reached through an alias. The walk stops at the first problem, so it stays small.
    static func problem(inNode root: Node, reader: YAMLReader, what: String, code: DiagnosticCode) -> Diagnostic? {
        var seen: Set<Position> = []
        var count = 0
        func visit(_ node: Node, depth: Int, place: Node?) -> Diagnostic? {
            count += 1
            if count > maximumNodeCount {
                return .error(code, "\(what) has more than \(maximumNodeCount) values", at: reader.location(of: node))
            }
            if depth > maximumDepth {
                return .error(code, "\(what) nests lists or mappings more than \(maximumDepth) deep", at: reader.location(of: node))
            }
            if let mark = node.mark, !seen.insert(Position(line: mark.line, column: mark.column, kind: node.typeDescription)).inserted {
                return .error(
                    code, "\(what) uses a YAML alias ('*name'); aliases are not allowed",
                    at: reader.location(of: place ?? node), notes: ["write the value out in full"])
            }
            switch node {
            case .mapping(let mapping):
                for (key, value) in mapping {
                    if let problem = visit(key, depth: depth + 1, place: key) ?? visit(value, depth: depth + 1, place: key) { return problem }
                }
            case .sequence(let sequence):
                for element in sequence {
                    if let problem = visit(element, depth: depth + 1, place: node) { return problem }
                }
            case .scalar, .alias: break
            }
            return nil
        }
        return visit(root, depth: 0, place: nil)
    }

    private struct Position: Hashable {
        var line: Int
        var column: Int
        var kind: String
    }
}
