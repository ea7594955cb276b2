import Yams

/// Reads guidebook.yml. Unknown keys and wrong types are errors pointing into the file.
public enum SiteConfigurationLoader {
    static let knownKeys: Set<String> = ["title", "organisation", "language", "theme", "unsafe_html"]

    public static func load(text: String, path: String = SiteConfiguration.fileName) -> (SiteConfiguration, [Diagnostic]) {
        let reader = YAMLReader(path: path, firstLine: 1)
        var configuration = SiteConfiguration()
        var diagnostics: [Diagnostic] = []
        let mapping: Node.Mapping
        switch reader.mapping(from: text, what: "guidebook.yml", code: .invalidConfiguration) {
        case .success(let value): mapping = value
        case .failure(let error): return (configuration, [error.diagnostic])
        }
        var fields = FieldReader(reader: reader, code: .invalidConfiguration, what: "guidebook.yml")
        for (key, value) in mapping {
            switch key.keyText {
            case "title": fields.string(value, key: "title").map { configuration.title = $0 }
            case "organisation": fields.string(value, key: "organisation").map { configuration.organisation = $0 }
            case "language": fields.string(value, key: "language").map { configuration.language = $0 }
            case "theme":
                fields.string(value, key: "theme").map { configuration.theme = $0 }
                configuration.themeLocation = reader.location(of: value)
            case "unsafe_html": fields.bool(value, key: "unsafe_html").map { configuration.allowsRawHTML = $0 }
            default:
                let known = knownKeys.sorted().joined(separator: ", ")
                var notes = ["known keys: \(known)"]
                if let near = NearestName.find(key.keyText, among: Array(knownKeys)) { notes.insert("did you mean '\(near)'?", at: 0) }
                diagnostics.append(.error(.invalidConfiguration, "unknown key '\(key.keyText)' in guidebook.yml", at: reader.location(of: key), notes: notes))
            }
        }
        return (configuration, diagnostics + fields.diagnostics)
    }
}
