import Foundation
import Yams

/// A source page's front matter (YAML between `---`, or Hugo's TOML between `+++`), turned into
/// Guidebook's: `description` to `summary`, the tool's order field to `order`, tech docs'
/// `last_reviewed_on`/`review_in`/`owner_slack` to `reviewed`/`review_by`/`owner`, Jekyll's
/// `published: false` to `draft: true`. Every other field is kept as it is.
struct ImportedFrontMatter {
    var mapping: Node.Mapping
    var body: String
    /// File line (1-based) of the body's first line.
    var bodyFirstLine: Int
    var warnings: [ImportWarning] = []

    init(text: String, path: String) {
        let text = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        mapping = Node.Mapping([])
        body = text
        bodyFirstLine = 1
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let first = lines.first?.trimmingCharacters(in: .whitespacesAndNewlines), first == "---" || first == "+++" else { return }
        lines.removeFirst()
        guard
            let close = lines.firstIndex(where: {
                $0.trimmingCharacters(in: .whitespacesAndNewlines) == first || (first == "---" && $0.trimmingCharacters(in: .whitespacesAndNewlines) == "...")
            })
        else { return }
        let header = lines[..<close].joined(separator: "\n")
        body = lines[(close + 1)...].joined(separator: "\n")
        bodyFirstLine = close + 3
        if first == "+++" {
            let toml = TOMLFrontMatter.parse(header)
            mapping = toml.mapping
            for offset in toml.unreadLines {
                warnings.append(
                    ImportWarning(.frontMatter, "TOML front matter line not understood; left out", at: SourceLocation(path: path, line: offset + 2)))
            }
        } else {
            do {
                if let node = try Yams.compose(yaml: header) {
                    if let mapping = node.mapping {
                        self.mapping = mapping
                    } else {
                        warnings.append(ImportWarning(.frontMatter, "front matter is not a mapping; left out", at: SourceLocation(path: path, line: 2)))
                    }
                }
            } catch {
                warnings.append(ImportWarning(.frontMatter, "front matter is not valid YAML; left out", at: SourceLocation(path: path, line: 2)))
            }
        }
    }

    /// Applies the tool's meanings; `navigationOrder` and `navigationTitle` come from a nav file.
    mutating func convert(format: ImportFormat, navigationOrder: Int?, navigationTitle: String?, path: String) {
        var notes: [String] = []
        defer { warnings += notes.map { ImportWarning(.frontMatter, $0, at: SourceLocation(path: path, line: 2)) } }
        func warn(_ text: String) { notes.append(text) }
        if mapping["summary"] == nil, let description = mapping["description"], description.string != nil {
            mapping["summary"] = description
            mapping["description"] = nil
        }
        if let navigationOrder {
            mapping["order"] = Node(String(navigationOrder))
        } else if mapping["order"]?.int == nil {
            for key in format.orderKeys where key != "order" {
                guard let value = mapping[key] else { continue }
                if let number = value.int {
                    mapping["order"] = Node(String(number))
                } else if let number = value.float, number.isFinite {
                    // Just the Docs allows 1.5; order is a whole number, so scale and keep the sequence.
                    mapping["order"] = Node(String(Int((number * 100).rounded())))
                } else {
                    warn("'\(key)' is not a number; not converted to 'order'")
                }
                break
            }
        }
        if let title = mapping["title"], title.string?.trimmingCharacters(in: .whitespaces).isEmpty ?? true {
            warn("'title' is empty or not text; left out, so the page's opening heading gives its title")
            mapping["title"] = nil
        }
        if mapping["title"] == nil, let navigationTitle { mapping["title"] = Node(navigationTitle) }
        if let published = mapping["published"]?.bool, !published, mapping["draft"] == nil {
            mapping["draft"] = Node("true", Tag(.bool))
        }
        if let tags = mapping["tags"], let text = tags.string {
            let words = text.split(whereSeparator: { $0 == " " || $0 == "," }).map { Node(String($0)) }
            mapping["tags"] = .sequence(Node.Sequence(words))
        }
        if format == .techDocs { convertReview(warn: warn) }
        // Known fields must have Guidebook's types; a value that does not is kept under another name.
        for key in ["summary", "owner", "owner_email"] where mapping[key] != nil && mapping[key]?.string == nil { rename(key, warn: warn) }
        for key in ["order"] where mapping[key] != nil && mapping[key]?.int == nil { rename(key, warn: warn) }
        for key in ["draft", "glossary"] where mapping[key] != nil && mapping[key]?.bool == nil { rename(key, warn: warn) }
        for key in ["tags", "related"] where mapping[key] != nil && mapping[key]?.sequence == nil { rename(key, warn: warn) }
        if mapping["related"] != nil { rename("related", warn: warn) }
        for key in ["reviewed", "review_by"] where mapping[key] != nil && Self.date(mapping[key]?.string) == nil { rename(key, warn: warn) }
    }

    private mutating func rename(_ key: String, warn: (String) -> Void) {
        warn("'\(key)' does not have the form Guidebook gives it; kept as 'source_\(key)'")
        mapping["source_\(key)"] = mapping[key]
        mapping[key] = nil
    }

    /// GOV.UK tech docs: `last_reviewed_on: 2026-01-10`, `review_in: 6 months`, `owner_slack: "#team"`.
    private mutating func convertReview(warn: (String) -> Void) {
        if mapping["owner"] == nil, let slack = mapping["owner_slack"]?.string { mapping["owner"] = Node(slack) }
        guard let reviewedText = mapping["last_reviewed_on"]?.string, let reviewed = Self.date(reviewedText) else { return }
        if mapping["reviewed"] == nil { mapping["reviewed"] = Node(reviewedText) }
        guard mapping["review_by"] == nil, let interval = mapping["review_in"]?.string else { return }
        let parts = interval.split(separator: " ")
        guard parts.count == 2, let count = Int(parts[0]) else { return warn("'review_in' is not like '6 months'; no 'review_by' made") }
        var components = DateComponents()
        switch parts[1].lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "s")) {
        case "day": components.day = count
        case "week": components.day = count * 7
        case "month": components.month = count
        case "year": components.year = count
        default: return warn("'review_in' is not like '6 months'; no 'review_by' made")
        }
        guard let due = Self.calendar.date(byAdding: components, to: reviewed) else { return }
        let day = Self.calendar.dateComponents([.year, .month, .day], from: due)
        mapping["review_by"] = Node(String(format: "%04d-%02d-%02d", day.year!, day.month!, day.day!))
    }

    static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    static func date(_ text: String?) -> Date? {
        guard let text, text.count == 10 else { return nil }
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        return calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2]))
    }

    /// The page's text as Guidebook reads it: YAML front matter (if any field is left), then the body.
    func text(body: String) -> String {
        guard !mapping.isEmpty, let yaml = try? Yams.serialize(node: .mapping(mapping), width: -1, allowUnicode: true) else { return body }
        return "---\n" + yaml + (yaml.hasSuffix("\n") ? "" : "\n") + "---\n" + body
    }
}
