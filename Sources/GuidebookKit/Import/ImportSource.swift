import Foundation
import Yams

/// What `guidebook import` learns from a tool's project folder before it reads a page: where the
/// pages are, the guide's title, the reading order the tool's navigation gives, and the URL prefix
/// root-absolute links carry.
struct ImportSource: Sendable {
    var format: ImportFormat
    /// The folder named on the command line; warnings give paths relative to it.
    var root: URL
    /// The folder holding the pages (MkDocs `docs/`, Hugo `content/`, tech docs `source/`).
    var contentRoot: URL
    /// Folders whose files are published at the site's root (Hugo `static/`).
    var staticRoots: [URL] = []
    var title: String?
    /// Content-relative source paths in the order the tool's navigation lists them.
    var navigation: [String] = []
    /// Titles the navigation gives pages (source path -> title) and sections (folder -> title).
    var navigationTitles: [String: String] = [:]
    var sectionTitles: [String: String] = [:]
    /// The path the tool's site is published under (`/docs`), stripped from root-absolute links.
    var basePath: String = ""
    /// Jekyll collections: `_docs` -> `docs`.
    var collections: [String: String] = [:]
    /// Jekyll collections' `permalink` patterns (`_posts` -> `/news/:year/:month/:day/:title/`).
    var collectionPermalinks: [String: String] = [:]
    /// Jekyll `_config.yml` text values, for `{{ site.repository }}` in pages.
    var siteVariables: [String: String] = [:]
    var warnings: [ImportWarning] = []

    /// The path of a file relative to `root`, for warnings.
    func displayPath(_ url: URL) -> String {
        let base = root.standardizedFileURL.path
        let path = url.standardizedFileURL.path
        if path.hasPrefix(base + "/") { return String(path.dropFirst(base.count + 1)) }
        return path
    }

    var contentPrefix: String {
        let path = displayPath(contentRoot)
        return path == contentRoot.standardizedFileURL.path || path.isEmpty ? "" : path + "/"
    }

    static func read(format: ImportFormat, root: URL) throws -> ImportSource {
        let fileManager = FileManager.default
        var source = ImportSource(format: format, root: root, contentRoot: root)
        func text(_ name: String) -> String? { try? String(contentsOf: root.appendingPathComponent(name), encoding: .utf8) }
        switch format {
        case .mkdocs:
            var configText = text("mkdocs.yml") ?? text("mkdocs.yaml")
            var configPath = "mkdocs.yml"
            if configText == nil, let parent = try? String(contentsOf: root.deletingLastPathComponent().appendingPathComponent("mkdocs.yml"), encoding: .utf8) {
                configText = parent
                configPath = "../mkdocs.yml"
            } else if configText != nil {
                source.contentRoot = root.appendingPathComponent("docs")
            }
            if let configText, let config = try? Yams.compose(yaml: configText)?.mapping {
                source.title = config["site_name"]?.string
                if configPath == "mkdocs.yml", let docsDir = config["docs_dir"]?.string {
                    source.contentRoot = root.appendingPathComponent(docsDir)
                }
                if let nav = config["nav"] ?? config["pages"] {
                    MkDocsNavigation.read(nav, into: &source)
                }
                if let siteURL = config["site_url"]?.string { source.basePath = Self.path(ofURL: siteURL) }
            }
        case .jekyll:
            if let configText = text("_config.yml"), let config = try? Yams.compose(yaml: configText)?.mapping {
                source.title = config["title"]?.string
                source.basePath = config["baseurl"]?.string ?? ""
                for (key, value) in config {
                    if let name = key.string, let text = value.scalar?.string, name != "baseurl", name != "url" { source.siteVariables[name] = text }
                }
                if let list = config["collections"] {
                    let names = list.mapping.map { $0.keys.compactMap(\.string) } ?? list.sequence?.compactMap(\.string) ?? []
                    for name in names {
                        source.collections["_" + name] = name
                        if let pattern = list.mapping?[name]?.mapping?["permalink"]?.string { source.collectionPermalinks["_" + name] = pattern }
                    }
                }
                if let pattern = config["permalink"]?.string, pattern.hasPrefix("/"), source.collectionPermalinks["_posts"] == nil {
                    source.collectionPermalinks["_posts"] = pattern
                }
            }
            source.collections["_posts"] = "posts"
        case .hugo:
            for name in ["hugo.toml", "config.toml", "config/_default/hugo.toml", "config/_default/config.toml"] {
                if let config = text(name) {
                    source.title = TOMLFrontMatter.topLevelString("title", in: config)
                    source.basePath = Self.path(ofURL: TOMLFrontMatter.topLevelString("baseURL", in: config) ?? "")
                    break
                }
            }
            for name in ["hugo.yaml", "config.yaml", "hugo.yml", "config.yml"] where source.title == nil {
                if let configText = text(name), let config = try? Yams.compose(yaml: configText)?.mapping {
                    source.title = config["title"]?.string
                    source.basePath = Self.path(ofURL: config["baseURL"]?.string ?? "")
                }
            }
            if fileManager.fileExists(atPath: root.appendingPathComponent("content").path) {
                source.contentRoot = root.appendingPathComponent("content")
            }
            let staticFolder = root.appendingPathComponent("static")
            if fileManager.fileExists(atPath: staticFolder.path) { source.staticRoots = [staticFolder] }
        case .techDocs:
            if let configText = text("config/tech-docs.yml"), let config = try? Yams.compose(yaml: configText)?.mapping {
                source.title = config["service_name"]?.string ?? config["host"]?.string
                if let host = config["host"]?.string { source.basePath = Self.path(ofURL: host) }
            }
            if fileManager.fileExists(atPath: root.appendingPathComponent("source").path) {
                source.contentRoot = root.appendingPathComponent("source")
            }
        case .markdown:
            break
        }
        if source.title?.trimmingCharacters(in: .whitespaces).isEmpty ?? true {
            source.title = root.lastPathComponent
        }
        if source.basePath.hasSuffix("/") { source.basePath.removeLast() }
        let summary = source.contentRoot.appendingPathComponent("SUMMARY.md")
        if source.navigation.isEmpty, let text = try? String(contentsOf: summary, encoding: .utf8) {
            SummaryNavigation.read(text, into: &source)
        }
        return source
    }

    /// `https://example.org/docs/` -> `/docs`.
    static func path(ofURL text: String) -> String {
        guard let url = URL(string: text), url.host != nil else { return "" }
        let path = url.path
        return path == "/" ? "" : path
    }
}
