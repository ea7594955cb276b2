import Foundation

/// Links in a page's text, rewritten as relative links to the new `.md` files: Markdown links and
/// reference definitions written as the tool's web addresses (`/guide/setup/`, `setup.html`),
/// Hugo's `{{< ref "x" >}}` and `relref`, Jekyll's `{% link x.md %}`, `{% post_url %}`,
/// `{{ site.baseurl }}/x` and `{{ '/x' | relative_url }}`. Other template tags are reported.
struct LinkConverter {
    var table: ImportLinkTable
    var basePath: String
    var siteVariables: [String: String] = [:]
    /// The page: its path in the source's content folder, its web stem, its new path, and the
    /// path warnings name.
    var sourcePath: String
    var stem: String
    var newPath: String
    var displayPath: String

    /// Marks a destination the template pass has already rewritten, so the link pass leaves it.
    private static let mark: Character = "\u{E000}"

    func convert(_ lines: [AdmonitionConverter.Line], warnings: inout [ImportWarning]) -> String {
        var output: [String] = []
        var fence: String?
        var inRaw = false
        for line in lines {
            let trimmed = line.text.drop { $0 == " " || $0 == ">" }
            if let open = fence {
                if trimmed.hasPrefix(open) { fence = nil }
                output.append(line.text)
                continue
            }
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                fence = String(trimmed.prefix { $0 == trimmed.first })
                output.append(line.text)
                continue
            }
            if line.text.contains("--8<--") {
                warnings.append(
                    ImportWarning(
                        .include, "snippet include '--8<--' was not converted; copy the snippet's text into the page",
                        at: SourceLocation(path: displayPath, line: line.sourceLine, column: column(of: "--8<--", in: line.text))))
            }
            var text = ""
            var offset = 0
            for (isCode, segment) in Self.codeSegments(line.text) {
                defer { offset += segment.count }
                if isCode {
                    text += segment
                    continue
                }
                let templated = replaceTemplates(segment, line: line, offset: offset, inRaw: &inRaw, warnings: &warnings)
                text += rewriteLinks(templated)
            }
            output.append(text.replacingOccurrences(of: String(Self.mark), with: ""))
        }
        return output.joined(separator: "\n")
    }

    private func column(of needle: String, in text: String) -> Int {
        guard let range = text.range(of: needle) else { return 1 }
        return text.distance(from: text.startIndex, to: range.lowerBound) + 1
    }

    /// A line split into text and inline code (`` `code` ``), which is left as it is.
    static func codeSegments(_ line: String) -> [(Bool, String)] {
        var segments: [(Bool, String)] = []
        var current = ""
        var index = line.startIndex
        while index < line.endIndex {
            if line[index] == "`" {
                let run = line[index...].prefix { $0 == "`" }
                let after = line.index(index, offsetBy: run.count)
                if let close = line[after...].range(of: String(run)) {
                    segments.append((false, current))
                    current = ""
                    segments.append((true, String(line[index..<close.upperBound])))
                    index = close.upperBound
                    continue
                }
                current += run
                index = after
                continue
            }
            current.append(line[index])
            index = line.index(after: index)
        }
        segments.append((false, current))
        return segments
    }

    private func relativeLink(to target: String, fragment: String) -> String {
        String(Self.mark) + ImportLinkTable.relative(from: newPath, to: target) + fragment + String(Self.mark)
    }

    private static func splitFragment(_ text: String) -> (String, String) {
        guard let hash = text.firstIndex(where: { $0 == "#" || $0 == "?" }) else { return (text, "") }
        let fragment = text[hash...]
        return (String(text[..<hash]), fragment.hasPrefix("?") ? String(fragment.drop { $0 != "#" }) : String(fragment))
    }

    private func replaceTemplates(_ text: String, line: AdmonitionConverter.Line, offset: Int, inRaw: inout Bool, warnings: inout [ImportWarning]) -> String {
        var output = ""
        var rest = Substring(text)
        let openers = [("{{<", ">}}"), ("{{%", "%}}"), ("{{", "}}"), ("{%", "%}"), ("<%", "%>")]
        while let start = rest.firstIndex(where: { $0 == "{" || $0 == "<" }) {
            output += rest[..<start]
            let here = rest[start...]
            guard let (open, close) = openers.first(where: { here.hasPrefix($0.0) }),
                let end = here.dropFirst(open.count).range(of: close)
            else {
                output.append(rest[start])
                rest = rest[rest.index(after: start)...]
                continue
            }
            let tag = String(here[..<end.upperBound])
            let inner = here[here.index(start, offsetBy: open.count)..<end.lowerBound].trimmingCharacters(in: .whitespaces)
            let columnNumber = offset + text.distance(from: text.startIndex, to: start) + 1
            let location = SourceLocation(path: displayPath, line: line.sourceLine, column: columnNumber)
            rest = here[end.upperBound...]
            // Between Jekyll's {% raw %} and {% endraw %} the text is shown as written.
            if inRaw && !(open == "{%" && inner == "endraw") {
                output += tag
                continue
            }
            let words = inner.split(separator: " ").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\"'-")) }.filter { !$0.isEmpty }
            let name = words.first ?? ""
            switch open {
            case "{{<", "{{%":
                if name == "ref" || name == "relref", words.count > 1 {
                    let (target, fragment) = Self.splitFragment(words[1])
                    if let found = table.resolve(target, fromSourcePath: sourcePath, stem: stem, basePath: basePath, hugoRef: true) {
                        output += relativeLink(to: found, fragment: fragment)
                    } else {
                        warnings.append(ImportWarning(.link, "Hugo \(name) to '\(words[1])' names no page of the site; left as '\(words[1])'", at: location))
                        output += words[1]
                    }
                } else {
                    if !name.hasPrefix("/") { warnings.append(ImportWarning(.shortcode, "Hugo shortcode '\(name)' was not converted", at: location)) }
                    output += tag
                }
            case "{%":
                switch name {
                case "raw", "endraw": inRaw = name == "raw"
                case "link", "post_url":
                    let argument = words.count > 1 ? words[1] : ""
                    let candidates = name == "post_url" ? ["_posts/\(argument).md", "_posts/\(argument).markdown"] : [argument]
                    let (_, fragment) = Self.splitFragment(argument)
                    if let found = candidates.lazy.compactMap({ table.resolve(Self.splitFragment($0).0, fromSourcePath: "", stem: "", basePath: self.basePath) }
                    ).first {
                        output = Self.droppingBaseURL(output)
                        output += relativeLink(to: found, fragment: fragment)
                    } else {
                        warnings.append(ImportWarning(.link, "Liquid \(name) to '\(argument)' names no page of the site; left as '\(argument)'", at: location))
                        output += argument
                    }
                case "include", "include_relative":
                    warnings.append(
                        ImportWarning(
                            .include, "Liquid include '\(words.dropFirst().first ?? "")' was not converted; copy its text into the page", at: location))
                    output += tag
                default:
                    warnings.append(ImportWarning(.liquid, "Liquid tag '\(name)' was not converted", at: location))
                    output += tag
                }
            case "{{":
                if inner == "site.baseurl" || inner == "site.url" || inner == "site.url }}{{ site.baseurl" {
                    // `{{ site.baseurl }}/guide/setup/`: the address that follows is a root-absolute link.
                    let address = rest.prefix { !" )\"'>]".contains($0) }
                    let (target, fragment) = Self.splitFragment(String(address))
                    if address.hasPrefix("/"), let found = table.resolve(target, fromSourcePath: sourcePath, stem: stem, basePath: "") {
                        output += relativeLink(to: found, fragment: fragment)
                        rest = rest.dropFirst(address.count)
                    } else if address.isEmpty || address.hasPrefix("{") {
                        break
                    } else {
                        warnings.append(ImportWarning(.link, "link '\(address)' names no page of the site", at: location))
                    }
                } else if inner.hasPrefix("site."), let value = siteVariables[String(inner.dropFirst(5))] {
                    output += value
                } else if inner.contains("relative_url") || inner.contains("absolute_url"), let argument = words.first {
                    let (target, fragment) = Self.splitFragment(argument.hasPrefix("/") ? argument : "/" + argument)
                    if let found = table.resolve(target, fromSourcePath: sourcePath, stem: stem, basePath: "") {
                        output += relativeLink(to: found, fragment: fragment)
                    } else {
                        warnings.append(ImportWarning(.link, "link '\(argument)' names no page of the site; left as written", at: location))
                        output += tag
                    }
                } else {
                    warnings.append(ImportWarning(.liquid, "template value '\(inner)' was not converted", at: location))
                    output += tag
                }
            default:
                warnings.append(ImportWarning(.erb, "ERB tag '\(String(inner.prefix(40)))' was not converted", at: location))
                output += tag
            }
        }
        output += rest
        return output
    }

    private static func droppingBaseURL(_ text: String) -> String {
        for form in ["{{ site.baseurl }}", "{{site.baseurl}}"] where text.hasSuffix(form) { return String(text.dropLast(form.count)) }
        return text
    }

    /// `[text](destination)`, `![alt](destination)` and `[name]: destination`.
    private func rewriteLinks(_ text: String) -> String {
        var output = ""
        var rest = Substring(text)
        let trimmed = text.drop { $0 == " " || $0 == ">" }
        if trimmed.hasPrefix("["), let close = trimmed.range(of: "]: ") {
            let prefixCount = text.count - trimmed.count
            let start = trimmed[close.upperBound...].drop { $0 == " " }
            let destination = start.prefix { $0 != " " }
            output = String(text.prefix(prefixCount)) + String(trimmed[..<start.startIndex]) + rewrite(String(destination))
            return output + start.dropFirst(destination.count)
        }
        while let range = rest.range(of: "](") {
            output += rest[..<range.upperBound]
            rest = rest[range.upperBound...]
            var depth = 0
            let destination: Substring
            if rest.hasPrefix("<") {
                destination = rest.prefix { $0 != ">" } + (rest.contains(">") ? ">" : "")
            } else {
                destination = rest.prefix { character in
                    if character == "(" {
                        depth += 1
                    } else if character == ")" {
                        if depth == 0 { return false }
                        depth -= 1
                    }
                    return character != " "
                }
            }
            output += rewrite(String(destination))
            rest = rest.dropFirst(destination.count)
        }
        return output + rest
    }

    private func rewrite(_ destination: String) -> String {
        guard destination.first != Self.mark else { return destination }
        let (target, fragment) = Self.splitFragment(destination)
        guard !target.isEmpty, let found = table.resolve(target, fromSourcePath: sourcePath, stem: stem, basePath: basePath) else { return destination }
        return ImportLinkTable.relative(from: newPath, to: found) + fragment
    }
}
