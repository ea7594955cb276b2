/// A `SUMMARY.md` (mdBook, GitBook, MkDocs' literate-nav): the list of links is the reading order.
enum SummaryNavigation {
    static func read(_ text: String, into source: inout ImportSource) {
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            guard trimmed.hasPrefix("- ") || trimmed.hasPrefix("* ") || trimmed.first?.isNumber == true,
                let open = trimmed.firstIndex(of: "["), let close = trimmed[open...].firstIndex(of: "]"),
                trimmed[close...].dropFirst().first == "(",
                let end = trimmed[close...].firstIndex(of: ")")
            else { continue }
            let title = String(trimmed[trimmed.index(after: open)..<close])
            var path = String(trimmed[trimmed.index(close, offsetBy: 2)..<end])
            guard !path.contains("://"), !path.isEmpty else { continue }
            while path.hasPrefix("./") || path.hasPrefix("/") { path.removeFirst(path.hasPrefix("/") ? 1 : 2) }
            if path.hasSuffix("/") { path += "README.md" }
            source.navigation.append(path)
            source.navigationTitles[path] = title
        }
    }
}
