import Foundation

/// The council's own files named in guidebook.yml: its logo (SVG or PNG) and an extra style sheet.
/// They are the project's files, checked as content is (inside the project, readable, nothing
/// loaded from outside the site), and copied to assets/brand/ under their own names.
struct BrandFiles {
    static let folder = "assets/brand"
    /// Site path -> bytes.
    var files: [String: Data] = [:]

    /// Where a brand file goes in the site.
    static func sitePath(of file: Located<String>) -> String {
        "\(folder)/\(file.value.split(separator: "/").last.map(String.init) ?? file.value)"
    }

    static func load(_ configuration: SiteConfiguration, projectRoot: URL) -> (BrandFiles, [Diagnostic]) {
        var brand = BrandFiles()
        var diagnostics: [Diagnostic] = []
        let root = FolderWalk.realPath(projectRoot.path) ?? projectRoot.path
        for (key, file) in [("logo", configuration.logo), ("stylesheet", configuration.stylesheet)] {
            guard let file else { continue }
            let path = projectRoot.appendingPathComponent(file.value).path
            guard let real = FolderWalk.realPath(path) else {
                diagnostics.append(
                    .error(
                        .invalidConfiguration, "'\(key)' names '\(file.value)', which does not exist", at: file.location,
                        notes: ["give the path of the file from the project folder"]))
                continue
            }
            guard real.hasPrefix(root + "/") else {
                diagnostics.append(
                    .error(.unsafePath, "'\(key)' leads outside the project, to '\(real)'; only the project's own files are published", at: file.location))
                continue
            }
            guard let data = FileManager.default.contents(atPath: real) else {
                diagnostics.append(.error(.unreadableFile, "'\(key)' names '\(file.value)', which cannot be read", at: file.location))
                continue
            }
            if let kind = ExternalReferenceCheck.Kind(fileName: file.value.lowercased()), let text = String(data: data, encoding: .utf8) {
                diagnostics += ExternalReferenceCheck.check(text, kind: kind, path: file.value)
            }
            brand.files[sitePath(of: file)] = data
        }
        return (brand, diagnostics)
    }
}
