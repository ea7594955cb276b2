import Yams

/// A search synonym the guide declares in guidebook.yml: a query for `word` also finds each of
/// `alternatives` (`GDPR: [data protection, information governance]`). One way: a query for an
/// alternative does not find the word. Glossary abbreviations need no declaring (`SearchSynonyms`).
public struct ConfiguredSynonym: Sendable, Hashable {
    public var word: Located<String>
    public var alternatives: [Located<String>]
}

extension SiteConfigurationLoader {
    static func readSynonyms(_ node: Node, reader: YAMLReader, diagnostics: inout [Diagnostic]) -> [ConfiguredSynonym] {
        let example = "for example 'synonyms: {GDPR: [data protection, information governance]}'"
        guard case .mapping(let mapping) = node else {
            diagnostics.append(
                .error(
                    .invalidConfiguration, "'synonyms' in guidebook.yml must be a mapping of a word to the words it also finds",
                    at: reader.location(of: node), notes: [example]))
            return []
        }
        var synonyms: [ConfiguredSynonym] = []
        for (key, value) in mapping {
            let word = key.keyText.trimmingCharacters(in: .whitespaces)
            var alternatives: [Located<String>] = []
            switch value {
            case .scalar(let scalar) where !scalar.string.trimmingCharacters(in: .whitespaces).isEmpty:
                alternatives = [Located(scalar.string, at: reader.location(of: value))]
            case .sequence(let sequence):
                for element in sequence {
                    guard case .scalar(let scalar) = element, !scalar.string.trimmingCharacters(in: .whitespaces).isEmpty else {
                        diagnostics.append(
                            .error(
                                .invalidConfiguration, "a synonym of '\(word)' in guidebook.yml must be text",
                                at: reader.location(of: element), notes: [example]))
                        continue
                    }
                    alternatives.append(Located(scalar.string, at: reader.location(of: element)))
                }
            default:
                diagnostics.append(
                    .error(
                        .invalidConfiguration, "the synonyms of '\(word)' in guidebook.yml must be text or a list of text",
                        at: reader.location(of: value), notes: [example]))
                continue
            }
            guard !word.isEmpty, Tokeniser.searchWords(in: word).count > 0 else {
                diagnostics.append(.error(.invalidConfiguration, "a synonym in guidebook.yml must be a word, not '\(word)'", at: reader.location(of: key)))
                continue
            }
            synonyms.append(ConfiguredSynonym(word: Located(word, at: reader.location(of: key)), alternatives: alternatives))
        }
        return synonyms
    }
}
