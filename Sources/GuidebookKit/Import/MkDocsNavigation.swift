import Yams

/// MkDocs' `nav:` in mkdocs.yml: a list of `page.md`, `Title: page.md`, `Title: https://...` and
/// `Section: [ ... ]`, read into a reading order and the titles it gives pages and sections.
enum MkDocsNavigation {
    static func read(_ nav: Node, into source: inout ImportSource) {
        walk(nav, sectionTitle: nil, into: &source)
    }

    private static func walk(_ node: Node, sectionTitle: String?, into source: inout ImportSource) {
        if let items = node.sequence {
            let before = source.navigation.count
            for item in items { walk(item, sectionTitle: nil, into: &source) }
            // A section whose pages share a folder gives that folder its title.
            if let sectionTitle, source.navigation.count > before {
                let folders = Set(source.navigation[before...].map(folder(of:)))
                if folders.count == 1, let only = folders.first, !only.isEmpty, source.sectionTitles[only] == nil {
                    source.sectionTitles[only] = sectionTitle
                } else if let common = commonFolder(Array(source.navigation[before...])), !common.isEmpty, source.sectionTitles[common] == nil {
                    source.sectionTitles[common] = sectionTitle
                }
            }
        } else if let mapping = node.mapping {
            for (key, value) in mapping {
                guard let title = key.string else { continue }
                if let path = value.string {
                    add(path, title: title, into: &source)
                } else {
                    walk(value, sectionTitle: title, into: &source)
                }
            }
        } else if let path = node.string {
            add(path, title: nil, into: &source)
        }
    }

    private static func add(_ path: String, title: String?, into source: inout ImportSource) {
        guard !path.contains("://"), !path.hasPrefix("mailto:") else { return }
        var path = path
        while path.hasPrefix("/") || path.hasPrefix("./") { path.removeFirst(path.hasPrefix("/") ? 1 : 2) }
        if path.hasSuffix("/") || path.isEmpty { path += "index.md" }
        source.navigation.append(path)
        if let title { source.navigationTitles[path] = title }
    }

    static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[..<slash])
    }

    static func commonFolder(_ paths: [String]) -> String? {
        var common: [Substring]?
        for path in paths {
            let parts = folder(of: path).split(separator: "/")
            common = common.map { Array(zip($0, parts).prefix { $0 == $1 }.map(\.0)) } ?? parts
        }
        return common.map { $0.joined(separator: "/") }
    }
}
