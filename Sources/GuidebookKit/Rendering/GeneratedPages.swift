import Foundation
import GuidebookMarkdown

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
                    "title": listTitle(checklist.title),
                    // The heading, not the list below it: the reader lands with the checklist's title in view.
                    "url": "\(pageURL)#\(checklist.headingID ?? checklist.elementID)",
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
        return GeneratedPage(
            outputPath: checklistsPath, title: "My checklists",
            summary: "Every checklist in this guide, with your progress kept in this browser.",
            templateName: "checklists", context: context)
    }
}

extension GeneratedPages {
    /// A checklist's title on My checklists, where every entry is a checklist: "Checklist: ten early
    /// tasks" is listed as "Ten early tasks".
    static func listTitle(_ title: String) -> String {
        for prefix in ["checklist:", "checklist -", "checklist –"] where title.lowercased().hasPrefix(prefix) {
            let rest = title.dropFirst(prefix.count).drop { $0 == " " }
            guard let first = rest.first else { return title }
            return first.uppercased() + rest.dropFirst()
        }
        return title
    }
}

extension GeneratedPages {
    static let tagsPath = "tags.html"
    static let statusPath = "status.html"

    static func tagAnchor(_ tag: String) -> String {
        "tag-" + HeadingIDGenerator.slug(tag)
    }

    /// Every tag with its pages.
    static func tags(tree: SiteTree, graph: LinkGraph) -> GeneratedPage {
        let tags: [[String: any Sendable]] = mergedTags(graph.tags, position: tree.readingPosition).map { entry in
            [
                "name": entry.tag, "id": tagAnchor(entry.tag),
                "pages": entry.pages.map { page -> [String: any Sendable] in
                    [
                        "title": tree.pages[page].frontMatter.title, "url": OutputPath.relativeURL(from: tagsPath, to: tree.pages[page].outputPath),
                        "summary": tree.pages[page].frontMatter.summary ?? "",
                    ]
                },
            ]
        }
        return GeneratedPage(
            outputPath: tagsPath, title: "Tags", summary: "The guide's pages by topic.", templateName: "tags",
            context: ["tags": tags, "hasTags": !tags.isEmpty])
    }

    /// One entry per tag whatever its case ("CAF" and "caf" share an anchor, so they are one tag), shown
    /// as most pages write it; its pages in reading order.
    static func mergedTags(_ tags: [(tag: String, pages: [Int])], position: [Int]) -> [(tag: String, pages: [Int])] {
        var merged: [(tag: String, pages: [Int])] = []
        var slot: [String: Int] = [:]
        var uses: [Int: Int] = [:]
        for entry in tags {
            let anchor = tagAnchor(entry.tag)
            guard let index = slot[anchor] else {
                slot[anchor] = merged.count
                uses[merged.count] = entry.pages.count
                merged.append(entry)
                continue
            }
            if entry.pages.count > uses[index]! {
                merged[index].tag = entry.tag
                uses[index] = entry.pages.count
            }
            merged[index].pages = Array(Set(merged[index].pages + entry.pages)).sorted { position[$0] < position[$1] }
        }
        return merged
    }

    /// For editors: every page with its owner, last change, review date and warnings.
    static func status(tree: SiteTree, lastUpdated: [Date?], today: CalendarDate, diagnostics: [Diagnostic]) -> GeneratedPage {
        let byPath = Dictionary(grouping: diagnostics.filter { $0.location != nil }, by: { $0.location!.path })
        let rows: [[String: any Sendable]] = tree.readingOrder.map { index in
            let page = tree.pages[index]
            let problems = (byPath[page.sourcePath] ?? []).map { "\($0.location!.line):\($0.location!.column) \($0.summary) [\($0.code.rawValue)]" }
            var row: [String: any Sendable] = [
                "title": page.frontMatter.title, "url": OutputPath.relativeURL(from: statusPath, to: page.outputPath),
                "sourcePath": page.sourcePath, "owner": page.frontMatter.owner ?? "",
                "reviewBy": page.frontMatter.reviewBy.map { DisplayDate.text($0.value) } ?? "",
                "reviewByISO": page.frontMatter.reviewBy.map { $0.value.description } ?? "",
                "reviewed": page.frontMatter.reviewed.map { DisplayDate.text($0.value) } ?? "",
                "reviewedISO": page.frontMatter.reviewed.map { $0.value.description } ?? "",
                "isOverdue": ReviewCheck.isOverdue(page, today: today),
                "problems": problems, "hasProblems": !problems.isEmpty,
            ]
            if let updated = lastUpdated[index] {
                row["lastUpdated"] = DisplayDate.text(updated)
                row["lastUpdatedISO"] = DisplayDate.iso(updated)
            }
            return row
        }
        let overdue = rows.filter { $0["isOverdue"] as? Bool == true }.count
        return GeneratedPage(
            outputPath: statusPath, title: "Content status",
            summary: "For editors: who owns each page, when it last changed and when it is due for review.",
            templateName: "status",
            context: [
                "rows": rows, "builtOn": DisplayDate.text(today), "builtOnISO": today.description, "overdueCount": overdue,
                "pageCount": rows.count,
            ],
            isWide: true)
    }
}

extension GeneratedPages {
    /// A print edition: its pages in print order (`PrintEdition.editions`), each as a section. `body`
    /// gives what the template shows for a page's body (a marker `PrintEditionWriter` replaces with the
    /// body rendered by `PrintDecorator`). A section's edition shows each page's place below the section.
    static func print(edition: PrintEdition, tree: SiteTree, body: (Int) -> any Sendable) -> GeneratedPage {
        let sections: [[String: any Sendable]] = edition.pages.enumerated().map { number, index in
            let page = tree.pages[index]
            let breadcrumb = tree.ancestors(of: index).dropFirst(edition.section == nil ? 1 : 2).map { tree.pages[$0].frontMatter.title }
                .joined(separator: " › ")
            return [
                "id": PrintEdition.anchor(page: page), "title": page.frontMatter.title, "number": number + 1,
                "summary": page.frontMatter.summary ?? "", "hasSummary": !(page.frontMatter.summary ?? "").isEmpty, "body": body(index),
                "breadcrumb": breadcrumb, "hasBreadcrumb": !breadcrumb.isEmpty,
            ]
        }
        var context: [String: any Sendable] = ["sections": sections]
        var title = "Print edition"
        if let section = edition.section {
            let sectionTitle = tree.pages[section].frontMatter.title
            title = "\(sectionTitle): print edition"
            context["edition"] =
                [
                    "isSection": true, "title": sectionTitle, "pageCount": edition.pages.count,
                    "sectionURL": OutputPath.relativeURL(from: edition.outputPath, to: tree.pages[section].outputPath),
                    "wholeURL": OutputPath.relativeURL(from: edition.outputPath, to: PrintEdition.path),
                ] as [String: any Sendable]
        }
        return GeneratedPage(
            outputPath: edition.outputPath, title: title, summary: "", templateName: "print", context: context, isStandalone: true)
    }
}

extension GeneratedPages {
    static let notFoundPath = "404.html"

    /// What a web server (and `guidebook serve`) shows for a missing page.
    static func notFound() -> GeneratedPage {
        GeneratedPage(outputPath: notFoundPath, title: "Page not found", summary: "", templateName: "404", context: [:])
    }
}
