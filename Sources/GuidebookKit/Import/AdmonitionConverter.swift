import Foundation

/// Call-outs other tools write, turned into GitHub's alert form (`> [!NOTE]`), which Guidebook
/// renders as call-outs: MkDocs `!!! note "Title"` (and `???` collapsible ones) with an indented
/// body, `:::tip Title` ... `:::` blocks, Just the Docs `{: .note }` before a paragraph, and Hugo
/// `{{< hint warning >}}` ... `{{< /hint >}}` shortcodes.
enum AdmonitionConverter {
    /// A line of converted text and the source line it came from (1-based), for warnings.
    struct Line {
        var text: String
        var sourceLine: Int
    }

    /// The alert kind for another tool's call-out type; nil for a type with no sensible match.
    static func kind(for type: String) -> String? {
        switch type.lowercased() {
        case "note", "abstract", "summary", "tldr", "info", "todo", "seealso", "example", "quote", "cite", "question", "help", "faq", "highlight", "new",
            "secondary", "primary", "default":
            return "NOTE"
        case "tip", "hint", "success", "check", "done", "green": return "TIP"
        case "important": return "IMPORTANT"
        case "warning", "attention", "warn", "orange", "yellow": return "WARNING"
        case "caution", "danger", "error", "failure", "fail", "missing", "bug", "red": return "CAUTION"
        default: return nil
        }
    }

    static func convert(_ lines: [Line], path: String, warnings: inout [ImportWarning]) -> [Line] {
        var output: [Line] = []
        var index = 0
        var fence: String?
        while index < lines.count {
            let line = lines[index]
            let trimmed = line.text.drop { $0 == " " }
            if let open = fence {
                if trimmed.hasPrefix(open) { fence = nil }
                output.append(line)
                index += 1
                continue
            }
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                fence = String(trimmed.prefix { $0 == trimmed.first })
                output.append(line)
                index += 1
                continue
            }
            let indent = String(line.text.prefix { $0 == " " })
            if let (type, title) = mkdocsOpening(String(trimmed)) {
                var body: [Line] = []
                index += 1
                while index < lines.count {
                    let next = lines[index].text
                    if next.trimmingCharacters(in: .whitespaces).isEmpty {
                        // A blank line stays inside when the next text is still indented.
                        let rest = lines[(index + 1)...].first { !$0.text.trimmingCharacters(in: .whitespaces).isEmpty }
                        guard let rest, rest.text.hasPrefix(indent + "    ") || rest.text.hasPrefix(indent + "\t") else { break }
                        body.append(Line(text: "", sourceLine: lines[index].sourceLine))
                    } else if next.hasPrefix(indent + "    ") {
                        body.append(Line(text: String(next.dropFirst(indent.count + 4)), sourceLine: lines[index].sourceLine))
                    } else if next.hasPrefix(indent + "\t") {
                        body.append(Line(text: String(next.dropFirst(indent.count + 1)), sourceLine: lines[index].sourceLine))
                    } else {
                        break
                    }
                    index += 1
                }
                output += alert(
                    type: type, title: title, body: convert(body, path: path, warnings: &warnings), indent: indent, at: line, path: path,
                    column: indent.count + 1, warnings: &warnings)
                continue
            }
            if let (type, title, closing) = blockOpening(String(trimmed)) {
                if let end = lines[(index + 1)...].firstIndex(where: { closing($0.text.trimmingCharacters(in: .whitespaces)) }) {
                    let body = convert(Array(lines[(index + 1)..<end]), path: path, warnings: &warnings)
                    output += alert(type: type, title: title, body: body, indent: indent, at: line, path: path, column: indent.count + 1, warnings: &warnings)
                    index = end + 1
                    continue
                }
            }
            if let type = justTheDocsCallout(String(trimmed)), index + 1 < lines.count, !lines[index + 1].text.trimmingCharacters(in: .whitespaces).isEmpty {
                var end = index + 1
                while end < lines.count, !lines[end].text.trimmingCharacters(in: .whitespaces).isEmpty { end += 1 }
                output += alert(
                    type: type, title: nil, body: Array(lines[(index + 1)..<end]), indent: indent, at: line, path: path, column: indent.count + 1,
                    warnings: &warnings)
                index = end
                continue
            }
            output.append(line)
            index += 1
        }
        return output
    }

    private static func alert(
        type: String, title: String?, body: [Line], indent: String, at line: Line, path: String, column: Int,
        warnings: inout [ImportWarning]
    ) -> [Line] {
        var title = title
        let found = kind(for: type)
        if found == nil {
            warnings.append(
                ImportWarning(
                    .admonition, "call-out type '\(type)' has no GitHub alert form; made a NOTE titled '\(title ?? type.capitalized)'",
                    at: SourceLocation(path: path, line: line.sourceLine, column: column)))
        }
        let kind = found ?? "NOTE"
        if title == nil, kind.lowercased() != type.lowercased() { title = type.prefix(1).uppercased() + type.dropFirst() }
        var output = [Line(text: "\(indent)> [!\(kind)]", sourceLine: line.sourceLine)]
        if let title, !title.isEmpty { output.append(Line(text: "\(indent)> **\(title)**", sourceLine: line.sourceLine)) }
        if title != nil, !title!.isEmpty, !body.isEmpty { output.append(Line(text: "\(indent)>", sourceLine: line.sourceLine)) }
        for bodyLine in body {
            output.append(Line(text: bodyLine.text.isEmpty ? "\(indent)>" : "\(indent)> \(bodyLine.text)", sourceLine: bodyLine.sourceLine))
        }
        output.append(Line(text: "", sourceLine: line.sourceLine))
        return output
    }

    /// `!!! note "Title"`, `??? tip`, `???+ warning ""`: the type and the title (nil: none given).
    static func mkdocsOpening(_ line: String) -> (String, String?)? {
        let marker = ["???+", "!!!", "???"].first { line.hasPrefix($0 + " ") }
        guard let marker else { return nil }
        let rest = line.dropFirst(marker.count).trimmingCharacters(in: .whitespaces)
        let words = rest.prefix { $0 != "\"" }.split(separator: " ")
        guard let type = words.first, type.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else { return nil }
        if let quote = rest.firstIndex(of: "\""), let end = rest.lastIndex(of: "\""), quote < end {
            return (String(type), String(rest[rest.index(after: quote)..<end]))
        }
        return (String(type), nil)
    }

    /// `:::tip Title` (closed by `:::`) or `{{< hint warning >}}` (closed by `{{< /hint >}}`).
    static func blockOpening(_ line: String) -> (String, String?, (String) -> Bool)? {
        if line.hasPrefix(":::"), !line.hasPrefix("::::") {
            let rest = line.dropFirst(3).trimmingCharacters(in: .whitespaces)
            let words = rest.split(separator: " ", maxSplits: 1)
            guard let type = words.first, type.allSatisfy({ $0.isLetter }) else { return nil }
            let title = words.count > 1 ? words[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"[] ")) : nil
            return (String(type), title, { $0 == ":::" })
        }
        for (open, close) in [("{{<", ">}}"), ("{{%", "%}}")] where line.hasPrefix(open) && line.hasSuffix(close) {
            let words = line.dropFirst(3).dropLast(3).split(separator: " ").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
            guard let name = words.first, ["hint", "notice", "alert", "callout", "admonition", "note", "tip", "warning", "info", "danger"].contains(name) else {
                return nil
            }
            let type =
                words.count > 1 && !words[1].contains("=") ? words[1] : (["hint", "notice", "alert", "callout", "admonition"].contains(name) ? "note" : name)
            let closing: (String) -> Bool = {
                $0.hasPrefix(open) && $0.hasSuffix(close) && $0.dropFirst(3).dropLast(3).trimmingCharacters(in: .whitespaces) == "/" + name
            }
            return (type, nil, closing)
        }
        return nil
    }

    /// Just the Docs: `{: .note }` or `{: .warning }` on the line before a paragraph.
    static func justTheDocsCallout(_ line: String) -> String? {
        guard line.hasPrefix("{:"), line.hasSuffix("}") else { return nil }
        let inner = line.dropFirst(2).dropLast().trimmingCharacters(in: .whitespaces)
        guard inner.hasPrefix("."), !inner.contains(" ") else { return nil }
        let type = String(inner.dropFirst())
        return kind(for: type) == nil ? nil : type
    }
}
