/// Heading ids: the heading's text lowercased; letters and digits kept (any script); each run of
/// spaces, hyphens and underscores becomes one `-`; everything else dropped. Repeats get `-2`, `-3`.
/// Parsing and rendering both number headings through this, in document order, so ids agree.
public struct HeadingIDGenerator: Sendable {
    private var used: Set<String> = []

    public init() {}

    public static func slug(_ text: String) -> String {
        var slug = ""
        var pendingSeparator = false
        for character in text.lowercased() {
            if character.isLetter || character.isNumber {
                if pendingSeparator && !slug.isEmpty { slug.append("-") }
                pendingSeparator = false
                slug.append(character)
            } else if character.isWhitespace || character == "-" || character == "_" {
                pendingSeparator = true
            }
        }
        return slug
    }

    public mutating func uniqueID(for text: String) -> String {
        let slug = Self.slug(text)
        let base = slug.isEmpty ? "section" : slug
        var candidate = base
        var suffix = 1
        while used.contains(candidate) {
            suffix += 1
            candidate = "\(base)-\(suffix)"
        }
        used.insert(candidate)
        return candidate
    }
}
