/// The pages Guidebook adds to every site.
enum GeneratedPages {
    static let checklistsPath = "checklists.html"
    static let searchPath = "search.html"

    /// The search page: all results for `search.html?q=...`, filled in by search.js.
    static func search() -> GeneratedPage {
        GeneratedPage(outputPath: searchPath, title: "Search", summary: "", templateName: "search", context: [:])
    }

    /// "My checklists": every checklist in the guide, grouped by top-level section in reading order.
    /// Progress is filled in by checklists.js from the reader's stored ticks.
    static func checklists(tree: SiteTree, checklists: [[Checklist]]) -> GeneratedPage {
        var groups: [(title: String, id: String, entries: [[String: any Sendable]])] = []
        var groupIndex: [Int: Int] = [:]
        for page in tree.readingOrder where !checklists[page].isEmpty {
            let ancestors = tree.ancestors(of: page)
            let top = ancestors.count > 1 ? ancestors[1] : page
            if groupIndex[top] == nil {
                groupIndex[top] = groups.count
                let title = top == tree.root ? "Home" : tree.pages[top].frontMatter.title
                groups.append((title, "mc-\(tree.pages[top].outputPath.dropLast(5).replacingOccurrences(of: "/", with: "-"))", []))
            }
            let pageURL = OutputPath.relativeURL(from: checklistsPath, to: tree.pages[page].outputPath)
            for checklist in checklists[page] {
                groups[groupIndex[top]!].entries.append([
                    "id": checklist.id,
                    "title": checklist.title,
                    "url": "\(pageURL)#\(checklist.elementID)",
                    "pageTitle": tree.pages[page].frontMatter.title,
                    "items": checklist.items.map(\.id).joined(separator: " "),
                    "checkedByDefault": checklist.items.filter(\.isChecked).map(\.id).joined(separator: " "),
                    "itemCount": checklist.items.count,
                    "itemCountText": checklist.items.count == 1 ? "1 item" : "\(checklist.items.count) items",
                ])
            }
        }
        let context: [String: any Sendable] = [
            "groups": groups.map { ["title": $0.title, "id": $0.id, "checklists": $0.entries] as [String: any Sendable] },
            "hasChecklists": !groups.isEmpty,
        ]
        return GeneratedPage(outputPath: checklistsPath, title: "My checklists",
                             summary: "Every checklist in this guide, with your progress kept in this browser.",
                             templateName: "checklists", context: context)
    }
}
