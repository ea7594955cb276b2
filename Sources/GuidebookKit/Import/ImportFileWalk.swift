import Foundation

/// The files of a source worth carrying over: its pages (named as Guidebook names them:
/// `_index.md`, `README.md` and `index.html.md.erb` become `index.md`) and the files they use
/// (images, PDFs). Tool files (config, layouts, styles, scripts, templates) stay behind; pages in
/// a form Guidebook cannot read (HTML) are reported.
enum ImportFileWalk {
    static let skippedFolders: Set<String> = [".git", "node_modules", "vendor", "_site", ".bundle", ".sass-cache", "__pycache__"]
    static let techDocsFolders: Set<String> = ["layouts", "stylesheets", "javascripts", "partials"]
    /// Files a tool uses to build its site, never content.
    static let toolExtensions: Set<String> = [
        "erb", "scss", "sass", "css", "js", "rb", "py", "gotmpl", "toml", "yml", "yaml", "lock", "liquid", "json", "gemspec", "haml", "slim",
    ]
    static let toolFiles: Set<String> = ["CNAME", "Gemfile", "Rakefile", "Makefile", "Dockerfile", "Procfile", "LICENSE", "SUMMARY.md"]

    static func files(of source: ImportSource, warnings: inout [ImportWarning]) -> [ImportedFile] {
        var result: [ImportedFile] = []
        for (relative, url) in walk(source.contentRoot) {
            var parts = relative.split(separator: "/").map(String.init)
            let name = parts.last!
            let display = source.contentPrefix + relative
            if parts.count > 1, source.format == .techDocs, techDocsFolders.contains(parts[0]) { continue }
            if source.format == .jekyll, parts.count > 1, parts[0].hasPrefix("_") {
                guard let collection = source.collections[parts[0]] else { continue }
                parts[0] = collection
            }
            if name == "SUMMARY.md", parts.count == 1, !source.navigation.isEmpty { continue }
            if toolFiles.contains(name) && name != "SUMMARY.md" { continue }
            if let suffix = source.format.pageSuffixes.first(where: { name.lowercased().hasSuffix($0) }) {
                if name.hasPrefix("_") && !name.hasPrefix("_index.") { continue }  // a partial, included by other pages
                var stemParts = parts
                stemParts[stemParts.count - 1] = String(name.dropLast(suffix.count))
                let stem = stemParts.joined(separator: "/")
                result.append(ImportedFile(sourcePath: relative, displayPath: display, newPath: stem + ".md", stem: stem, isPage: true, sourceURL: url))
                continue
            }
            let fileExtension = (name as NSString).pathExtension.lowercased()
            if ["html", "htm"].contains(fileExtension) || name.hasSuffix(".erb") {
                warnings.append(
                    ImportWarning(
                        .file, "\(fileExtension == "erb" ? "ERB template" : "HTML page") was not converted; Guidebook pages are Markdown",
                        at: SourceLocation(path: display)))
                continue
            }
            if toolExtensions.contains(fileExtension) { continue }
            result.append(
                ImportedFile(sourcePath: relative, displayPath: display, newPath: parts.joined(separator: "/"), stem: "", isPage: false, sourceURL: url))
        }
        for staticRoot in source.staticRoots {
            for (relative, url) in walk(staticRoot) {
                let name = (relative as NSString).lastPathComponent
                if toolFiles.contains(name) || toolExtensions.contains((name as NSString).pathExtension.lowercased()) { continue }
                result.append(
                    ImportedFile(sourcePath: relative, displayPath: source.displayPath(url), newPath: relative, stem: "", isPage: false, sourceURL: url))
            }
        }
        return renameIndexes(result).map { file in
            var file = file
            file.newPath = renamingReserved(file.newPath, isPage: file.isPage, display: file.displayPath, warnings: &warnings)
            return file
        }
    }

    /// Names the site keeps for itself: a top-level `assets/` folder becomes `files/`, and a page
    /// named like a generated page (`search.md`) gets `-page` added.
    static let reservedPages: Set<String> = ["search.md", "print.md", "tags.md", "status.md", "checklists.md", "404.md"]

    private static func renamingReserved(_ path: String, isPage: Bool, display: String, warnings: inout [ImportWarning]) -> String {
        if path.hasPrefix("assets/") { return "files/" + path.dropFirst("assets/".count) }
        if isPage, reservedPages.contains(path) {
            let renamed = String(path.dropLast(3)) + "-page.md"
            warnings.append(
                ImportWarning(.file, "'\(path)' is a name the site keeps for itself; imported as content/\(renamed)", at: SourceLocation(path: display)))
            return renamed
        }
        return path
    }

    /// `_index.md`, `README.md` (when the folder has no `index.md`) and `index.html.md.erb` -> `index.md`.
    private static func renameIndexes(_ files: [ImportedFile]) -> [ImportedFile] {
        let taken = Set(files.filter(\.isPage).map { $0.newPath.lowercased() })
        return files.map { file in
            guard file.isPage else { return file }
            var file = file
            let folder = MkDocsNavigation.folder(of: file.newPath)
            let base = (file.newPath as NSString).lastPathComponent
            let index = folder.isEmpty ? "index.md" : folder + "/index.md"
            if base == "_index.md" || (base.lowercased() == "readme.md" && !taken.contains(index.lowercased())) {
                file.newPath = index
            }
            return file
        }
    }

    /// Every regular file under a folder, relative to it, sorted; hidden files and tool folders left out.
    static func walk(_ root: URL) -> [(String, URL)] {
        var found: [(String, URL)] = []
        func visit(_ folder: URL, _ prefix: String) {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return }
            for name in names.sorted() where !name.hasPrefix(".") && !skippedFolders.contains(name) {
                let url = folder.appendingPathComponent(name)
                var isFolder: ObjCBool = false
                guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else { continue }
                if isFolder.boolValue { visit(url, prefix + name + "/") } else { found.append((prefix + name, url)) }
            }
        }
        visit(root, "")
        return found
    }
}
