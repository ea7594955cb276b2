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
    /// The top-level sections' print editions (`print/building-the-work-group.html`) and how many
    /// pages each holds; empty for a theme without a print template.
    let sectionEditions: [String: Int]

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
        // A section page whose own text links to every page in it already lists them (the home page's
        // "Sections"): the generated list would say it all again.
        let listsChildrenItself = tree.children[index].allSatisfy { graph.backlinks[$0].contains(index) }
        context["hasSectionPages"] = !tree.children[index].isEmpty && !listsChildrenItself
        if let previous = navigation.previous { context["previous"] = link(to: previous, from: page.outputPath) }
        if let next = navigation.next { context["next"] = link(to: next, from: page.outputPath) }
        context["hasPagination"] = navigation.previous != nil || navigation.next != nil
        if page.frontMatter.isGlossary {
            let letters = glossaryLetters(for: index)
            context["glossaryLetters"] = letters
            context["hasGlossaryLetters"] = letters.contains { $0["hasID"] as? Bool == true }
        }
        return context
    }

    func context(for generated: GeneratedPage, bodyHTML: String, sidebarHTML: String) -> [String: Any] {
        var context = commonContext(outputPath: generated.outputPath, bodyHTML: bodyHTML)
        context["page"] =
            [
                "title": generated.title, "summary": generated.summary, "hasSummary": !generated.summary.isEmpty,
                "isGenerated": true, "fileName": generated.outputPath, "meta": [String: Any](),
                "isWide": generated.isWide,
                "isChecklistsPage": generated.outputPath == GeneratedPages.checklistsPath,
            ] as [String: Any]
        context["sidebar"] = sidebarHTML
        context["breadcrumbs"] = [crumb(to: tree.root, from: generated.outputPath)]
        context["hasBreadcrumbs"] = true
        return context
    }

    private func commonContext(outputPath: String, bodyHTML: String) -> [String: Any] {
        ["site": siteContext(from: outputPath), "content": bodyHTML]
    }

    static let accessibilityStatementPath = "accessibility.html"

    /// The URL of a file of the site from a page: relative, except from 404.html when `base_url` is
    /// set (a server shows that page at any missing address, in any folder).
    func url(to targetPath: String, from outputPath: String) -> String {
        if outputPath == GeneratedPages.notFoundPath, let base = configuration.baseURL { return base + targetPath }
        return OutputPath.relativeURL(from: outputPath, to: targetPath)
    }

    func siteContext(from outputPath: String) -> [String: Any] {
        let depth = outputPath.filter { $0 == "/" }.count
        var up = String(repeating: "../", count: depth)
        if outputPath == GeneratedPages.notFoundPath, let base = configuration.baseURL { up = base }
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
            // content/accessibility.md, the guide's accessibility statement, linked from every page's footer.
            "hasAccessibilityStatement": tree.children[tree.root].contains { tree.pages[$0].outputPath == Self.accessibilityStatementPath },
            "accessibilityURL": up + Self.accessibilityStatementPath,
            "brandStyle": configuration.colours.styleSheet,
            "hasBrandStyle": !configuration.colours.isEmpty,
        ].merging(brandContext(up: up)) { first, _ in first }
    }

    /// The council's logo and style sheet, only when guidebook.yml names them (a missing key is
    /// false to Mustache; a nil in the dictionary would render as the text "nil").
    private func brandContext(up: String) -> [String: Any] {
        var context: [String: Any] = [:]
        if let logo = configuration.logo {
            context["logoURL"] = up + BrandFiles.sitePath(of: logo)
            context["logoAlt"] = configuration.logoAlt ?? (configuration.organisation.isEmpty ? configuration.title : configuration.organisation) + " home page"
        }
        if let stylesheet = configuration.stylesheet { context["stylesheetURL"] = up + BrandFiles.sitePath(of: stylesheet) }
        return context
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
        if let email = frontMatter.ownerEmail ?? frontMatter.owner.flatMap({ FrontMatter.isEmailAddress($0) ? $0 : nil }) {
            context["ownerEmail"] = email
        }
        if let reviewed = frontMatter.reviewed?.value {
            context["reviewed"] = ["iso": reviewed.description, "text": DisplayDate.text(reviewed)]
        }
        if let reviewBy = frontMatter.reviewBy?.value {
            context["reviewBy"] = ["iso": reviewBy.description, "text": DisplayDate.text(reviewBy)]
        }
        if let updated = lastUpdated[index] {
            context["lastUpdated"] = ["iso": DisplayDate.iso(updated), "text": DisplayDate.text(updated)]
        }
        context["hasDetails"] = frontMatter.owner != nil || frontMatter.reviewed != nil || frontMatter.reviewBy != nil || lastUpdated[index] != nil
        // "Back to top" where the page is long enough to need it: several sections. Judged by headings
        // only, never by the length of the text: an edit to the text alone must leave the rest of the
        // page as it was (the build cache rewrites only the body).
        context["isLong"] = outlines[index].headings.filter { $0.level == 2 }.count >= 3
        if let editURL = configuration.editURL, !page.isGenerated {
            context["editURL"] = editURL + page.sourcePath
        }
        if let edition = PrintEdition.sectionPath(ofPageAt: page.outputPath), let pageCount = sectionEditions[edition] {
            let section = tree.ancestors(of: index).dropFirst().first ?? index
            context["printSection"] = [
                "url": up + edition, "title": tree.pages[section].frontMatter.title, "pageCount": pageCount,
                "pageCountText": pageCount == 1 ? "1 page" : "\(DisplayNumber.grouped(pageCount)) pages",
            ]
        }
        return context
    }

    func link(to target: Int, from outputPath: String) -> [String: Any] {
        // Field by field, not the whole page copied (every field retained and released): this
        // runs for every item of every list on every page.
        let summary = tree.pages[target].frontMatter.summary ?? ""
        return [
            "title": tree.pages[target].frontMatter.title,
            "url": url(to: tree.pages[target].outputPath, from: outputPath),
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
        return [
            "site": siteContext(from: outputPath),
            "nav": tree.navigation(for: index).sidebar.map { navItem($0, from: outputPath, markingCurrent: markingCurrent) },
        ]
    }

    /// Generated pages show the top-level sections, none of them current.
    func sidebarContext(for generated: GeneratedPage) -> [String: Any] {
        [
            "site": siteContext(from: generated.outputPath),
            "nav": tree.children[tree.root].map { index -> [String: Any] in
                var item = link(to: index, from: generated.outputPath)
                item["children"] = [Any]()
                return item
            },
        ]
    }

    private func navItem(_ item: PageNavigation.Item, from outputPath: String, markingCurrent: Bool) -> [String: Any] {
        if item.leftOut > 0 {
            let pages = item.leftOut == 1 ? "1 page" : "\(DisplayNumber.grouped(item.leftOut)) pages"
            return [
                "isMore": true,
                "title": "\(item.isBefore ? "\(pages) before these" : "\(pages) more"): see \(tree.pages[item.page].frontMatter.title)",
                "url": url(to: tree.pages[item.page].outputPath, from: outputPath),
            ]
        }
        return [
            "title": tree.pages[item.page].frontMatter.title,
            "url": url(to: tree.pages[item.page].outputPath, from: outputPath),
            "isCurrent": markingCurrent ? SidebarCache.marker(for: item.page) : item.isCurrent,
            "isExpanded": item.isExpanded,
            "children": item.children.map { navItem($0, from: outputPath, markingCurrent: markingCurrent) },
        ]
    }

    /// A to Z for a glossary page: each letter, with the id of the first entry (`##` heading) under it.
    private func glossaryLetters(for index: Int) -> [[String: Any]] {
        var first: [Character: String] = [:]
        for heading in outlines[index].headings where heading.level == 2 {
            let folded = heading.text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).uppercased()
            guard let letter = folded.first(where: { $0.isLetter || $0.isNumber }), first[letter] == nil else { continue }
            first[letter] = heading.id
        }
        return "ABCDEFGHIJKLMNOPQRSTUVWXYZ".map { letter in
            ["letter": String(letter), "id": first[letter] ?? "", "hasID": first[letter] != nil]
        }
    }

    private func tableOfContents(for index: Int) -> [[String: Any]] {
        outlines[index].headings.filter { $0.level == 2 || $0.level == 3 }.map {
            ["id": $0.id, "text": $0.text, "isSubheading": $0.level == 3]
        }
    }
}
