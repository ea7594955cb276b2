import Foundation
import GuidebookMarkdown

/// The typed facts about one page, turned into the dictionary the theme's Mustache templates read.
/// Documented for theme authors in README ("Themes").
struct PageContextBuilder: Sendable {
    let tree: SiteTree
    let configuration: SiteConfiguration
    let outlines: [MarkdownOutline]
    let checklists: [[Checklist]]
    /// Output paths of the generated pages the theme can link to (`checklists.html`).
    let generatedPaths: Set<String>
    /// The search index's manifest, relative to the site root.
    let searchManifestPath: String
    let graph: LinkGraph
    /// Per page, when it last changed (nil when unknown).
    let lastUpdated: [Date?]
    let today: CalendarDate

    func context(for index: Int, bodyHTML: String, sidebarHTML: String) -> [String: Any] {
        let page = tree.pages[index]
        let navigation = tree.navigation(for: index)
        let isHome = index == tree.root
        var context = commonContext(outputPath: page.outputPath, bodyHTML: bodyHTML)
        context["page"] = pageContext(page, index: index, isHome: isHome)
        context["sidebar"] = sidebarHTML
        context["breadcrumbs"] = navigation.breadcrumbs.map { crumb(to: $0, from: page.outputPath) }
        context["hasBreadcrumbs"] = !isHome
        let toc = tableOfContents(for: index)
        context["toc"] = toc
        context["hasToc"] = !toc.isEmpty
        context["backlinks"] = graph.backlinks[index].map { link(to: $0, from: page.outputPath) }
        context["hasBacklinks"] = !graph.backlinks[index].isEmpty
        context["related"] = graph.related[index].map { link(to: $0, from: page.outputPath) }
        context["hasRelated"] = !graph.related[index].isEmpty
        context["sectionPages"] = tree.children[index].map { link(to: $0, from: page.outputPath) }
        context["hasSectionPages"] = !tree.children[index].isEmpty
        if let previous = navigation.previous { context["previous"] = link(to: previous, from: page.outputPath) }
        if let next = navigation.next { context["next"] = link(to: next, from: page.outputPath) }
        context["hasPagination"] = navigation.previous != nil || navigation.next != nil
        return context
    }

    func context(for generated: GeneratedPage, bodyHTML: String, sidebarHTML: String) -> [String: Any] {
        var context = commonContext(outputPath: generated.outputPath, bodyHTML: bodyHTML)
        context["page"] = [
            "title": generated.title, "summary": generated.summary, "hasSummary": !generated.summary.isEmpty,
            "isGenerated": true, "fileName": generated.outputPath, "meta": [String: Any](),
        ] as [String: Any]
        context["sidebar"] = sidebarHTML
        context["breadcrumbs"] = [crumb(to: tree.root, from: generated.outputPath)]
        context["hasBreadcrumbs"] = true
        return context
    }

    private func commonContext(outputPath: String, bodyHTML: String) -> [String: Any] {
        ["site": siteContext(from: outputPath), "content": bodyHTML]
    }

    func siteContext(from outputPath: String) -> [String: Any] {
        let depth = outputPath.filter { $0 == "/" }.count
        let up = String(repeating: "../", count: depth)
        return [
            "title": configuration.title,
            "id": configuration.id,
            "organisation": configuration.organisation,
            "hasOrganisation": !configuration.organisation.isEmpty,
            "language": configuration.language,
            "root": up,
            "homeURL": up + "index.html",
            "searchManifest": searchManifestPath,
            "hasSearchPage": generatedPaths.contains(GeneratedPages.searchPath),
            "searchURL": up + GeneratedPages.searchPath,
            "assetsURL": up + "assets/",
            "hasChecklistsPage": generatedPaths.contains(GeneratedPages.checklistsPath),
            "hasTagsPage": generatedPaths.contains(GeneratedPages.tagsPath),
            "tagsURL": up + GeneratedPages.tagsPath,
            "hasStatusPage": generatedPaths.contains(GeneratedPages.statusPath),
            "hasPrintEdition": generatedPaths.contains(PrintEdition.path),
            "printURL": up + PrintEdition.path,
            "statusURL": up + GeneratedPages.statusPath,
            "checklistsURL": up + GeneratedPages.checklistsPath,
        ]
    }

    private func pageContext(_ page: SourcePage, index: Int, isHome: Bool) -> [String: Any] {
        let frontMatter = page.frontMatter
        var meta: [String: Any] = [:]
        for (key, value) in frontMatter.extra { meta[key] = value.templateValue }
        let up = String(repeating: "../", count: page.outputPath.filter { $0 == "/" }.count)
        var context: [String: Any] = [
            "title": frontMatter.title,
            "summary": frontMatter.summary ?? "",
            "hasSummary": !(frontMatter.summary ?? "").isEmpty,
            "tags": frontMatter.tags,
            "hasTags": !frontMatter.tags.isEmpty,
            "meta": meta,
            "isHome": isHome,
            "isSection": page.isSectionIndex,
            "isDraft": frontMatter.isDraft,
            "hasChecklists": !checklists[index].isEmpty,
            "fileName": page.outputPath.split(separator: "/").last.map(String.init) ?? page.outputPath,
            "sourcePath": page.sourcePath,
            "tagLinks": frontMatter.tags.map { ["name": $0, "url": up + GeneratedPages.tagsPath + "#" + GeneratedPages.tagAnchor($0)] },
            "isOverdue": ReviewCheck.isOverdue(page, today: today),
        ]
        if let owner = frontMatter.owner { context["owner"] = owner }
        if let reviewBy = frontMatter.reviewBy?.value {
            context["reviewBy"] = ["iso": reviewBy.description, "text": DisplayDate.text(reviewBy)]
        }
        if let updated = lastUpdated[index] {
            context["lastUpdated"] = ["iso": DisplayDate.iso(updated), "text": DisplayDate.text(updated)]
        }
        if let editURL = configuration.editURL, !page.isGenerated {
            context["editURL"] = editURL + page.sourcePath
        }
        return context
    }

    func link(to target: Int, from outputPath: String) -> [String: Any] {
        // Field by field, not the whole page copied (every field retained and released): this
        // runs for every item of every list on every page.
        let summary = tree.pages[target].frontMatter.summary ?? ""
        return [
            "title": tree.pages[target].frontMatter.title,
            "url": OutputPath.relativeURL(from: outputPath, to: tree.pages[target].outputPath),
            "summary": summary,
            "hasSummary": !summary.isEmpty,
            "isSection": tree.pages[target].isSectionIndex,
        ]
    }

    /// Breadcrumbs start at "Home" whatever the home page's title.
    private func crumb(to target: Int, from outputPath: String) -> [String: Any] {
        var context = link(to: target, from: outputPath)
        if target == tree.root { context["title"] = "Home" }
        return context
    }

    /// What the theme's sidebar template reads for a page: `site` and `nav`. With `markingCurrent`,
    /// every item's `isCurrent` marks its text for `SidebarCache` instead of being true or false.
    func sidebarContext(for index: Int, markingCurrent: Bool) -> [String: Any] {
        let outputPath = tree.pages[index].outputPath
        return ["site": siteContext(from: outputPath),
                "nav": tree.navigation(for: index).sidebar.map { navItem($0, from: outputPath, markingCurrent: markingCurrent) }]
    }

    /// Generated pages show the top-level sections, none of them current.
    func sidebarContext(for generated: GeneratedPage) -> [String: Any] {
        ["site": siteContext(from: generated.outputPath),
         "nav": tree.children[tree.root].map { index -> [String: Any] in
             var item = link(to: index, from: generated.outputPath)
             item["children"] = [Any]()
             return item
         }]
    }

    private func navItem(_ item: PageNavigation.Item, from outputPath: String, markingCurrent: Bool) -> [String: Any] {
        [
            "title": tree.pages[item.page].frontMatter.title,
            "url": OutputPath.relativeURL(from: outputPath, to: tree.pages[item.page].outputPath),
            "isCurrent": markingCurrent ? SidebarCache.marker(for: item.page) : item.isCurrent,
            "isExpanded": item.isExpanded,
            "children": item.children.map { navItem($0, from: outputPath, markingCurrent: markingCurrent) },
        ]
    }

    private func tableOfContents(for index: Int) -> [[String: Any]] {
        outlines[index].headings.filter { $0.level == 2 || $0.level == 3 }.map {
            ["id": $0.id, "text": $0.text, "isSubheading": $0.level == 3]
        }
    }
}
