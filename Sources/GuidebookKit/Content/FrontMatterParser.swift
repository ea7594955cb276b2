import Yams

/// Splits a Markdown file into front matter and body, and decodes the front matter with Yams.
public enum FrontMatterParser {
    public struct Result: Sendable {
        public var frontMatter: FrontMatter?
        public var body: String
        /// File line (1-based) of the body's first line, so cmark positions map back into the file.
        public var bodyFirstLine: Int
        public var diagnostics: [Diagnostic]
    }

    static let knownKeys: Set<String> = ["title", "summary", "order", "tags", "draft"]

    public static func parse(_ text: String, path: String) -> Result {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let first = lines.first, isFence(first) else {
            return Result(frontMatter: nil, body: text, bodyFirstLine: 1,
                          diagnostics: [.error(.missingTitle, "page has no front matter with a title", at: SourceLocation(path: path),
                                               notes: ["start the file with:\n---\ntitle: Page title\n---"])])
        }
        guard let closing = lines.dropFirst().firstIndex(where: isFence) else {
            return Result(frontMatter: nil, body: "", bodyFirstLine: lines.count + 1,
                          diagnostics: [.error(.unclosedFrontMatter, "front matter is not closed", at: SourceLocation(path: path),
                                               notes: ["add a line '---' after the last front matter field"])])
        }
        let yaml = lines[1..<closing].joined(separator: "\n")
        let body = lines[(closing + 1)...].joined(separator: "\n")
        let (frontMatter, diagnostics) = decode(yaml, reader: YAMLReader(path: path, firstLine: 2))
        return Result(frontMatter: frontMatter, body: body, bodyFirstLine: closing + 2, diagnostics: diagnostics)
    }

    private static func isFence(_ line: Substring) -> Bool {
        line.trimmingCharacters(in: " \t\r") == "---"
    }

    static func decode(_ yaml: String, reader: YAMLReader) -> (FrontMatter?, [Diagnostic]) {
        let mapping: Node.Mapping
        switch reader.mapping(from: yaml, what: "front matter", code: .invalidFrontMatter) {
        case .success(let value): mapping = value
        case .failure(let error): return (nil, [error.diagnostic])
        }
        var fields = FieldReader(reader: reader, code: .invalidFrontMatter, what: "front matter")
        var title: String?
        var frontMatter = FrontMatter(title: "")
        var hasTitleKey = false
        for (key, value) in mapping {
            let name = key.keyText
            switch name {
            case "title":
                hasTitleKey = true
                title = fields.string(value, key: name)
            case "summary": frontMatter.summary = fields.string(value, key: name)
            case "order": frontMatter.order = fields.int(value, key: name)
            case "tags": frontMatter.tags = fields.stringList(value, key: name) ?? []
            case "draft": frontMatter.isDraft = fields.bool(value, key: name) ?? false
            case "glossary": frontMatter.isGlossary = fields.bool(value, key: name) ?? false
            case "related":
                frontMatter.related = fields.locatedStringList(value, key: name) ?? []
            case "owner":
                frontMatter.owner = fields.string(value, key: name)
                frontMatter.extra.append((key: name, value: FrontMatterValue(node: value)))
            case "review_by":
                frontMatter.reviewBy = fields.date(value, key: name)
                frontMatter.extra.append((key: name, value: FrontMatterValue(node: value)))
            default: frontMatter.extra.append((key: name, value: FrontMatterValue(node: value)))
            }
        }
        var diagnostics = fields.diagnostics
        if let title, !title.trimmingCharacters(in: " \t").isEmpty {
            frontMatter.title = title
        } else if diagnostics.isEmpty || !hasTitleKey {
            diagnostics.append(.error(.missingTitle, "front matter has no 'title'", at: reader.location(of: nil),
                                      notes: ["add a line such as 'title: Governance'"]))
        }
        return (diagnostics.isEmpty ? frontMatter : nil, diagnostics)
    }
}

extension Substring {
    func trimmingCharacters(in set: String) -> Substring {
        var result = self
        while let first = result.first, set.contains(first) { result.removeFirst() }
        while let last = result.last, set.contains(last) { result.removeLast() }
        return result
    }
}

extension String {
    func trimmingCharacters(in set: String) -> String {
        String(Substring(self).trimmingCharacters(in: set))
    }
}

extension FrontMatterValue {
    init(node: Node) {
        switch node {
        case .scalar(let scalar):
            if scalar.style == .plain, let value = node.bool { self = .boolean(value) }
            else if scalar.style == .plain, let value = node.int { self = .integer(value) }
            else if scalar.style == .plain, let value = node.float { self = .number(value) }
            else { self = .string(scalar.string) }
        case .sequence(let sequence): self = .list(sequence.map(FrontMatterValue.init(node:)))
        case .mapping(let mapping):
            var values: [String: FrontMatterValue] = [:]
            for (key, value) in mapping { values[key.keyText] = FrontMatterValue(node: value) }
            self = .mapping(values)
        case .alias: self = .string("")
        }
    }
}
