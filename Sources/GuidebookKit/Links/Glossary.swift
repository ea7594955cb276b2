import GuidebookMarkdown

/// The guide's terms: the H2 headings of pages with `glossary: true`, each with its definition
/// (the first sentence under it) and its place.
public struct Glossary: Sendable {
    public struct Entry: Sendable, Hashable {
        public var term: String
        public var definition: String
        public var page: Int
        public var headingID: String
        /// All capitals or nearly (CAF, eCAF, CAMHS): matched case-sensitively and marked `<abbr>`.
        public var isAbbreviation: Bool
    }

    public var entries: [Entry]

    public static func build(pages: [SourcePage], outlines: [MarkdownOutline]) -> Glossary {
        var entries: [Entry] = []
        for (index, page) in pages.enumerated() where page.frontMatter.isGlossary {
            for section in outlines[index].sections {
                guard let heading = section.heading, heading.level == 2 else { continue }
                let term = heading.text.trimmingWhitespaceAndNewlines
                guard !term.isEmpty else { continue }
                entries.append(Entry(term: term, definition: firstSentence(of: section.text), page: index,
                                     headingID: heading.id, isAbbreviation: isAbbreviation(term)))
            }
        }
        return Glossary(entries: entries)
    }

    static func isAbbreviation(_ term: String) -> Bool {
        guard !term.contains(" ") else { return false }
        let letters = term.filter(\.isLetter)
        let capitals = letters.filter(\.isUppercase)
        return capitals.count >= 2 && capitals.count * 2 >= letters.count
    }

    static func firstSentence(of text: String) -> String {
        let folded = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        var sentence = folded
        if let end = folded.range(of: ". ") { sentence = String(folded[..<end.lowerBound]) + "." }
        if sentence.count > 200 { sentence = String(sentence.prefix(197)) + "…" }
        return sentence
    }
}

/// Finds the first use on a page of each glossary term in running text: whole words only,
/// case-sensitive for abbreviations. One per page, so it keeps what it has marked.
final class GlossaryMatcher: @unchecked Sendable {
    private let entries: [Glossary.Entry]
    private var used: Set<Int> = []

    init(glossary: Glossary, excludingPage page: Int) {
        // Longer terms first, so "lead professional" wins over "lead".
        entries = glossary.entries.filter { $0.page != page }.sorted { $0.term.count > $1.term.count }
    }

    /// Non-overlapping first uses in `text`, in order, as UTF-8 ranges with the entry.
    func matches(in text: String) -> [(utf8Offset: Int, utf8Count: Int, entry: Glossary.Entry)] {
        guard !entries.isEmpty else { return [] }
        let lowered = text.lowercased()
        // Case-insensitive matching uses byte offsets of the lowercased text, so only when lowercasing keeps them.
        let canFoldCase = lowered.utf8.count == text.utf8.count
        var found: [(range: Range<Int>, index: Int)] = []
        let original = Array(text), folded = canFoldCase ? Array(lowered) : []
        for (index, entry) in entries.enumerated() where !used.contains(index) {
            guard entry.isAbbreviation || (canFoldCase && folded.count == original.count) else { continue }
            let characters = entry.isAbbreviation ? original : folded
            let needle = Array(entry.isAbbreviation ? entry.term : entry.term.lowercased())
            guard let match = Self.wholeWord(needle, in: characters) else { continue }
            let start = original[..<match.lowerBound].reduce(0) { $0 + $1.utf8.count }
            let range = start..<(start + original[match].reduce(0) { $0 + $1.utf8.count })
            if found.contains(where: { $0.range.overlaps(range) }) { continue }
            found.append((range, index))
        }
        found.sort { $0.range.lowerBound < $1.range.lowerBound }
        return found.map { match in
            used.insert(match.index)
            return (match.range.lowerBound, match.range.count, entries[match.index])
        }
    }

    /// The first place `needle` stands as a whole word in `haystack` (character offsets).
    static func wholeWord(_ needle: [Character], in haystack: [Character]) -> Range<Int>? {
        guard !needle.isEmpty, needle.count <= haystack.count else { return nil }
        func isWordCharacter(_ index: Int) -> Bool {
            index >= 0 && index < haystack.count && (haystack[index].isLetter || haystack[index].isNumber)
        }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            guard haystack[start..<(start + needle.count)].elementsEqual(needle) else { continue }
            if !isWordCharacter(start - 1) && !isWordCharacter(start + needle.count) { return start..<(start + needle.count) }
        }
        return nil
    }
}

extension String {
    var trimmingWhitespaceAndNewlines: String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
