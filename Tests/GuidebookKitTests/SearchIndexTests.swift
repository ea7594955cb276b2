import Foundation
import Testing
import GuidebookTestSupport
@testable import GuidebookKit

struct TokeniserTests {
    @Test(arguments: [
        ("Multi-agency working", ["multi", "agency", "multi-agency", "multiagency", "working"]),
        ("Co-location", ["co", "location", "co-location", "colocation"]),
        ("The CAF and the 0-19 service", ["the", "caf", "and", "the", "0", "19", "0-19", "019", "service"]),
        ("Café Übergänge naïve", ["cafe", "ubergange", "naive"]),
        ("children’s centre's", ["children", "centre"]),
        ("a I x 7", ["7"]),
        ("Ελληνικά и русский", ["ελληνικα", "русскии"]),
        ("word- -dash --double", ["word", "dash", "double"]),
    ])
    func tokens(text: String, expected: [String]) {
        #expect(Tokeniser.tokens(text) == expected)
    }
}

struct StemmerTests {
    @Test func englishIsChosenFromALanguageTag() {
        #expect(Stemmer.algorithm(forLanguage: "en-GB") == "english")
        #expect(Stemmer.algorithm(forLanguage: "fr") == "french")
        #expect(Stemmer.algorithm(forLanguage: "german") == "german")
        #expect(Stemmer.algorithm(forLanguage: "tlh") == nil)
    }

    @Test(arguments: [("partnerships", "partnership"), ("governance", "govern"), ("secondments", "second"), ("running", "run")])
    func stemsThroughLibstemmer(word: String, stem: String) {
        #expect(Stemmer(language: "en-GB").stem(word) == stem)
    }

    @Test func noStemmerKeepsWords() {
        #expect(Stemmer(language: "tlh").stem("partnerships") == "partnerships")
    }
}

struct SearchIndexTests {
    func index(_ pages: [SearchPage]) -> SearchIndex {
        var builder = SearchIndexBuilder()
        pages.forEach { builder.add($0) }
        return builder.finish(stemmer: Stemmer(language: "en"))
    }

    func page(_ path: String, _ title: String, sections: [(String?, String, String)]) -> SearchPage {
        SearchPage(outputPath: path, title: title, summary: "", tags: [], breadcrumb: "", sections: sections.map { (headingID: $0.0, heading: $0.1, text: $0.2) })
    }

    @Test func pagesSplitIntoSectionsAtHeadings() {
        let built = index([page("a.html", "Staffing", sections: [(nil, "", "Intro."), ("who", "Who to hire", "People."), ("when", "When", "Soon.")])])
        #expect(built.documents.map(\.url) == ["a.html", "a.html#who", "a.html#when"])
        #expect(built.documents[1].heading == "Who to hire")
    }

    @Test func titleOutranksHeadingOutranksBody() throws {
        let built = index([
            page("body.html", "Other", sections: [(nil, "", "A note on secondment and more words here to make it longer.")]),
            page("title.html", "Secondment", sections: [(nil, "", "Text about staff.")]),
            page("heading.html", "Another", sections: [(nil, "", "Intro."), ("s", "Secondment rules", "Rules.")]),
        ])
        let postings = try #require(built.postings[Stemmer(language: "en").stem("secondment")])
        let ranked = postings.sorted { $0.score > $1.score }.map { built.documents[$0.document].url }
        #expect(ranked == ["title.html", "heading.html#s", "body.html"])
    }

    @Test func wordFormsShareTheirStemsPostings() {
        let built = index([page("a.html", "Partnerships", sections: [(nil, "", "A partnership of partners.")])])
        #expect(built.stemOfForm["partnerships"] == built.stemOfForm["partnership"])
        #expect(built.postings[built.stemOfForm["partnership"]!]?.count == 1)
    }

    @Test func shardsAreClassicScriptsKeyedByPrefixWithHashedNames() throws {
        let built = index([page("a.html", "Governance", sections: [(nil, "", "Steering groups govern.")])])
        let (files, manifestPath) = SearchShardWriter.files(for: built)
        let manifest = try #require(files.first { $0.path == manifestPath })
        #expect(manifest.contents.hasPrefix("Guidebook.registerSearchManifest({"))
        let governance = try #require(files.first { $0.path.hasPrefix("search/terms-go-") })
        #expect(governance.contents.hasPrefix("Guidebook.registerSearchShard(\"go\",{\"forms\":{\"govern\":0,\"governance\":0}"))
        #expect(governance.path == "search/terms-go-\(ContentHash.hex(governance.contents)).js")
        #expect(manifest.contents.contains("\"go\":\"\(governance.path.dropFirst("search/".count))\""))
        #expect(files.contains { $0.path.hasPrefix("search/docs-0-") && $0.contents.contains("\"Governance\"") })
    }

    @Test func nonASCIIShardKeysGetASCIIFileNames() {
        #expect(SearchShardWriter.fileSafe("pa") == "pa")
        #expect(SearchShardWriter.fileSafe("üb") == "xc3bc62")
    }

    @Test func jsonStringsAreEscaped() {
        #expect(JSONText.string("a\"b\\c\n\u{2028}</script>") == "\"a\\\"b\\\\c\\n\\u2028</script>\"")
    }

    @Test func rebuildingGivesByteIdenticalFiles() throws {
        let site = TestSite([
            "index.md": TestSite.page("Home", "## Welcome\n\nMulti-agency work."),
            "governance.md": TestSite.page("Governance", "## Steering groups\n\nThe ten early tasks."),
        ])
        let (_, first) = try site.build()
        let (_, second) = try site.build()
        let searchFiles = first.files.filter { $0.key.hasPrefix("search/") }
        #expect(searchFiles.count > 3)
        #expect(searchFiles == second.files.filter { $0.key.hasPrefix("search/") })
        let home = try #require(first.text(at: "index.html"))
        let manifest = try #require(searchFiles.keys.first { $0.hasPrefix("search/manifest-") })
        #expect(home.contains("data-search-manifest=\"\(manifest)\""))
    }
}
