/// Heading ids: the heading's text lowercased; letters and digits kept (any script); each run of
/// spaces, hyphens and underscores becomes one `-`; everything else dropped. Repeats get `-2`, `-3`.
/// Parsing and rendering both number headings through this, in document order, so ids agree.
public struct HeadingIDGenerator: Sendable {
    private var used: Set<String> = []
    /// The last suffix tried for each base, so a page of many equal headings is numbered in linear
    /// time: each suffix is tried once, not again for every repeat.
    private var lastSuffix: [String: Int] = [:]

    public init() {}

    public static func slug(_ text: String) -> String {
        if let ascii = asciiSlug(text) { return ascii }
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

    /// The same for ASCII text, a byte at a time: characters, and their Unicode properties, were
    /// a noticeable part of a large build (every heading and checklist item gets an id).
    /// ASCII's letters, digits and white space are what `Character`'s properties say they are.
    private static func asciiSlug(_ text: String) -> String? {
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else { return nil }
        var slug: [UInt8] = []
        slug.reserveCapacity(text.utf8.count)
        var pendingSeparator = false
        for byte in text.utf8 {
            let lower = byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
            if (lower >= 0x61 && lower <= 0x7A) || (lower >= 0x30 && lower <= 0x39) {
                if pendingSeparator && !slug.isEmpty { slug.append(UInt8(ascii: "-")) }
                pendingSeparator = false
                slug.append(lower)
            } else if lower == 0x20 || (0x09...0x0D).contains(lower) || lower == UInt8(ascii: "-") || lower == UInt8(ascii: "_") {
                pendingSeparator = true
            }
        }
        return String(decoding: slug, as: UTF8.self)
    }

    /// A heading's own id written after its text, as MkDocs, Pandoc and kramdown allow:
    /// `## Data protection {#gdpr}` is shown as "Data protection", with the id `gdpr`. The id keeps
    /// what it says (links written for those tools use it); it must be a plain URL fragment.
    public static func explicitID(in text: String) -> (text: String, id: String)? {
        guard text.hasSuffix("}"), let open = text.range(of: "{#", options: .backwards) else { return nil }
        let id = String(text[open.upperBound..<text.index(before: text.endIndex)])
        guard !id.isEmpty, id.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic || ("0"..."9").contains($0) || "-_.:".unicodeScalars.contains($0) }) else {
            return nil
        }
        return (String(text[..<open.lowerBound]).trimmingWhitespace(), id)
    }

    /// The heading's text as shown and its id: its own `{#id}` if it has one, else a unique slug.
    public mutating func textAndID(for text: String) -> (text: String, id: String) {
        if let explicit = Self.explicitID(in: text) {
            used.insert(explicit.id)
            return explicit
        }
        return (text, uniqueID(for: text))
    }

    public mutating func uniqueID(for text: String) -> String {
        let slug = Self.slug(text)
        let base = slug.isEmpty ? "section" : slug
        var candidate = base
        var suffix = lastSuffix[base] ?? 1
        if suffix > 1 { candidate = "\(base)-\(suffix)" }
        while used.contains(candidate) {
            suffix += 1
            candidate = "\(base)-\(suffix)"
        }
        used.insert(candidate)
        lastSuffix[base] = suffix
        return candidate
    }
}
