/// HTML comments in a raw HTML node's text. Editors leave notes in comments (`<!-- TODO: check
/// with legal, 07700 900123 -->`) that must never reach a reader: not the page, not the print
/// edition, not the search index. cmark keeps a comment inside one raw HTML node (an inline one,
/// or a block that starts with `<!--` and ends at the line holding `-->`), so each node's text is
/// cleaned on its own.
public enum HTMLComments {
    /// The text without its comments; an unclosed comment runs to the end, as a browser reads it.
    public static func removed(from html: String) -> String {
        guard html.contains("<!--") else { return html }
        var result = ""
        var rest = Substring(html)
        while let open = rest.range(of: "<!--") {
            result += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].range(of: "-->") else { return result }
            rest = rest[close.upperBound...]
        }
        return result + rest
    }

    /// Whether running text holds the start of a comment (`<!--`, which smart punctuation may have
    /// made `<!–` or `<!—`): cmark reads a comment with no end as text.
    public static func opensComment(_ text: String) -> Bool {
        guard let start = text.range(of: "<!") else { return false }
        return text[start.upperBound...].first.map { "-\u{2013}\u{2014}".contains($0) } ?? false
    }

    /// Whether the text is nothing but comments and white space.
    public static func isOnlyComments(_ html: String) -> Bool {
        removed(from: html).allSatisfy(\.isWhitespace)
    }
}
