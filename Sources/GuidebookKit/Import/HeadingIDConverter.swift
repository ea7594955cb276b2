import Foundation
import GuidebookMarkdown

/// kramdown's (Jekyll's) and attr_list's (MkDocs') heading ids: `{: #v1-0-0}` on the line after a
/// heading, or `{: #id}` / `{ #id }` at its end, become Guidebook's `## Heading {#id}`, so links
/// written to those ids keep working.
enum HeadingIDConverter {
    static func convert(_ lines: [AdmonitionConverter.Line]) -> [AdmonitionConverter.Line] {
        guard lines.contains(where: { $0.text.contains("#") && $0.text.contains("{") }) else { return lines }
        var output: [AdmonitionConverter.Line] = []
        for line in lines {
            let trimmed = line.text.trimmingCharacters(in: .whitespaces)
            if let id = attributeID(trimmed), let previous = output.last, previous.text.hasPrefix("#") {
                output[output.count - 1].text = previous.text + " {#\(id)}"
                continue
            }
            if trimmed.hasPrefix("#"), trimmed.hasSuffix("}"), let open = trimmed.range(of: "{", options: .backwards),
                let id = attributeID(String(trimmed[open.lowerBound...]))
            {
                output.append(
                    AdmonitionConverter.Line(
                        text: String(trimmed[..<open.lowerBound]).trimmingCharacters(in: .whitespaces) + " {#\(id)}",
                        sourceLine: line.sourceLine))
                continue
            }
            output.append(line)
        }
        return output
    }

    /// `id` from `{: #id}`, `{:#id}` or `{ #id }` (attribute lists holding only an id).
    static func attributeID(_ text: String) -> String? {
        guard text.hasPrefix("{"), text.hasSuffix("}") else { return nil }
        var inner = text.dropFirst().dropLast().trimmingCharacters(in: .whitespaces)
        if inner.hasPrefix(":") { inner = String(inner.dropFirst()).trimmingCharacters(in: .whitespaces) }
        guard inner.hasPrefix("#") else { return nil }
        let id = String(inner.dropFirst())
        guard !id.isEmpty, HeadingIDGenerator.explicitID(in: "x {#\(id)}")?.id == id else { return nil }
        return id
    }
}
