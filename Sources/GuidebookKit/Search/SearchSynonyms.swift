import GuidebookMarkdown

/// Search synonyms as search.js reads them (`search/synonyms.js`): per query phrase (folded words
/// joined by spaces, as search.js's `parseQuery` gives them), the phrases it also finds. From
/// guidebook.yml's `synonyms` (one way) and from the glossary: an abbreviation and the words it
/// stands for (the definition's text before its colon: "TAC" and "Team around the child") find each
/// other. The abbreviations are listed too: a query that is exactly one is not taken as a prefix.
/// A fixed file name, like the manifest's, loaded with it: a few kilobytes, not part of any term shard.
struct SearchSynonyms: Sendable, Equatable {
    var alternatives: [String: [String]] = [:]
    var abbreviations: Set<String> = []

    static let path = "\(SearchShardWriter.folder)/synonyms.js"

    init(configured: [ConfiguredSynonym], glossary: [Glossary.Entry]) {
        for synonym in configured {
            let key = Self.phrase(synonym.word.value)
            for alternative in synonym.alternatives { add(Self.phrase(alternative.value), to: key) }
        }
        for entry in glossary where entry.isAbbreviation {
            let abbreviation = Self.phrase(entry.term)
            guard !abbreviation.isEmpty else { continue }
            abbreviations.insert(abbreviation)
            guard let expansion = Self.expansion(in: entry.definition) else { continue }
            add(expansion, to: abbreviation)
            add(abbreviation, to: expansion)
        }
    }

    private mutating func add(_ alternative: String, to key: String) {
        guard !key.isEmpty, !alternative.isEmpty, alternative != key, alternatives[key]?.contains(alternative) != true else { return }
        alternatives[key, default: []].append(alternative)
    }

    /// What an abbreviation stands for, as the glossary writes it: "Team around the child: a way of ...".
    /// Only a short name before the colon counts; a definition that starts otherwise gives none.
    static func expansion(in definition: String) -> String? {
        guard let colon = definition.firstIndex(of: ":") else { return nil }
        let words = searchWords(in: String(definition[..<colon]))
        guard (2...8).contains(words.count) else { return nil }
        return words.joined(separator: " ")
    }

    static func phrase(_ text: String) -> String { searchWords(in: text).joined(separator: " ") }

    /// The words of a query as search.js reads them: folded, runs of letters and digits (joined by
    /// hyphens into one word), single letters dropped.
    static func searchWords(in text: String) -> [String] {
        var words: [String] = []
        var current = ""
        func end() {
            let trimmed = current.hasSuffix("-") ? String(current.dropLast()) : current
            if trimmed.unicodeScalars.count > 1 || trimmed.unicodeScalars.first.map({ !$0.properties.isAlphabetic }) == true { words.append(trimmed) }
            current = ""
        }
        for scalar in Tokeniser.fold(text).unicodeScalars {
            if Tokeniser.isWordScalar(scalar) {
                current.unicodeScalars.append(scalar)
            } else if scalar == "-" || scalar == "\u{2010}" || scalar == "\u{2011}", !current.isEmpty, !current.hasSuffix("-") {
                current.append("-")
            } else if !current.isEmpty {
                end()
            }
        }
        if !current.isEmpty { end() }
        return words
    }

    /// `search/synonyms.js`, written whenever the index is (an empty table when there are none), so
    /// search.js always finds it.
    var file: SearchShardWriter.File {
        let entries = alternatives.keys.sorted().map { key in
            JSONText.string(key) + ":[" + alternatives[key]!.map(JSONText.string).joined(separator: ",") + "]"
        }
        let contents =
            "Guidebook.registerSearchSynonyms({\"synonyms\":{" + entries.joined(separator: ",") + "},\"abbreviations\":["
            + abbreviations.sorted().map(JSONText.string).joined(separator: ",") + "]});\n"
        return SearchShardWriter.File(path: Self.path, contents: contents)
    }
}

extension Tokeniser {
    /// The query words of `text` (`SearchSynonyms.searchWords`).
    static func searchWords(in text: String) -> [String] { SearchSynonyms.searchWords(in: text) }
}

extension SearchSynonyms {
    /// A warning for each declared synonym that names a word no page uses (it would find nothing),
    /// at its line in guidebook.yml. The guide's text is read only until every word is found.
    static func unusedWarnings(_ configured: [ConfiguredSynonym], pages: [SourcePage], outlines: [MarkdownOutline]) -> [Diagnostic] {
        var missing = Set(configured.flatMap { $0.alternatives.flatMap { Tokeniser.tokens($0.value) } })
        guard !missing.isEmpty else { return [] }
        func look(_ text: String) {
            Tokeniser.forEachToken(in: text) { token in
                if let word = String(validating: token, as: UTF8.self) { missing.remove(word) }
            }
        }
        for (page, outline) in zip(pages, outlines) where !missing.isEmpty {
            look(page.frontMatter.title)
            look(page.frontMatter.summary ?? "")
            look(page.frontMatter.tags.joined(separator: " "))
            for section in outline.sections where !missing.isEmpty {
                look(section.heading?.text ?? "")
                look(section.text)
            }
        }
        var warnings: [Diagnostic] = []
        for synonym in configured {
            for alternative in synonym.alternatives {
                let unused = Tokeniser.tokens(alternative.value).filter(missing.contains)
                guard !unused.isEmpty else { continue }
                warnings.append(
                    .warning(
                        .unusedSynonym,
                        "synonym '\(alternative.value)' of '\(synonym.word.value)' names \(unused.map { "'\($0)'" }.joined(separator: ", ")), which no page uses",
                        at: alternative.location, notes: ["a query for '\(synonym.word.value)' finds nothing through it"]))
            }
        }
        return warnings
    }
}
