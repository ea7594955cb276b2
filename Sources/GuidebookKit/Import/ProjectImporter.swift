import Foundation
import GuidebookMarkdown
import Yams

/// `guidebook import FORMAT SOURCE`: reads another tool's documentation and writes a Guidebook
/// project (guidebook.yml and content/) into a new or empty folder. The source is only read.
public enum ProjectImporter {
    /// A new folder beside the source, named after it: `docs` -> `docs-guidebook`.
    public static func defaultOutput(for source: URL) -> URL {
        let source = source.standardizedFileURL
        return source.deletingLastPathComponent().appendingPathComponent(source.lastPathComponent + "-guidebook")
    }

    /// Imports; the caller has checked `ImportRefusal.check`. Throws only for the file system.
    public static func importProject(format: ImportFormat, source sourceRoot: URL, output: URL) throws -> ImportResult {
        var source = try ImportSource.read(format: format, root: sourceRoot.standardizedFileURL)
        var warnings = source.warnings
        var files = ImportFileWalk.files(of: source, warnings: &warnings)

        // Two source files for one new path (README.md beside index.md is already settled): keep the first.
        var seen: Set<String> = []
        files = files.filter { file in
            if seen.insert(file.newPath.lowercased()).inserted { return true }
            warnings.append(
                ImportWarning(
                    .file, "another file is already imported as content/\(file.newPath); this one was left out", at: SourceLocation(path: file.displayPath)))
            return false
        }

        // Read every page's front matter first: permalinks are link targets.
        var fronts: [String: ImportedFrontMatter] = [:]
        var table = ImportLinkTable()
        for file in files {
            if file.isPage {
                let text = try readText(file.sourceURL)
                let front = ImportedFrontMatter(text: text, path: file.displayPath)
                fronts[file.sourcePath] = front
                table.addPage(
                    sourcePath: file.sourcePath, newPath: file.newPath, stem: file.stem, addresses: Self.addresses(of: file, front: front, source: source))
            } else {
                table.addFile(sourcePath: file.sourcePath, newPath: file.newPath)
            }
        }

        // A navigation entry naming a folder (`user-guide/`) means its README.md or _index.md when it has no index.md.
        let pagePaths = Set(files.filter(\.isPage).map(\.sourcePath))
        source.navigation = source.navigation.map { path in
            guard !pagePaths.contains(path), path == "index.md" || path.hasSuffix("/index.md") else { return path }
            let folder = String(path.dropLast("index.md".count))
            guard let found = ["README.md", "readme.md", "_index.md"].map({ folder + $0 }).first(where: pagePaths.contains) else { return path }
            if let title = source.navigationTitles[path] { source.navigationTitles[found] = title }
            return found
        }
        let navigationOrder = Dictionary(source.navigation.enumerated().map { ($1, $0 + 1) }, uniquingKeysWith: { first, _ in first })
        let listed = Set(source.navigation)
        for path in source.navigation where !files.contains(where: { $0.isPage && $0.sourcePath == path }) {
            warnings.append(
                ImportWarning(
                    .navigation, "navigation lists '\(path)', which is not a page of the source; left out",
                    at: SourceLocation(path: source.format == .mkdocs ? "mkdocs.yml" : source.contentPrefix + "SUMMARY.md")))
        }
        // A folder's index not in the navigation takes the place of the folder's first listed page.
        var folderOrder: [String: Int] = [:]
        for file in files where file.isPage {
            guard let order = navigationOrder[file.sourcePath] else { continue }
            var folder = MkDocsNavigation.folder(of: file.newPath)
            while true {
                folderOrder[folder] = min(folderOrder[folder] ?? order, order)
                if folder.isEmpty { break }
                folder = MkDocsNavigation.folder(of: folder)
            }
        }

        let fileManager = FileManager.default
        let content = output.appendingPathComponent("content")
        try fileManager.createDirectory(at: content, withIntermediateDirectories: true)
        var pageCount = 0, fileCount = 0
        var indexFolders: Set<String> = []
        for file in files {
            let target = content.appendingPathComponent(file.newPath)
            try fileManager.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            guard file.isPage, var front = fronts[file.sourcePath] else {
                try Data(contentsOf: file.sourceURL).write(to: target, options: .withoutOverwriting)
                fileCount += 1
                continue
            }
            let isIndex = file.newPath == "index.md" || file.newPath.hasSuffix("/index.md")
            if isIndex { indexFolders.insert(MkDocsNavigation.folder(of: file.newPath)) }
            var order = navigationOrder[file.sourcePath]
            if order == nil, isIndex, !listed.isEmpty { order = folderOrder[MkDocsNavigation.folder(of: file.newPath)] }
            let sectionTitle = isIndex ? source.sectionTitles[MkDocsNavigation.folder(of: file.sourcePath)] : nil
            let lines = SnippetExpander.expand(
                front.body.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map {
                    AdmonitionConverter.Line(text: String($1.hasSuffix("\r") ? $1.dropLast() : $1), sourceLine: front.bodyFirstLine + $0)
                }, source: source)
            // A title from the navigation only for a page that has no opening heading to give one.
            let opensWithHeading = Self.opensWithHeading(lines.prefix(20).map(\.text).joined(separator: "\n"))
            let navigationTitle = opensWithHeading ? nil : source.navigationTitles[file.sourcePath] ?? sectionTitle
            front.convert(format: format, navigationOrder: order, navigationTitle: navigationTitle, path: file.displayPath)
            var pageWarnings = front.warnings
            let converted = AdmonitionConverter.convert(
                HeadingIDConverter.convert(HighlightBlockConverter.convert(lines)), path: file.displayPath, warnings: &pageWarnings)
            let links = LinkConverter(
                table: table, basePath: source.basePath, siteVariables: source.siteVariables, sourcePath: file.sourcePath, stem: file.stem,
                newPath: file.newPath, displayPath: file.displayPath)
            let body = links.convert(converted, warnings: &pageWarnings)
            try Data(front.text(body: body).utf8).write(to: target, options: .withoutOverwriting)
            warnings += pageWarnings
            pageCount += 1
        }

        // A section the navigation names, whose folder has no index page, gets one with that title.
        for (folder, title) in source.sectionTitles
        where !indexFolders.contains(folder) && fileManager.fileExists(atPath: content.appendingPathComponent(folder).path) {
            var mapping = Node.Mapping([(Node("title"), Node(title))])
            if let order = folderOrder[folder] { mapping["order"] = Node(String(order)) }
            let yaml = try Yams.serialize(node: .mapping(mapping), allowUnicode: true)
            try Data("---\n\(yaml)---\n".utf8).write(to: content.appendingPathComponent(folder + "/index.md"), options: .withoutOverwriting)
            pageCount += 1
        }

        let title = source.title ?? sourceRoot.lastPathComponent
        let configuration = try Yams.serialize(node: .mapping(Node.Mapping([(Node("title"), Node(title, Tag(.str), .doubleQuoted))])), allowUnicode: true)
        try Data(configuration.utf8).write(to: output.appendingPathComponent(SiteConfiguration.fileName), options: .withoutOverwriting)
        return ImportResult(output: output, title: title, pageCount: pageCount, fileCount: fileCount, warnings: warnings.sorted())
    }

    /// The other addresses a page was published at: `permalink` (Jekyll's patterns worked out),
    /// `redirect_from` (jekyll-redirect-from) and `aliases` (Hugo).
    static func addresses(of file: ImportedFile, front: ImportedFrontMatter, source: ImportSource) -> [String] {
        var addresses: [String] = []
        for key in ["redirect_from", "aliases"] {
            if let text = front.mapping[key]?.string { addresses.append(text) }
            addresses += front.mapping[key]?.sequence?.compactMap(\.string) ?? []
        }
        let collection = file.sourcePath.split(separator: "/").first.map(String.init) ?? ""
        guard let pattern = front.mapping["permalink"]?.string ?? (file.sourcePath.contains("/") ? source.collectionPermalinks[collection] : nil) else {
            return addresses
        }
        var name = ImportLinkTable.stem((file.sourcePath as NSString).lastPathComponent)
        var date = ["", "", ""]
        let parts = name.split(separator: "-", maxSplits: 3).map(String.init)
        if parts.count == 4, parts[0].count == 4, Int(parts[0]) != nil, Int(parts[1]) != nil, Int(parts[2]) != nil {
            date = Array(parts[0...2])
            name = parts[3]
        }
        let path = ImportLinkTable.stem(String(file.sourcePath.dropFirst(collection.count + 1)))
        var address = pattern
        for (token, value) in [
            (":collection", source.collections[collection] ?? ""), (":path", path), (":name", name), (":title", name), (":slug", name),
            (":year", date[0]), (":month", date[1]), (":day", date[2]), (":categories", ""), (":output_ext", ".html"),
        ] {
            address = address.replacingOccurrences(of: token, with: value)
        }
        return addresses + [address]
    }

    /// Whether the body's first text is a level 1 heading (`# Title`, or `Title` over `===`).
    static func opensWithHeading(_ body: String) -> Bool {
        let lines = body.split(separator: "\n", omittingEmptySubsequences: true).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard let first = lines.first else { return false }
        if first.hasPrefix("# ") || first == "#" { return true }
        return lines.count > 1 && lines[1].allSatisfy { $0 == "=" }
    }

    private static func readText(_ url: URL) throws -> String {
        let data = try Data(contentsOf: url)
        return String(data: data, encoding: .utf8) ?? String(decoding: data, as: UTF8.self)
    }
}
