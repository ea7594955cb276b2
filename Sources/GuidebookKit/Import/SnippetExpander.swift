import Foundation

/// pymdownx.snippets' `--8<-- "file.md"` on a line of its own: the file's text put in its place,
/// when the file is inside the source folder (looked up from the source folder, then the pages'
/// folder, as MkDocs' default `base_path` does). Other forms are left for LinkConverter to report.
enum SnippetExpander {
    static func expand(_ lines: [AdmonitionConverter.Line], source: ImportSource) -> [AdmonitionConverter.Line] {
        guard lines.contains(where: { $0.text.contains("--8<--") }) else { return lines }
        var output: [AdmonitionConverter.Line] = []
        for line in lines {
            let trimmed = line.text.trimmingCharacters(in: .whitespaces)
            guard trimmed.hasPrefix("--8<--"), let text = snippet(String(trimmed.dropFirst(6)), source: source) else {
                output.append(line)
                continue
            }
            let indent = String(line.text.prefix { $0 == " " })
            for snippetLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
                let cleaned = snippetLine.hasSuffix("\r") ? snippetLine.dropLast() : snippetLine
                output.append(AdmonitionConverter.Line(text: cleaned.isEmpty ? "" : indent + cleaned, sourceLine: line.sourceLine))
            }
        }
        return output
    }

    private static func snippet(_ argument: String, source: ImportSource) -> String? {
        let name = argument.trimmingCharacters(in: CharacterSet(charactersIn: " \"'"))
        guard !name.isEmpty, !name.contains("://"), !name.hasPrefix("/") else { return nil }
        let root = source.root.resolvingSymlinksInPath().standardizedFileURL.path
        for base in [source.root, source.contentRoot] {
            let url = base.appendingPathComponent(name).resolvingSymlinksInPath().standardizedFileURL
            guard url.path.hasPrefix(root + "/"), let text = try? String(contentsOf: url, encoding: .utf8) else { continue }
            return text
        }
        return nil
    }
}
