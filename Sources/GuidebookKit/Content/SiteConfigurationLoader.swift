import GuidebookMarkdown
import Yams

/// Reads guidebook.yml. Unknown keys and wrong types are errors pointing into the file.
public enum SiteConfigurationLoader {
    static let knownKeys: Set<String> = [
        "title", "organisation", "language", "theme", "unsafe_html", "search", "id", "edit_url", "defaults", "colours", "base_url", "logo", "logo_alt",
        "stylesheet", "synonyms",
    ]

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
        var explicitID: String?
        for (key, value) in mapping {
            switch key.keyText {
            case "title": fields.nonEmptyString(value, key: "title").map { configuration.title = $0 }
            case "organisation": fields.string(value, key: "organisation").map { configuration.organisation = $0 }
            case "language": fields.string(value, key: "language").map { configuration.language = $0 }
            case "theme":
                fields.string(value, key: "theme").map { configuration.theme = $0 }
                configuration.themeLocation = reader.location(of: value)
            case "unsafe_html": fields.bool(value, key: "unsafe_html").map { configuration.allowsRawHTML = $0 }
            case "search": fields.bool(value, key: "search").map { configuration.hasSearch = $0 }
            case "edit_url": configuration.editURL = fields.webAddress(value, key: "edit_url")
            case "base_url":
                guard let path = fields.string(value, key: "base_url") else { break }
                if let normalised = baseURL(path) {
                    configuration.baseURL = normalised
                } else {
                    diagnostics.append(
                        .error(
                            .invalidConfiguration, "'base_url' in guidebook.yml must be the path the site is published under, starting with '/', not '\(path)'",
                            at: reader.location(of: value), notes: ["for example 'base_url: /guides/toolkit/'"]))
                }
            case "logo":
                configuration.logo = projectFile(value, key: "logo", extensions: ["svg", "png"], fields: &fields, reader: reader, diagnostics: &diagnostics)
            case "logo_alt": configuration.logoAlt = fields.nonEmptyString(value, key: "logo_alt")
            case "stylesheet":
                configuration.stylesheet = projectFile(
                    value, key: "stylesheet", extensions: ["css"], fields: &fields, reader: reader, diagnostics: &diagnostics)
            case "synonyms": configuration.synonyms = readSynonyms(value, reader: reader, diagnostics: &diagnostics)
            case "colours": configuration.colours = readColours(value, reader: reader, diagnostics: &diagnostics)
            case "defaults": readDefaults(value, into: &configuration, fields: &fields, reader: reader, diagnostics: &diagnostics)
            case "id":
                guard let id = fields.string(value, key: "id") else { break }
                if id.isEmpty || HeadingIDGenerator.slug(id) != id {
                    diagnostics.append(
                        .error(
                            .invalidConfiguration, "'id' in guidebook.yml must be lowercase letters, digits and single hyphens, not '\(id)'",
                            at: reader.location(of: value), notes: ["for example 'id: \(SiteConfiguration.defaultID(title: id))'"]))
                } else {
                    explicitID = id
                }
            default:
                let known = knownKeys.sorted().joined(separator: ", ")
                var notes = ["known keys: \(known)"]
                if let near = NearestName.find(key.keyText, among: Array(knownKeys)) { notes.insert("did you mean '\(near)'?", at: 0) }
                diagnostics.append(.error(.invalidConfiguration, "unknown key '\(key.keyText)' in guidebook.yml", at: reader.location(of: key), notes: notes))
            }
        }
        configuration.id = explicitID ?? SiteConfiguration.defaultID(title: configuration.title)
        return (configuration, diagnostics + fields.diagnostics)
    }

    /// `/guides/toolkit` or `/guides/toolkit/` as `/guides/toolkit/`; nil for anything but a plain path.
    static func baseURL(_ text: String) -> String? {
        guard text.hasPrefix("/"), !text.hasPrefix("//"),
            !text.unicodeScalars.contains(where: {
                $0.properties.isWhitespace || $0.properties.generalCategory == .control || "?#\\\"'<>".unicodeScalars.contains($0)
            }),
            !text.split(separator: "/").contains(where: { $0 == ".." || $0 == "." })
        else { return nil }
        return text.hasSuffix("/") ? text : text + "/"
    }

    /// A file of the project named by a relative path inside it, with one of `extensions`.
    private static func projectFile(
        _ node: Node, key: String, extensions: [String], fields: inout FieldReader, reader: YAMLReader,
        diagnostics: inout [Diagnostic]
    ) -> Located<String>? {
        guard let path = fields.nonEmptyString(node, key: key) else { return nil }
        let segments = path.split(separator: "/")
        let fileExtension = path.split(separator: ".").last.map { $0.lowercased() } ?? ""
        guard !path.hasPrefix("/"), !segments.contains(".."), !segments.contains(where: { $0.hasPrefix(".") }), extensions.contains(fileExtension) else {
            diagnostics.append(
                .error(
                    .invalidConfiguration,
                    "'\(key)' in guidebook.yml must be a path inside the project to a \(extensions.map { ".\($0)" }.joined(separator: " or ")) file, not '\(path)'",
                    at: reader.location(of: node), notes: ["for example '\(key): brand/\(key == "logo" ? "logo.svg" : "council.css")'"]))
            return nil
        }
        return Located(path, at: reader.location(of: node))
    }

    private static func readDefaults(
        _ node: Node, into configuration: inout SiteConfiguration, fields: inout FieldReader,
        reader: YAMLReader, diagnostics: inout [Diagnostic]
    ) {
        guard case .mapping(let mapping) = node else {
            diagnostics.append(
                .error(
                    .invalidConfiguration, "'defaults' in guidebook.yml must be a mapping, such as 'defaults: {owner: Team, review_months: 12}'",
                    at: reader.location(of: node)))
            return
        }
        for (key, value) in mapping {
            switch key.keyText {
            case "owner": configuration.defaultOwner = fields.string(value, key: "defaults.owner")
            case "review_months":
                if let months = fields.int(value, key: "defaults.review_months") {
                    if months > 0 {
                        configuration.reviewMonths = months
                    } else {
                        diagnostics.append(.error(.invalidConfiguration, "'defaults.review_months' must be at least 1", at: reader.location(of: value)))
                    }
                }
            default:
                diagnostics.append(
                    .error(
                        .invalidConfiguration, "unknown key '\(key.keyText)' in 'defaults' of guidebook.yml",
                        at: reader.location(of: key), notes: ["known keys: owner, review_months"]))
            }
        }
    }
}
