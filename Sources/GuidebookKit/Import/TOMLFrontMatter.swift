import Yams

/// The TOML Hugo writes between `+++` lines, read as far as front matter uses it: `key = value`
/// with strings, numbers, booleans, dates and lists of those, and `[table]` headers. Anything
/// else is reported by line and left out.
enum TOMLFrontMatter {
    struct Result {
        var mapping: Node.Mapping
        /// 0-based line offsets (within the TOML) that could not be read.
        var unreadLines: [Int]
    }

    static func parse(_ text: String) -> Result {
        var top: [(Node, Node)] = []
        var tables: [(String, [(Node, Node)])] = []
        var unread: [Int] = []
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("[") && line.hasSuffix("]") && !line.hasPrefix("[[") {
                tables.append((String(line.dropFirst().dropLast()).trimmingCharacters(in: .whitespaces), []))
                continue
            }
            guard let equals = line.firstIndex(of: "="),
                let value = value(line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces))
            else {
                unread.append(offset)
                continue
            }
            var key = line[..<equals].trimmingCharacters(in: .whitespaces)
            if key.count >= 2, key.first == "\"", key.last == "\"" { key = String(key.dropFirst().dropLast()) }
            let pair = (Node(key), value)
            if tables.isEmpty { top.append(pair) } else { tables[tables.count - 1].1.append(pair) }
        }
        for (name, pairs) in tables { top.append((Node(name), .mapping(Node.Mapping(pairs)))) }
        return Result(mapping: Node.Mapping(top), unreadLines: unread)
    }

    /// The value of a top-level `key = "text"` in a config file, before its first table.
    static func topLevelString(_ key: String, in text: String) -> String? {
        for rawLine in text.split(separator: "\n") {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("[") { return nil }
            guard let equals = line.firstIndex(of: "="), line[..<equals].trimmingCharacters(in: .whitespaces) == key,
                let node = value(line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces))
            else { continue }
            return node.string
        }
        return nil
    }

    private static func value(_ text: String) -> Node? {
        var text = text
        if let hash = commentStart(text) { text = text[..<hash].trimmingCharacters(in: .whitespaces) }
        if text.hasPrefix("[") && text.hasSuffix("]") {
            let inner = text.dropFirst().dropLast().trimmingCharacters(in: .whitespaces)
            if inner.isEmpty { return .sequence(Node.Sequence([])) }
            let items = splitList(inner).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            let nodes = items.compactMap(value)
            return nodes.count == items.count ? .sequence(Node.Sequence(nodes)) : nil
        }
        if text.count >= 2, let first = text.first, first == "\"" || first == "'", text.last == first {
            let inner = String(text.dropFirst().dropLast())
            let unescaped = first == "\"" ? inner.replacingOccurrences(of: "\\\"", with: "\"").replacingOccurrences(of: "\\\\", with: "\\") : inner
            return Node(unescaped, Tag(.str), .doubleQuoted)
        }
        if text == "true" || text == "false" { return Node(text, Tag(.bool)) }
        if Int(text) != nil || Double(text) != nil { return Node(text) }
        if text.first?.isNumber == true, text.contains("-") { return Node(text) }  // a date
        return nil
    }

    private static func commentStart(_ text: String) -> String.Index? {
        var quote: Character?
        for index in text.indices {
            let character = text[index]
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == "#" {
                return index
            }
        }
        return nil
    }

    private static func splitList(_ text: String) -> [String] {
        var items: [String] = [], current = "", quote: Character?
        for character in text {
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == "," {
                items.append(current)
                current = ""
                continue
            }
            current.append(character)
        }
        items.append(current)
        return items
    }
}
