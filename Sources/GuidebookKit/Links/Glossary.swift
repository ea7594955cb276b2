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
                entries.append(
                    Entry(
                        term: term, definition: firstSentence(of: section.text), page: index,
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
/// case-sensitive for abbreviations. One per page, so it keeps what it has marked. Text is scanned
/// once, as Unicode scalars, trying only the terms that begin with the letter at each word start.
final class GlossaryMatcher: @unchecked Sendable {
    private let index: GlossaryIndex
    private let excludedPage: Int
    private var used: Set<Int> = []

    init(index: GlossaryIndex, excludingPage page: Int) {
        self.index = index
        excludedPage = page
    }

    /// Non-overlapping first uses in `text`, in order, as UTF-8 ranges with the entry.
    func matches(in text: String) -> [(utf8Offset: Int, utf8Count: Int, entry: Glossary.Entry)] {
        guard !index.isEmpty, used.count < index.entries.count else { return [] }
        var text = text
        return text.withUTF8(matches(inBytes:))
    }

    /// One pass over the bytes; at each word start, only the terms that begin with its letter.
    private func matches(inBytes bytes: UnsafeBufferPointer<UInt8>) -> [(utf8Offset: Int, utf8Count: Int, entry: Glossary.Entry)] {
        var results: [(utf8Offset: Int, utf8Count: Int, entry: Glossary.Entry)] = []
        var offset = 0
        var afterWordScalar = false
        while offset < bytes.count {
            let (scalar, next) = UTF8Scalar.at(offset, in: bytes)
            if !afterWordScalar, let candidates = index.candidates(startingWith: scalar),
                let (found, end) = firstMatch(among: candidates, at: offset, in: bytes)
            {
                used.insert(found)
                results.append((offset, end - offset, index.entries[found]))
                afterWordScalar = index.needles[found].last.map(GlossaryIndex.isWordScalar) ?? false
                offset = end
                continue
            }
            afterWordScalar = GlossaryIndex.isWordScalar(scalar)
            offset = next
        }
        return results
    }

    /// The first unused term (of another page) written at `offset` as a whole word, and where it ends.
    private func firstMatch(among candidates: [Int], at offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (Int, Int)? {
        for candidate in candidates where !used.contains(candidate) && index.entries[candidate].page != excludedPage {
            guard let end = index.end(of: candidate, at: offset, in: bytes) else { continue }
            if end < bytes.count, GlossaryIndex.isWordScalar(UTF8Scalar.at(end, in: bytes).scalar) { continue }
            return (candidate, end)
        }
        return nil
    }
}

/// The glossary prepared once per build for matching: each term's scalars (lowercased for terms,
/// as written for abbreviations), and the terms by their first lowercased scalar, longest first.
struct GlossaryIndex: Sendable {
    let entries: [Glossary.Entry]
    let needles: [[Unicode.Scalar]]
    private let byFirstScalar: [Unicode.Scalar: [Int]]
    /// The same for ASCII letters, by value: an array lookup at every word start instead of hashing.
    private let byFirstASCII: [[Int]?]

    var isEmpty: Bool { entries.isEmpty }

    init(_ glossary: Glossary) {
        entries = glossary.entries
        let needles = entries.map { entry in
            entry.isAbbreviation ? Array(entry.term.unicodeScalars) : entry.term.unicodeScalars.map(GlossaryIndex.fold)
        }
        self.needles = needles
        var byFirst: [Unicode.Scalar: [Int]] = [:]
        for (index, needle) in needles.enumerated() where !needle.isEmpty {
            byFirst[GlossaryIndex.fold(needle[0]), default: []].append(index)
        }
        let sorted = byFirst.mapValues { indices in
            indices.sorted { needles[$0].count != needles[$1].count ? needles[$0].count > needles[$1].count : $0 < $1 }
        }
        byFirstScalar = sorted
        byFirstASCII = (0..<128).map { sorted[Unicode.Scalar(UInt8($0))] }
    }

    /// Entries whose term may start at this scalar, longest first.
    func candidates(startingWith scalar: Unicode.Scalar) -> [Int]? {
        let folded = Self.fold(scalar)
        return folded.isASCII ? byFirstASCII[Int(folded.value)] : byFirstScalar[folded]
    }

    /// One scalar lowercased, staying one scalar (so positions line up with the original text).
    static func fold(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        if scalar.isASCII {
            return (0x41...0x5A).contains(scalar.value) ? Unicode.Scalar(scalar.value + 0x20)! : scalar
        }
        let mapping = scalar.properties.lowercaseMapping.unicodeScalars
        return mapping.count == 1 ? mapping.first! : scalar
    }

    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            let value = scalar.value
            return (0x61...0x7A).contains(value) || (0x41...0x5A).contains(value) || (0x30...0x39).contains(value)
        }
        return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }

    /// Where the term ends when the text at `offset` spells it (folded, unless an abbreviation), else nil.
    func end(of candidate: Int, at offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let foldsCase = !entries[candidate].isAbbreviation
        var position = offset
        for expected in needles[candidate] {
            guard position < bytes.count else { return nil }
            let (scalar, next) = UTF8Scalar.at(position, in: bytes)
            guard (foldsCase ? Self.fold(scalar) : scalar) == expected else { return nil }
            position = next
        }
        return position
    }
}

extension String {
    var trimmingWhitespaceAndNewlines: String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
