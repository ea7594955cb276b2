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
        // Windows editors may start a UTF-8 file with a byte order mark; it is not part of the text.
        let text = text.utf8.starts(with: [0xEF, 0xBB, 0xBF]) ? String(text[text.utf8.index(text.startIndex, offsetBy: 3)...]) : text
        // Lines are found as UTF-8 bytes, up to the closing fence only: the body is handed on as it
        // is. Splitting whole files into Characters was most of the Load stage on a large guide, and
        // never split a Windows (CRLF) file, whose "\r\n" is one Character.
        let bytes = text.utf8
        var lineStart = bytes.startIndex
        var lineNumber = 0
        var yamlStart: String.Index?
        while true {
            let lineEnd = bytes[lineStart...].firstIndex(of: 0x0A) ?? bytes.endIndex
            lineNumber += 1
            let nextStart = lineEnd < bytes.endIndex ? bytes.index(after: lineEnd) : lineEnd
            let fence = isFence(bytes[lineStart..<lineEnd])
            if lineNumber == 1 {
                guard fence else {
                    return Result(
                        frontMatter: nil, body: text, bodyFirstLine: 1,
                        diagnostics: [
                            .error(
                                .missingTitle, "page has no front matter with a title", at: SourceLocation(path: path),
                                notes: ["start the file with:\n---\ntitle: Page title\n---"])
                        ])
                }
                yamlStart = nextStart
            } else if fence, let yamlStart {
                let yaml = String(text[yamlStart..<(lineStart == yamlStart ? lineStart : bytes.index(before: lineStart))])
                let (frontMatter, diagnostics) = decode(yaml, reader: YAMLReader(path: path, firstLine: 2))
                return Result(frontMatter: frontMatter, body: String(text[nextStart...]), bodyFirstLine: lineNumber + 1, diagnostics: diagnostics)
            }
            if lineEnd == bytes.endIndex { break }
            lineStart = nextStart
        }
        return Result(
            frontMatter: nil, body: "", bodyFirstLine: lineNumber + 1,
            diagnostics: [
                .error(
                    .unclosedFrontMatter, "front matter is not closed", at: SourceLocation(path: path),
                    notes: ["add a line '---' after the last front matter field"])
            ])
    }

    /// `---`, with spaces, tabs or a carriage return around it.
    private static func isFence(_ line: Substring.UTF8View) -> Bool {
        let isPadding: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
        guard let first = line.firstIndex(where: { !isPadding($0) }), let last = line.lastIndex(where: { !isPadding($0) }) else { return false }
        return line[first...last].elementsEqual("---".utf8)
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
        var addressProblems: [Diagnostic] = []
        for (key, value) in mapping {
            let name = key.keyText
            switch name {
            case "title":
                hasTitleKey = true
                title = fields.nonEmptyString(value, key: name)
            case "summary": frontMatter.summary = fields.string(value, key: name)
            case "order": frontMatter.order = fields.int(value, key: name)
            case "tags": frontMatter.tags = fields.stringList(value, key: name) ?? []
            // A `draft` that is not true or false counts as a draft: a page meant to be hidden is never published by mistake.
            case "draft": frontMatter.isDraft = fields.bool(value, key: name) ?? true
            case "glossary": frontMatter.isGlossary = fields.bool(value, key: name) ?? false
            case "search_weight":
                if let weight = fields.number(value, key: name) {
                    if weight > 0, weight <= 10 {
                        frontMatter.searchWeight = weight
                    } else {
                        addressProblems.append(
                            .error(
                                .invalidFrontMatter, "'search_weight' in front matter must be above 0 and at most 10, not \(weight)",
                                at: reader.location(of: value), notes: ["for example 'search_weight: 0.5' for a page that should rank below others"]))
                    }
                }
            case "related":
                frontMatter.related = fields.locatedStringList(value, key: name) ?? []
            case "owner":
                frontMatter.owner = fields.string(value, key: name)
                frontMatter.extra.append((key: name, value: FrontMatterValue(node: value)))
            case "owner_email":
                if let email = fields.string(value, key: name) {
                    if FrontMatter.isEmailAddress(email) {
                        frontMatter.ownerEmail = email
                    } else {
                        addressProblems.append(
                            .error(
                                .invalidFrontMatter, "'owner_email' in front matter must be an email address, not '\(email)'",
                                at: reader.location(of: value), notes: ["for example 'owner_email: cs-development@example.gov.uk'"]))
                    }
                }
                frontMatter.extra.append((key: name, value: FrontMatterValue(node: value)))
            case "reviewed":
                frontMatter.reviewed = fields.date(value, key: name)
                frontMatter.extra.append((key: name, value: FrontMatterValue(node: value)))
            case "review_by":
                frontMatter.reviewBy = fields.date(value, key: name)
                frontMatter.extra.append((key: name, value: FrontMatterValue(node: value)))
            default: frontMatter.extra.append((key: name, value: FrontMatterValue(node: value)))
            }
        }
        var diagnostics = fields.diagnostics + addressProblems
        if let title, !title.trimmingCharacters(in: " \t").isEmpty {
            frontMatter.title = title
        } else if diagnostics.isEmpty || !hasTitleKey {
            diagnostics.append(
                .error(
                    .missingTitle, "front matter has no 'title'", at: reader.location(of: nil),
                    notes: ["add a line such as 'title: Governance'"]))
        }
        // The fields that could be read are kept whatever else is wrong: the page is still a page (links to
        // it resolve), its errors are reported, and the body's opening `# heading` may give a missing title.
        return (frontMatter, diagnostics)
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
            if scalar.style == .plain, let value = node.bool {
                self = .boolean(value)
            } else if scalar.style == .plain, let value = node.int {
                self = .integer(value)
            } else if scalar.style == .plain, let value = node.float {
                self = .number(value)
            } else {
                self = .string(scalar.string)
            }
        case .sequence(let sequence): self = .list(sequence.map(FrontMatterValue.init(node:)))
        case .mapping(let mapping):
            var values: [String: FrontMatterValue] = [:]
            for (key, value) in mapping { values[key.keyText] = FrontMatterValue(node: value) }
            self = .mapping(values)
        case .alias: self = .string("")
        }
    }
}
