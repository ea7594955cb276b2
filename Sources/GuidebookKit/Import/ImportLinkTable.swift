/// Every name a page or file of the source answers to (its file path, the web addresses the tool
/// published it at, a Jekyll `permalink`, a Hugo `ref` name) mapped to its path in the new
/// content/, and relative links between new paths.
struct ImportLinkTable: Sendable {
    private var byPath: [String: String] = [:]
    private var byAddress: [String: String] = [:]
    private var byBaseName: [String: String?] = [:]

    /// `sourcePath` is relative to the source's content folder; `newPath` to the new content/.
    /// `addresses`: where else the tool published the page (a `permalink`, `redirect_from`, Hugo `aliases`).
    mutating func addPage(sourcePath: String, newPath: String, stem: String, addresses extra: [String]) {
        byPath[sourcePath] = newPath
        byPath[newPath] = byPath[newPath] ?? newPath
        var addresses = [stem, stem + ".html", stem + "/", stem + ".md"]
        let last = stem.split(separator: "/").last.map(String.init) ?? ""
        if ["index", "_index", "README", "readme"].contains(last) {
            let folder = String(stem.dropLast(last.count))
            addresses += [folder, folder.isEmpty ? "" : String(folder.dropLast())]
        }
        for address in addresses { byAddress["/" + address] = byAddress["/" + address] ?? newPath }
        for address in extra where !address.contains("://") {
            let normalised = Self.normalise(address)
            byAddress[normalised] = byAddress[normalised] ?? newPath
            byAddress[normalised + "/"] = byAddress[normalised + "/"] ?? newPath
        }
        for name in [last, last + ".md"] { byBaseName[name] = byBaseName[name] == nil ? .some(newPath) : .some(nil) }
    }

    mutating func addFile(sourcePath: String, newPath: String) {
        byPath[sourcePath] = newPath
        for address in ["/" + sourcePath, "/" + newPath] { byAddress[address] = byAddress[address] ?? newPath }
    }

    /// The new path a destination names, from the page at `sourcePath`, or nil.
    func resolve(_ destination: String, fromSourcePath sourcePath: String, stem: String, basePath: String, hugoRef: Bool = false) -> String? {
        var target = destination
        if target.hasPrefix("<") && target.hasSuffix(">") { target = String(target.dropFirst().dropLast()) }
        guard !target.isEmpty, !target.hasPrefix("#"), !target.contains("://"), !target.hasPrefix("mailto:"), !target.hasPrefix("tel:") else { return nil }
        target = target.removingPercentEncoding ?? target
        if target.hasPrefix("/") {
            if !basePath.isEmpty, target.hasPrefix(basePath + "/") || target == basePath { target = String(target.dropFirst(basePath.count)) }
            if target.isEmpty { target = "/" }
            if let found = byAddress[Self.normalise(target)] ?? byAddress[Self.normalise(target) + "/"] { return found }
            if hugoRef,
                let found = byPath[String(target.dropFirst())] ?? byPath[String(target.dropFirst()) + ".md"]
                    ?? byPath[String(target.dropFirst()) + "/_index.md"]
            {
                return found
            }
            return nil
        }
        // Relative to the file, then to the page's web address (a pretty URL is one folder deeper).
        let isIndex = ["index", "_index", "README", "readme"].contains(stem.split(separator: "/").last.map(String.init) ?? "")
        let pageFolders = [MkDocsNavigation.folder(of: sourcePath), MkDocsNavigation.folder(of: stem), isIndex ? nil : stem].compactMap { $0 }
        for base in pageFolders {
            guard let joined = Self.join(base, target) else { continue }
            if let found = byPath[joined] ?? byAddress["/" + joined] ?? byAddress[Self.normalise("/" + joined)] { return found }
            if hugoRef, let found = byPath[joined + ".md"] ?? byPath[joined + "/_index.md"] ?? byPath[joined + "/index.md"] { return found }
        }
        if hugoRef, let found = byPath[target] ?? byPath[target + ".md"] ?? byBaseName[target] ?? nil { return found }
        return nil
    }

    /// `a/b/c.md` from `a/x/y.md` -> `../b/c.md`.
    static func relative(from newPath: String, to target: String) -> String {
        let from = newPath.split(separator: "/").dropLast()
        let to = target.split(separator: "/")
        var common = 0
        while common < from.count, common < to.count - 1, from[from.startIndex + common] == to[common] { common += 1 }
        let ups = Array(repeating: "..", count: from.count - common)
        return (ups + to[common...].map(String.init)).joined(separator: "/")
    }

    static func stem(_ path: String) -> String {
        for suffix in [".html.md.erb", ".html.md", ".md.erb", ".markdown", ".md"] where path.hasSuffix(suffix) { return String(path.dropLast(suffix.count)) }
        return path
    }

    /// A folder and a relative path, with `.` and `..` worked out; nil when it leaves the root.
    static func join(_ folder: String, _ relative: String) -> String? {
        var parts = folder.split(separator: "/").map(String.init)
        for part in relative.split(separator: "/", omittingEmptySubsequences: false).map(String.init) {
            switch part {
            case ".", "": continue
            case "..": if parts.isEmpty { return nil } else { parts.removeLast() }
            default: parts.append(part)
            }
        }
        return parts.joined(separator: "/") + (relative.hasSuffix("/") && !parts.isEmpty ? "/" : "")
    }

    /// `/a//b/` stays `/a/b/`; `/a/b/index.html` -> `/a/b/`.
    static func normalise(_ address: String) -> String {
        var text = "/" + address.split(separator: "/").joined(separator: "/")
        if address.hasSuffix("/") && text != "/" { text += "/" }
        if text.hasSuffix("/index.html") { text = String(text.dropLast("index.html".count)) }
        return text
    }
}
