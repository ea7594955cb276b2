import Foundation
import GuidebookTestSupport
import Testing

@testable import GuidebookKit

/// Search synonyms (issue 25): declared in guidebook.yml, one way; glossary abbreviations and the
/// words they stand for, both ways; written to search/synonyms.js for search.js.
struct SearchSynonymsTests {
    static let pages = [
        "index.md": "---\ntitle: Home\nsummary: The guide.\n---\n\nHow we handle data protection and information governance.\n",
        "glossary.md":
            "---\ntitle: Glossary\nsummary: Terms.\nglossary: true\n---\n\n## TAC\n\nTeam around the child: a way of working with a family.\n\n## Co-location\n\nBasing staff together.\n",
    ]

    @Test func declaredAndGlossarySynonymsAreWrittenForSearch() throws {
        let configuration = "title: T\nsynonyms:\n  GDPR: [data protection, Information Governance]\n  home working: virtual team\n"
        let (result, output) = try TestSite(Self.pages, configuration: configuration).build()
        let synonyms = try #require(output.text(at: "search/synonyms.js"))
        #expect(synonyms.hasPrefix("Guidebook.registerSearchSynonyms({"))
        #expect(synonyms.contains("\"gdpr\":[\"data protection\",\"information governance\"]"))
        #expect(synonyms.contains("\"home working\":[\"virtual team\"]"))
        // One way for declared synonyms; both ways for the glossary's abbreviation.
        #expect(!synonyms.contains("\"data protection\":"))
        #expect(synonyms.contains("\"tac\":[\"team around the child\"]"))
        #expect(synonyms.contains("\"team around the child\":[\"tac\"]"))
        #expect(synonyms.contains("\"abbreviations\":[\"tac\"]"))
        // "virtual" is in no page: a warning at its line, with the word named.
        let warnings = result.diagnostics.filter { $0.code == .unusedSynonym }
        #expect(warnings.count == 1)
        #expect(warnings.first?.summary.contains("'virtual'") == true)
        #expect(warnings.first?.location?.line == 4)
    }

    @Test func aGuideWithoutSynonymsStillHasTheFile() throws {
        let (result, output) = try TestSite(Self.pages).build()
        #expect(result.diagnostics.isEmpty)
        #expect(output.text(at: "search/synonyms.js")?.contains("\"tac\":[\"team around the child\"]") == true)
    }

    @Test(arguments: [
        ("synonyms: [GDPR]\n", "must be a mapping"),
        ("synonyms:\n  GDPR: {a: b}\n", "must be text or a list of text"),
        ("synonyms:\n  GDPR: [data, [x]]\n", "must be text"),
        ("synonyms:\n  \"--\": data\n", "must be a word"),
    ])
    func malformedSynonymsAreConfigurationErrors(yaml: String, message: String) {
        let (_, diagnostics) = SiteConfigurationLoader.load(text: "title: T\n" + yaml)
        #expect(diagnostics.contains { $0.code == .invalidConfiguration && $0.summary.contains(message) }, "\(diagnostics.map(\.summary))")
    }

    @Test(
        arguments: [
            ("Team around the child: a way of working", "team around the child"),
            ("Children's Workforce Development Council: a body", "children workforce development council"),
            ("A written agreement between two bodies", nil),
            ("Behaviour: only one word before the colon", nil),
        ] as [(String, String?)])
    func anAbbreviationStandsForTheShortNameBeforeTheColon(definition: String, expansion: String?) {
        #expect(SearchSynonyms.expansion(in: definition) == expansion)
    }

    /// The same words search.js's parseQuery reads (Tests/js checks it against the shared table).
    @Test(arguments: [("Multi-agency  Teams", ["multi-agency", "teams"]), ("a TAC b", ["tac"]), ("Côté 2", ["cote", "2"])])
    func phrasesAreFoldedAsQueriesAre(text: String, words: [String]) {
        #expect(SearchSynonyms.searchWords(in: text) == words)
    }
}
