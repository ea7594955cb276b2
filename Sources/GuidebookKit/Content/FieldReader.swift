import Foundation
import Yams

/// Typed reads of YAML values that record a located diagnostic when the type is wrong.
struct FieldReader {
    let reader: YAMLReader
    let code: DiagnosticCode
    let what: String
    private(set) var diagnostics: [Diagnostic] = []

    init(reader: YAMLReader, code: DiagnosticCode, what: String) {
        self.reader = reader
        self.code = code
        self.what = what
    }

    mutating func string(_ node: Node, key: String) -> String? {
        guard case .scalar(let scalar) = node else { return wrongType(node, key: key, expected: "text") }
        // `~`, `null` and nothing at all are YAML's null: an optional field left empty (`summary: `).
        if scalar.style == .plain, node.null != nil { return nil }
        return scalar.string
    }

    /// Text that is not empty or only spaces (nor null).
    mutating func nonEmptyString(_ node: Node, key: String) -> String? {
        if node.scalar?.style == .plain, node.null != nil { return wrongType(node, key: key, expected: "text") }
        guard let text = string(node, key: key) else { return nil }
        guard !text.trimmingCharacters(in: " \t").isEmpty else { return wrongType(node, key: key, expected: "text that is not empty") }
        return text
    }

    /// An address a reader's browser may follow: http or https, with a host.
    mutating func webAddress(_ node: Node, key: String) -> String? {
        guard let text = string(node, key: key) else { return nil }
        let lower = text.lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://"), text.count > lower.prefix(while: { $0 != ":" }).count + 3,
            !text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control || $0 == " " })
        else {
            return wrongType(node, key: key, expected: "a web address starting with https:// or http://")
        }
        return text
    }

    mutating func bool(_ node: Node, key: String) -> Bool? {
        guard let value = node.bool else { return wrongType(node, key: key, expected: "true or false") }
        return value
    }

    mutating func int(_ node: Node, key: String) -> Int? {
        guard let value = node.int else { return wrongType(node, key: key, expected: "an integer") }
        return value
    }

    /// A number, whole or not.
    mutating func number(_ node: Node, key: String) -> Double? {
        guard let value = node.float ?? node.int.map(Double.init), value.isFinite else { return wrongType(node, key: key, expected: "a number") }
        return value
    }

    mutating func stringList(_ node: Node, key: String) -> [String]? {
        guard case .sequence(let sequence) = node else { return wrongType(node, key: key, expected: "a list, such as [a, b]") }
        var strings: [String] = []
        for element in sequence {
            guard case .scalar(let scalar) = element else { return wrongType(element, key: key, expected: "a list of text") }
            strings.append(scalar.string)
        }
        return strings
    }

    mutating func locatedStringList(_ node: Node, key: String) -> [Located<String>]? {
        guard case .sequence(let sequence) = node else { return wrongType(node, key: key, expected: "a list, such as [../governance.md]") }
        var values: [Located<String>] = []
        for element in sequence {
            guard case .scalar(let scalar) = element else { return wrongType(element, key: key, expected: "a list of text") }
            values.append(Located(scalar.string, at: reader.location(of: element)))
        }
        return values
    }

    mutating func date(_ node: Node, key: String) -> Located<CalendarDate>? {
        guard case .scalar(let scalar) = node, let date = CalendarDate(scalar.string) else {
            return wrongType(node, key: key, expected: "a date written YYYY-MM-DD, such as 2027-09-30")
        }
        return Located(date, at: reader.location(of: node))
    }

    private mutating func wrongType<T>(_ node: Node, key: String, expected: String) -> T? {
        let found =
            node.null != nil && node.scalar?.style == .plain
            ? "empty (null)"
            : node.scalar.map { $0.string.isEmpty ? "empty text" : "'\($0.string)'" } ?? node.typeDescription
        diagnostics.append(.error(code, "'\(key)' in \(what) must be \(expected), not \(found)", at: reader.location(of: node)))
        return nil
    }
}
