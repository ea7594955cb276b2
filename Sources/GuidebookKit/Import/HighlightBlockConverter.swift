import Foundation

/// Jekyll's `{% highlight ruby %}` ... `{% endhighlight %}` become fenced code blocks (```ruby),
/// with the `{% raw %}`/`{% endraw %}` tags inside them dropped: the text between is the example.
enum HighlightBlockConverter {
    static func convert(_ lines: [AdmonitionConverter.Line]) -> [AdmonitionConverter.Line] {
        guard lines.contains(where: { $0.text.contains("highlight") }) else { return lines }
        var output: [AdmonitionConverter.Line] = []
        var inside = false
        for line in lines {
            let trimmed = line.text.trimmingCharacters(in: .whitespaces)
            if !inside, let open = tag(in: trimmed, named: "highlight") {
                let words = trimmed[open].dropFirst(2).dropLast(2).split(separator: " ").filter { $0 != "-" }
                let language = words.count > 1 ? String(words[1]) : ""
                output.append(.init(text: "```" + language, sourceLine: line.sourceLine))
                let rest = stripRaw(String(trimmed[open.upperBound...]))
                if let close = tag(in: rest, named: "endhighlight") {
                    let before = String(rest[..<close.lowerBound])
                    if !before.trimmingCharacters(in: .whitespaces).isEmpty { output.append(.init(text: before, sourceLine: line.sourceLine)) }
                    output.append(.init(text: "```", sourceLine: line.sourceLine))
                } else {
                    if !rest.trimmingCharacters(in: .whitespaces).isEmpty { output.append(.init(text: rest, sourceLine: line.sourceLine)) }
                    inside = true
                }
                continue
            }
            if inside {
                let text = stripRaw(line.text)
                if let close = tag(in: text, named: "endhighlight") {
                    let before = String(text[..<close.lowerBound])
                    if !before.trimmingCharacters(in: .whitespaces).isEmpty { output.append(.init(text: before, sourceLine: line.sourceLine)) }
                    output.append(.init(text: "```", sourceLine: line.sourceLine))
                    inside = false
                } else {
                    output.append(.init(text: text, sourceLine: line.sourceLine))
                }
                continue
            }
            output.append(line)
        }
        if inside { output.append(.init(text: "```", sourceLine: lines.last?.sourceLine ?? 1)) }
        return output
    }

    /// The range of `{% name ... %}` (or `{%- name -%}`) in a line.
    private static func tag(in text: String, named name: String) -> Range<String.Index>? {
        var search = text.startIndex..<text.endIndex
        while let open = text.range(of: "{%", range: search) {
            guard let close = text.range(of: "%}", range: open.upperBound..<text.endIndex) else { return nil }
            let words = text[open.upperBound..<close.lowerBound].split(separator: " ").filter { $0 != "-" }
            if words.first.map({ $0.trimmingCharacters(in: .init(charactersIn: "-")) }) == name { return open.lowerBound..<close.upperBound }
            search = close.upperBound..<text.endIndex
        }
        return nil
    }

    private static func stripRaw(_ text: String) -> String {
        var text = text
        while let range = tag(in: text, named: "raw") ?? tag(in: text, named: "endraw") { text.removeSubrange(range) }
        return text
    }
}
