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
        return scalar.string
    }

    mutating func bool(_ node: Node, key: String) -> Bool? {
        guard let value = node.bool else { return wrongType(node, key: key, expected: "true or false") }
        return value
    }

    mutating func int(_ node: Node, key: String) -> Int? {
        guard let value = node.int else { return wrongType(node, key: key, expected: "an integer") }
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
        let found = node.scalar.map { "'\($0.string)'" } ?? node.typeDescription
        diagnostics.append(.error(code, "'\(key)' in \(what) must be \(expected), not \(found)", at: reader.location(of: node)))
        return nil
    }
}
