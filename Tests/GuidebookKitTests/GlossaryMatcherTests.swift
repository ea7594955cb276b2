import Testing

@testable import GuidebookKit

struct GlossaryMatcherTests {
    private static let glossary = Glossary(entries: [
        .init(term: "Ärger", definition: "Trouble.", page: 1, headingID: "arger", isAbbreviation: false),
        .init(term: "CAF", definition: "Common Assessment Framework.", page: 1, headingID: "caf", isAbbreviation: true),
        .init(term: "lead professional", definition: "Coordinates.", page: 1, headingID: "lead-professional", isAbbreviation: false),
        .init(term: "lead", definition: "Shorter.", page: 1, headingID: "lead", isAbbreviation: false),
    ])

    /// Each match as the text it covers, found through its UTF-8 offset and count.
    private static func matched(_ text: String, excludingPage page: Int = 0) -> [String] {
        GlossaryMatcher(index: GlossaryIndex(glossary), excludingPage: page).matches(in: text).map { match in
            let bytes = Array(text.utf8)[match.utf8Offset..<(match.utf8Offset + match.utf8Count)]
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    @Test(arguments: [
        ("Viel ärger mit dem CAF.", ["ärger", "CAF"]),
        ("Ärgerlich: no whole word, nor CAFE or caf.", []),
        ("Étéärger is one word; 日本 ÄRGER ends it", ["ÄRGER"]),
        ("The Lead Professional, then the lead.", ["Lead Professional", "lead"]),
        ("CAF CAF ärger ärger", ["CAF", "ärger"]),
        ("x-CAF-y", ["CAF"]),
        ("", []),
    ])
    func findsFirstWholeWordUses(text: String, expected: [String]) {
        #expect(Self.matched(text) == expected)
    }

    @Test func leavesTheGlossaryPageItself() {
        #expect(Self.matched("CAF and ärger", excludingPage: 1).isEmpty)
    }
}
