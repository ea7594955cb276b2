/// Finds partials that include themselves whatever the data: `{{> a}}` in a.mustache, or a chain
/// a -> b -> a, outside any section. Such a template would never finish rendering (the template
/// library recurses until the stack runs out), so it is reported at theme load, at the tag's line.
/// Inclusion inside a section (`{{#children}}{{> nav-item}}{{/children}}`) is how a theme draws a
/// tree, and ends with the data; it is allowed.
enum PartialCycleCheck {
    struct Inclusion {
        var partial: String
        var line: Int
        var column: Int
    }

    /// The partials a template includes outside any section, in the order written.
    static func unconditionalInclusions(in text: String) -> [Inclusion] {
        var inclusions: [Inclusion] = []
        var depth = 0, line = 1, column = 1
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            for character in rest[..<open.lowerBound] {
                if character == "\n" {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
            }
            let tagStart = (line, column)
            guard let close = rest[open.upperBound...].range(of: "}}") else { break }
            let tag = rest[open.upperBound..<close.lowerBound]
            switch tag.first {
            case "#", "^": depth += 1
            case "/": depth = max(0, depth - 1)
            case ">" where depth == 0:
                inclusions.append(Inclusion(partial: String(tag.dropFirst().trimmingCharacters(in: " \t")), line: tagStart.0, column: tagStart.1))
            default: break
            }
            for character in rest[open.lowerBound..<close.upperBound] {
                if character == "\n" {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
            }
            rest = rest[close.upperBound...]
        }
        return inclusions
    }

    /// One diagnostic for each template that starts a cycle of unconditional inclusions.
    static func check(templates: [String: (text: String, displayPath: String)]) -> [Diagnostic] {
        let inclusions = templates.mapValues { unconditionalInclusions(in: $0.text) }
        var diagnostics: [Diagnostic] = []
        for name in templates.keys.sorted() {
            guard let path = cycle(from: name, inclusions: inclusions), let first = inclusions[name]?.first(where: { $0.partial == path[1] }) else { continue }
            let chain = path.joined(separator: " -> ")
            diagnostics.append(
                .error(
                    .templateError, "partial '\(name)' includes itself (\(chain)) outside any section, so it would never finish rendering",
                    at: SourceLocation(path: templates[name]!.displayPath, line: first.line, column: first.column),
                    notes: ["put the inclusion inside a section that ends, such as {{#children}}...{{/children}}"]))
        }
        return diagnostics
    }

    /// The chain from `start` back to itself, if there is one.
    private static func cycle(from start: String, inclusions: [String: [Inclusion]]) -> [String]? {
        var visited: Set<String> = []
        func search(_ name: String, path: [String]) -> [String]? {
            for inclusion in inclusions[name] ?? [] {
                if inclusion.partial == start { return path + [start] }
                if visited.insert(inclusion.partial).inserted, let found = search(inclusion.partial, path: path + [inclusion.partial]) { return found }
            }
            return nil
        }
        return search(start, path: [start])
    }
}
