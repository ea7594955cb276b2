import Foundation
import GuidebookMarkdown
import GuidebookTestSupport
import Testing

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
        ("a--b x-ray- -lead b2b", ["ray", "x-ray", "xray", "lead", "b2b"]),
        ("Well-being-plan 7-a", ["well", "being", "plan", "well-being-plan", "wellbeingplan", "7", "7-a", "7a"]),
        // Three- and four-byte UTF-8, and the Unicode hyphen U+2010.
        ("東京 multi\u{2010}agency 𐐏𐐷 𝟙", ["東京", "multi", "agency", "multi-agency", "multiagency", "𐐷𐐷", "𝟙"]),
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
        var builder = SearchIndexBuilder(stemmer: Stemmer(language: "en"))
        pages.forEach { builder.add($0) }
        return builder.finish()
    }

    func page(_ path: String, _ title: String, sections: [(String?, String, String)]) -> SearchPage {
        SearchPage(
            outputPath: path, title: title, summary: "", tags: [], breadcrumb: "", sections: sections.map { (headingID: $0.0, heading: $0.1, text: $0.2) })
    }

    @Test func pagesSplitIntoSectionsAtHeadings() {
        let built = index([page("a.html", "Staffing", sections: [(nil, "", "Intro."), ("who", "Who to hire", "People."), ("when", "When", "Soon.")])])
        #expect(built.documents.map(\.url) == ["a.html", "a.html#who", "a.html#when"])
        #expect(built.documents[1].heading == "Who to hire")
    }

    @Test func aPageIsWeighedOnceAFormWithEachSectionsOwnWeights() {
        var searchPage = page(
            "a.html", "Team plans",
            sections: [
                (nil, "", "Plans for the team, team work."), ("b", "Budget", "The team budget."),
                ("c", "", ""), ("d", "Close", "Nothing else."),
            ])
        searchPage.tags = ["team"]
        let weighed = WeighedPage(searchPage)
        #expect(weighed.formTable.forms.count == Set(weighed.formTable.forms).count, "each form once a page")
        #expect(weighed.documents.map(\.url) == ["a.html", "a.html#b", "a.html#d"], "an empty section is no document")
        let documents = weighed.weighedDocuments
        // Title 10, tags 3, body 1 a time; the second document's heading 5.
        #expect(documents[0].weighted["team"] == 15.0, "title 10, tags 3, body twice")
        #expect(documents[0].weighted["plans"] == 11)
        #expect(documents[1].weighted["team"] == 1)
        #expect(documents[1].weighted["budget"] == 6.0, "heading 5, body 1")
        #expect(documents[2].weighted["team"] == nil)
        #expect(documents.map(\.length) == [9.0, 4.0, 3.0], "title 2 words, tags 1, body 6; heading 1, body 3; heading 1, body 2")
    }

    @Test func aPageWithThousandsOfFormsNumbersEachOnce() throws {
        // Past the page's first table size (512 forms), so the table grows with forms in it.
        let words = (0..<3000).map { "word\($0)x" }
        let weighed = WeighedPage(page("big.html", "", sections: [(nil, "", (words + words.reversed()).joined(separator: " "))]))
        #expect(weighed.formTable.forms.sorted() == words.sorted())
        let document = try #require(weighed.weighedDocuments.first)
        #expect(document.weighted.count == 3000)
        #expect(document.weighted.values.allSatisfy { $0 == 2 })
    }

    @Test func theFormTableNumbersFormsByTheirBytesAlsoPastItsGrowth() {
        var table = FormTable()
        // Forms past 16 bytes are compared past the slot's copy of their start, and past 255 bytes by length too.
        let words =
            (0..<5000).map { "form\($0)" } + [
                "é", "multi-agency", "form1 ", "", "sixteen-bytes-in-a-row", "sixteen-bytes-in-a-rod",
                String(repeating: "a", count: 300), String(repeating: "a", count: 301),
            ]
        for _ in 0..<2 {
            for (number, word) in words.enumerated() {
                var bytes = word
                #expect(bytes.withUTF8 { table.number(of: $0) } == Int32(number), "the same number the second time round")
                #expect(table.number(of: word) == Int32(number))
            }
        }
        #expect(table.count == words.count)
        #expect(table.forms == words)
        #expect(table.number(of: "form5000") == nil)
    }

    @Test func anotherTablesFormsAreNumberedAsOneByOne() {
        // Pages' tables numbered into the index's, through and past the index table's growth:
        // forms it has keep their numbers, new ones take the next, in the page table's order.
        var index = FormTable(), oneByOne = FormTable()
        let pages = (0..<40).map { page in
            (0..<300).map { "w\(($0 * 7 + page * 131) % 4000)" } + [
                "", "é", "sixteen-bytes-in-a-row\(page % 3)", String(repeating: "a", count: 300 + page % 2),
            ]
        }
        for words in pages {
            var pageTable = FormTable()
            for word in words {
                var bytes = word
                _ = bytes.withUTF8 { pageTable.number(of: $0) }
            }
            let expected = pageTable.forms.map { form in
                var bytes = form
                return bytes.withUTF8 { oneByOne.number(of: $0) }
            }
            #expect(index.number(formsOf: pageTable) == expected)
        }
        #expect(index.forms == oneByOne.forms)
        #expect(index.count > 1024, "past the first growth")
    }

    @Test func scoreCodesFromTheTableAreTheComputedOnes() {
        for weight: UInt32 in [0, 1, 2, 3, 10, 13, 31, 32, 33, 500] {
            for length in [0.0, 1, 2, 7, 120, 121, 999, 4095, 4096, 4097, 20000, 2.5] {
                #expect(
                    SearchIndexBuilder.scoreCode(weight: weight, length: length)
                        == SearchIndexBuilder.scoreCode(weight: Double(weight), length: length), "weight \(weight), length \(length)")
            }
        }
    }

    @Test func titleOutranksHeadingOutranksBody() throws {
        let built = index([
            page("body.html", "Other", sections: [(nil, "", "A note on secondment and more words here to make it longer.")]),
            page("title.html", "Secondment", sections: [(nil, "", "Text about staff.")]),
            page("heading.html", "Another", sections: [(nil, "", "Intro."), ("s", "Secondment rules", "Rules.")]),
        ])
        let postings = try #require(built.postings[Stemmer(language: "en").stem("secondment")])
        let ranked = postings.sorted { $0.scoreCode > $1.scoreCode }.map { built.documents[$0.document].url }
        #expect(ranked == ["title.html", "heading.html#s", "body.html"])
    }

    /// `search_weight` multiplies a page's scores: its codes move by log(weight) / step, here 0.5 -> -8.
    @Test func aPagesSearchWeightScalesItsScores() throws {
        var reading = page("reading.html", "Reading", sections: [(nil, "", "Secondment guidance.")])
        reading.weight = 0.5
        let built = index([page("plain.html", "Plain", sections: [(nil, "", "Secondment guidance.")]), reading])
        let postings = try #require(built.postings[Stemmer(language: "en").stem("secondment")])
        let code = Dictionary(uniqueKeysWithValues: postings.map { (built.documents[$0.document].url, $0.scoreCode) })
        #expect(SearchEncoding.codeShift(forWeight: 0.5) == -8)
        #expect(code["reading.html"] == code["plain.html"].map { $0 - 8 })
    }

    @Test func searchWeightIsReadFromFrontMatter() throws {
        let parsed = FrontMatterParser.parse("---\ntitle: T\nsearch_weight: 0.5\n---\nBody\n", path: "content/t.md")
        #expect(parsed.frontMatter?.searchWeight == 0.5)
        for bad in ["0", "-1", "11", "lots"] {
            let wrong = FrontMatterParser.parse("---\ntitle: T\nsearch_weight: \(bad)\n---\nBody\n", path: "content/t.md")
            #expect(wrong.diagnostics.contains { $0.code == .invalidFrontMatter }, "\(bad)")
        }
    }

    @Test func wordFormsShareTheirStemsPostings() {
        let built = index([page("a.html", "Partnerships", sections: [(nil, "", "A partnership of partners.")])])
        #expect(built.stemOfForm["partnerships"] == built.stemOfForm["partnership"])
        #expect(built.postings[built.stemOfForm["partnership"]!]?.count == 1)
    }

    @Test func shardsAreClassicScriptsWithHashedNamesAndAFixedManifest() throws {
        let built = index([
            page("a.html", "Governance", sections: [(nil, "", "Steering groups govern."), ("steering-groups", "Steering groups", "Ten tasks.")])
        ])
        let files = SearchShardWriter.files(for: built)
        let manifest = try #require(files.first { $0.path == "search/manifest.js" })
        #expect(manifest.contents.hasPrefix("Guidebook.registerSearchManifest({\"version\":3,"))
        let shard = try #require(files.first { $0.path.hasPrefix("search/terms-") })
        #expect(shard.contents.hasPrefix("Guidebook.registerSearchShard(\"\",["))
        // Forms, postings, then how many sections hold the stem: the title's section only.
        #expect(shard.contents.range(of: #"\["govern governance","[^"]+",1\]"#, options: .regularExpression) != nil)
        #expect(shard.path == "search/terms-\(ContentHash.hex(shard.contents)).js")
        #expect(manifest.contents.contains("\"shards\":[[\"\",\"\(ContentHash.hex(shard.contents))\"]]"))
        let chunk = try #require(files.first { $0.path.hasPrefix("search/docs-0-") })
        // The heading's fragment is left for search.js to work out from the heading.
        #expect(
            chunk.contents.contains(
                "[[\"a.html\",\"Governance\",\"\"]],\n[[0,\"\",\"\",\"Steering groups govern.\"],\n[0,\"\",\"Steering groups\",\"Ten tasks.\"]]"))
        let directory = try #require(files.first { $0.path.hasPrefix("search/chunks-0-") })
        #expect(directory.contents == "Guidebook.registerSearchChunkDirectory(0,[\"\(ContentHash.hex(chunk.contents))\"]);\n")
        #expect(manifest.contents.contains("\"directories\":[\"\(ContentHash.hex(directory.contents))\"]"))
    }

    @Test func javaScriptOrderIsUTF16OrderAlsoPastTheBasicPlane() {
        // UTF-8 and UTF-16 disagree where a scalar above U+FFFF meets one from U+E000 to U+FFFF.
        let words = [
            "", "a", "ab", "b", "z0", "\u{7F}", "é", "ζeta", "\u{D7FF}", "\u{E000}", "\u{FFFD}x", "\u{FFFD}",
            "😀", "😀a", "\u{10000}", "a😀", "a\u{FFFD}", "a\u{E000}",
        ]
        for first in words {
            for second in words {
                #expect(
                    SearchEncoding.precedesInJavaScript(first, second) == first.utf16.lexicographicallyPrecedes(second.utf16),
                    "\(first.unicodeScalars.map(\.value)) against \(second.unicodeScalars.map(\.value))")
            }
        }
        // Past the first eight and sixteen bytes, which are compared as numbers; zero bytes too.
        let more =
            words + [
                "abcdefgh", "abcdefghi", "abcdefgg", "abcdefgh\u{E000}", "abcdefgh😀", "abcdefg", "ab",
                "abcdefghijklmnop", "abcdefghijklmnopq", "abcdefghijklmnopp", "abcdefghijklmnoo", "abcdefghijklmno",
                "abcdefghijklmnop\u{E000}", "abcdefghijklmnop😀", "abcdefghijklmnopq\u{0}", "a\u{0}", "a\u{0}b", "a\u{0}\u{0}",
            ]
        #expect(SearchEncoding.sortedInJavaScriptOrder(more.shuffled()) == more.sorted { $0.utf16.lexicographicallyPrecedes($1.utf16) })
    }

    @Test func termShardsCoverEveryFormOnceInJavaScriptOrder() throws {
        let words = (0..<3000).map { "w\(String($0 * 7919 % 3001, radix: 36))x" } + ["zebra", "éclair", "ärger", "𝔞lpha", "\u{FF41}b"]
        let built = index([page("a.html", "Many", sections: [(nil, "", words.joined(separator: " "))])])
        let shards = Self.termShards(built)
        #expect(shards.files.count > 1)
        #expect(shards.firstForms.first == "")
        #expect(zip(shards.firstForms, shards.firstForms.dropFirst()).allSatisfy { SearchEncoding.precedesInJavaScript($0, $1) })
        var seen: [String] = []
        for (number, file) in shards.files.enumerated() {
            let forms = try #require(Self.forms(in: file.contents))
            for form in forms {
                #expect(!SearchEncoding.precedesInJavaScript(form, shards.firstForms[number]))
                if number + 1 < shards.firstForms.count { #expect(SearchEncoding.precedesInJavaScript(form, shards.firstForms[number + 1])) }
            }
            seen += forms
        }
        #expect(seen.sorted() == built.stemOfForm.keys.sorted())
        #expect(shards.files.allSatisfy { $0.contents.utf8.count < SearchShardWriter.shardMaximum + 2_000 }, "\(shards.files.map { $0.contents.utf8.count })")
    }

    /// Scores that depend on their own section only, and cuts chosen by the forms: a change to one
    /// section's words rewrites the shards that hold those words, not every shard after them.
    @Test func changingOneSectionRewritesOnlyTheShardsOfItsWords() throws {
        let words = (0..<6000).map { "w\(String($0 * 7919 % 6007, radix: 36))x" }
        func shardFiles(extra: String) -> [SearchShardWriter.File] {
            let built = index([
                page("a.html", "Many", sections: [(nil, "", words.joined(separator: " "))]),
                page("b.html", "Few", sections: [(nil, "", "w1x w2x \(extra)")]),
            ])
            return Self.termShards(built).files
        }
        let before = shardFiles(extra: "")
        let after = shardFiles(extra: "w2x w2x w2x w2x")
        // The section's length changed too, so each of its words may have a new score code.
        let holdingItsWords = try after.filter { !Set(try #require(Self.forms(in: $0.contents))).isDisjoint(with: ["few", "w1x", "w2x"]) }
        let rewritten = Set(after.map(\.path)).subtracting(before.map(\.path))
        #expect(before.count > 5)
        #expect(!rewritten.isEmpty && rewritten.isSubset(of: holdingItsWords.map(\.path)), "\(rewritten.count) of \(before.count) shards rewritten")
        #expect(before.count == after.count)
    }

    /// The term shard files, in order, and the manifest's names for them.
    static func termShards(_ index: SearchIndex) -> (files: [SearchShardWriter.File], firstForms: [String]) {
        let (files, layout) = SearchShardWriter.written(index)
        return (files.filter { $0.path.hasPrefix("search/terms-") }, layout.shardFirstForms)
    }

    /// The word forms of a shard script: the first string of each entry, split at spaces.
    static func forms(in script: String) -> [String]? {
        guard let open = script.firstIndex(of: ","), let close = script.lastIndex(of: ")"),
            let data = String(script[script.index(after: open)..<close]).data(using: .utf8),
            let entries = try? JSONSerialization.jsonObject(with: data) as? [[Any]]
        else { return nil }
        return entries.flatMap { ($0[0] as? String ?? "").split(separator: " ").map(String.init) }
    }

    @Test func commonStemsKeepOnlyTheirBestPostings() throws {
        let count = SearchIndexBuilder.maxPostings + 50
        let pages = (0..<count).map { n in
            page("p\(n).html", "Page \(n)", sections: [(nil, "", String(repeating: "common ", count: 1 + n % 7) + "filler text here")])
        }
        let built = index(pages)
        let postings = try #require(built.postings["common"])
        #expect(postings.count == SearchIndexBuilder.maxPostings)
        #expect(postings.map(\.document) == postings.map(\.document).sorted())
        // Pages using the word once score lowest; of those, the last ones are dropped.
        let dropped = Set(0..<count).subtracting(postings.map(\.document))
        let usedOnce = (0..<count).filter { $0 % 7 == 0 }
        #expect(dropped == Set(usedOnce.suffix(50)))
    }

    @Test func snippetsFoldWhiteSpaceAndCutAtAWord() {
        #expect(SearchIndexBuilder.snippet("  One\n\ttwo   three ") == "One two three")
        let long = (0..<40).map { "word\($0)" }.joined(separator: " \n ")
        let snippet = SearchIndexBuilder.snippet(long)
        #expect(snippet.count <= SearchIndexBuilder.snippetCharacters)
        #expect(long.replacingOccurrences(of: " \n ", with: " ").hasPrefix(snippet + " "))
        #expect(SearchIndexBuilder.snippet(String(repeating: "x", count: 300)).count == SearchIndexBuilder.snippetCharacters)
        #expect(SearchIndexBuilder.snippet("Café naïve") == "Café naïve")
    }

    /// The build cache reads a term shard's entries back from its file: each entry's forms and end,
    /// as the table the shard was written from has them; anything else is not taken for a shard.
    @Test func shardScriptsReadBackAsTheyWereWritten() throws {
        let pages = (0..<60).map { n in
            page(
                "p\(n).html", "Page \(n) team-work",
                sections: [
                    (nil, "", "teams teaming multi-agency co-location café \(n) word\(n % 9)"),
                    ("h", "Heading \(n)", String(repeating: "common ", count: 1 + n % 4)),
                ])
        }
        let built = index(pages)
        let table = SearchShardWriter.TermTable(index: built)
        let ranges = SearchShardWriter.cut(table)
        for range in ranges {
            let file = SearchShardWriter.termShard(table, range: range, firstForm: SearchShardWriter.firstForm(of: range, in: table))
            let entries = try #require(SearchShardWriter.entries(inShardScript: file.contents))
            #expect(entries.flatMap(\.forms).sorted() == table.forms[range].sorted())
            for entry in entries {
                let stems = Set(entry.forms.map { form in table.formStems[table.forms.firstIndex(of: form)!] })
                #expect(stems.count == 1)
                #expect(entry.tail == table.stemTails[Int(stems.first!)])
            }
            #expect(SearchShardWriter.entries(inShardScript: String(file.contents.dropLast(4))) == nil)
            #expect(SearchShardWriter.entries(inShardScript: file.contents.replacingOccurrences(of: "registerSearchShard", with: "registerSearchDocs")) == nil)
        }
        #expect(table.forms.contains("multi-agency") && table.forms.contains("cafe"))
    }

    @Test func asciiSnippetsAreTheScalarOnes() {
        // The ASCII path gives way to the scalar one wherever a non-ASCII byte comes before the cut.
        var generator = SystemRandomNumberGenerator()
        let pieces = ["word", "  ", "\n", "\t", "longerword", "é", "–", "x", " ", "\r\n", "ab-cd"]
        for length in [0, 1, 5, 20, 40, 60, 120] {
            for _ in 0..<40 {
                let text = (0..<length).map { _ in pieces.randomElement(using: &generator)! }.joined()
                #expect(SearchIndexBuilder.snippet(text) == SearchIndexBuilder.scalarSnippet(text), "\(text.debugDescription)")
            }
        }
        let exactly = String(repeating: "a", count: SearchIndexBuilder.snippetCharacters)
        for text in [exactly, exactly + " b", "b " + exactly, exactly + "é", String(repeating: "ab ", count: 50)] {
            #expect(SearchIndexBuilder.snippet(text) == SearchIndexBuilder.scalarSnippet(text))
        }
    }

    /// Postings written in batches of any size, and the same stem's forms in a document summed.
    @Test func postingListsAreTheSameWhateverTheBatch() {
        var generator = SystemRandomNumberGenerator()
        let stems = 50, documents = 400
        let postings = (0..<documents).map { _ in
            (0..<Int.random(in: 0...12, using: &generator)).map { _ in
                (stem: Int32.random(in: 0..<Int32(stems), using: &generator), weight: UInt32.random(in: 1...15, using: &generator))
            }
        }
        var expected = [[(document: Int, weight: UInt32)]](repeating: [], count: stems)
        for (document, list) in postings.enumerated() {
            for (stem, weight) in list {
                if expected[Int(stem)].last?.document == document {
                    expected[Int(stem)][expected[Int(stem)].count - 1].weight += weight
                } else {
                    expected[Int(stem)].append((document, weight))
                }
            }
        }
        for batchSize in [1, 7, 100, 1 << 17] {
            let lists = StemPostingLists(batchSize: batchSize)
            for _ in 0..<stems { lists.appendStem() }
            for (document, list) in postings.enumerated() { lists.add(document: Int32(document), postings: list) }
            lists.flush()
            for stem in 0..<stems {
                let decoded = lists.withList(of: stem) { bytes -> [(document: Int, weight: UInt32)] in
                    var result: [(document: Int, weight: UInt32)] = []
                    var offset = 0, document: UInt32 = 0
                    while offset < bytes.count {
                        document += LEB128.read(bytes, at: &offset)
                        result.append((Int(document), LEB128.read(bytes, at: &offset)))
                    }
                    return result
                }
                #expect(decoded.map(\.document) == expected[stem].map(\.document), "stem \(stem), batches of \(batchSize)")
                #expect(decoded.map(\.weight) == expected[stem].map(\.weight), "stem \(stem), batches of \(batchSize)")
            }
        }
    }

    @Test func jsonStringsAreEscaped() {
        #expect(JSONText.string("a\"b\\c\n\u{2028}</script>") == "\"a\\\"b\\\\c\\n\\u2028</script>\"")
        #expect(JSONText.string("plain café – text") == "\"plain café – text\"")
        #expect(JSONText.string("tab\there") == "\"tab\\there\"")
        #expect(JSONText.string("\u{2029}") == "\"\\u2029\"")
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
        #expect(searchFiles["search/manifest.js"] != nil)
        #expect(home.contains("data-search-manifest=\"search/manifest.js\""))
    }

    @Test func searchFalseBuildsNoIndexAndShowsNoSearchBox() throws {
        let pages = ["index.md": TestSite.page("Home", "## Welcome\n\nMulti-agency work.")]
        let (withSearch, searched) = try TestSite(pages).build()
        let (result, output) = try TestSite(pages, configuration: "title: Test Guide\nsearch: false\n").build()
        #expect(result.diagnostics.isEmpty)
        #expect(withSearch.pagesWritten.contains("search.html"))
        #expect(!result.pagesWritten.contains("search.html"))
        #expect(output.files.keys.filter { $0.hasPrefix("search") }.isEmpty)
        #expect(try #require(searched.text(at: "index.html")).contains("role=\"search\""))
        let home = try #require(output.text(at: "index.html"))
        #expect(!home.contains("role=\"search\""))
        #expect(!home.contains("search.js"))
        #expect(!home.contains("data-search-manifest"))
        #expect(!(try #require(output.text(at: "404.html"))).contains("search the guide"))
        // Without search, a language Snowball cannot stem is no concern.
        let (noStemmer, _) = try TestSite(pages, configuration: "title: Test Guide\nsearch: false\nlanguage: tlh\n").build(strict: true)
        #expect(noStemmer.diagnostics.isEmpty)
        #expect(noStemmer.didWrite)
    }
}

struct SearchEncodingTests {
    /// search.js's decoder, repeated here so the encoding is tested both ways.
    static func decode(_ text: String) -> [SearchPosting] {
        var result: [SearchPosting] = []
        var previous = 0, number = 0
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            let value = Int(byte) - 35 - (byte > 92 ? 1 : 0)
            if value >= SearchEncoding.terminalBase {
                number = number * 45 + value - 45
                continue
            }
            number = number * 45 + value
            guard let scoreByte = iterator.next() else { break }
            previous += number
            result.append(SearchPosting(document: previous, scoreCode: Int(scoreByte) - 35 - (scoreByte > 92 ? 1 : 0)))
            number = 0
        }
        return result
    }

    @Test func postingsRoundTrip() {
        let postings = [0, 1, 44, 45, 46, 2024, 2025, 91_124, 91_125, 250_000].enumerated().map {
            SearchPosting(document: $0.element, scoreCode: $0.offset * 9)
        }
        let text = SearchEncoding.postings(postings)
        #expect(Self.decode(text) == postings)
        #expect(!text.contains("\\") && !text.contains("\""))
        #expect(text.unicodeScalars.allSatisfy { (35...126).contains($0.value) })
    }

    @Test func smallDeltasTakeOneCharacter() {
        let postings = (0..<100).map { SearchPosting(document: $0 * 3, scoreCode: 90) }
        #expect(SearchEncoding.postings(postings).count == 200)
        #expect(SearchEncoding.digit(0) == "#" && SearchEncoding.digit(57) == "]" && SearchEncoding.digit(90) == "~")
    }

    @Test func scoreCodesKeepOrderWithinNinePercent() {
        var previous = -1
        for score in stride(from: 0.02, through: 30, by: 0.37) {
            let code = SearchEncoding.scoreCode(score)
            #expect(code >= previous)
            #expect(abs(SearchEncoding.score(ofCode: code) / score - 1) < 0.05)
            previous = code
        }
        #expect(SearchEncoding.scoreCode(0.001) == 0 && SearchEncoding.scoreCode(1000) == 90)
    }

    @Test(arguments: ["Steering groups", "The ten early tasks", "Who is it for?", "Co-location: a how_to", "  Spaced   out  ", "2024 plans", "A -- B"])
    func asciiSlugAgreesWithHeadingIDs(heading: String) {
        #expect(SearchEncoding.asciiSlug(heading) == HeadingIDGenerator.slug(heading))
    }

    @Test func nonASCIIHeadingsKeepTheirAnchor() {
        #expect(SearchEncoding.asciiSlug("Café") == nil)
        let document = SearchDocument(pageURL: "a.html", anchor: "cafe", pageTitle: "A", heading: "Café", breadcrumb: "", text: "")
        #expect(SearchShardWriter.storedAnchor(document) == "cafe")
        let repeated = SearchDocument(pageURL: "a.html", anchor: "plans-2", pageTitle: "A", heading: "Plans", breadcrumb: "", text: "")
        #expect(SearchShardWriter.storedAnchor(repeated) == "plans-2")
        let derived = SearchDocument(pageURL: "a.html", anchor: "plans", pageTitle: "A", heading: "Plans", breadcrumb: "", text: "")
        #expect(SearchShardWriter.storedAnchor(derived) == "")
    }

    /// The build cache reads a chunk's documents back from its file: what it reads must write the
    /// same file again, whatever the text holds, and anything else must not be taken for a chunk.
    @Test func chunkScriptsReadBackAsTheyWereWritten() throws {
        let documents: [SearchDocument] = [
            SearchDocument(
                pageURL: "a/b.html", anchor: nil, pageTitle: "Quotes \" and \\ <img src=x>", heading: "", breadcrumb: "A › B",
                text: "Line\nbreak\u{2028}and tab\t"),
            SearchDocument(
                pageURL: "a/b.html", anchor: "plans", pageTitle: "Quotes \" and \\ <img src=x>", heading: "Plans", breadcrumb: "A › B", text: "Café ✓ 𝄞"),
            SearchDocument(pageURL: "a/b.html", anchor: "plans-2", pageTitle: "Quotes \" and \\ <img src=x>", heading: "Plans", breadcrumb: "A › B", text: ""),
            SearchDocument(pageURL: "c.html", anchor: "cafe", pageTitle: "C", heading: "Café", breadcrumb: "", text: "</script> done"),
        ]
        let script = SearchShardWriter.chunkScript(7, documents[...])
        let read = try #require(SearchShardWriter.documents(inChunkScript: script, number: 7))
        #expect(read == documents)
        #expect(SearchShardWriter.chunkScript(7, read[...]) == script)
        #expect(SearchShardWriter.documents(inChunkScript: script, number: 8) == nil)
        #expect(SearchShardWriter.documents(inChunkScript: String(script.dropLast(5)), number: 7) == nil)
        #expect(SearchShardWriter.documents(inChunkScript: script.replacingOccurrences(of: "[0,", with: "[5,"), number: 7) == nil)
    }
}
