import GuidebookMarkdown

/// The typed facts about one page, turned into the dictionary the theme's Mustache templates read.
/// Documented for theme authors in README ("Themes").
struct PageContextBuilder {
    let tree: SiteTree
    let configuration: SiteConfiguration
    let outlines: [MarkdownOutline]

    func context(for index: Int, bodyHTML: String) -> [String: Any] {
        let page = tree.pages[index]
        let navigation = tree.navigation(for: index)
        let isHome = index == tree.root
        var context: [String: Any] = [
            "site": siteContext(from: page),
            "page": pageContext(page, isHome: isHome),
            "content": bodyHTML,
            "nav": navigation.sidebar.map { navItem($0, from: page) },
            "breadcrumbs": navigation.breadcrumbs.map { crumb(to: $0, from: page) },
            "hasBreadcrumbs": !isHome,
            "toc": tableOfContents(for: index),
            "sectionPages": tree.children[index].map { link(to: $0, from: page) },
        ]
        context["hasToc"] = !(context["toc"] as! [Any]).isEmpty
        context["hasSectionPages"] = !tree.children[index].isEmpty
        if let previous = navigation.previous { context["previous"] = link(to: previous, from: page) }
        if let next = navigation.next { context["next"] = link(to: next, from: page) }
        context["hasPagination"] = navigation.previous != nil || navigation.next != nil
        return context
    }

    private func siteContext(from page: SourcePage) -> [String: Any] {
        let depth = page.outputPath.filter { $0 == "/" }.count
        let up = String(repeating: "../", count: depth)
        return [
            "title": configuration.title,
            "organisation": configuration.organisation,
            "hasOrganisation": !configuration.organisation.isEmpty,
            "language": configuration.language,
            "homeURL": up + "index.html",
            "assetsURL": up + "assets/",
        ]
    }

    private func pageContext(_ page: SourcePage, isHome: Bool) -> [String: Any] {
        let frontMatter = page.frontMatter
        var meta: [String: Any] = [:]
        for (key, value) in frontMatter.extra { meta[key] = value.templateValue }
        return [
            "title": frontMatter.title,
            "summary": frontMatter.summary ?? "",
            "hasSummary": !(frontMatter.summary ?? "").isEmpty,
            "tags": frontMatter.tags,
            "hasTags": !frontMatter.tags.isEmpty,
            "meta": meta,
            "isHome": isHome,
            "isSection": page.isSectionIndex,
            "isDraft": frontMatter.isDraft,
            "fileName": page.outputPath.split(separator: "/").last.map(String.init) ?? page.outputPath,
            "sourcePath": page.sourcePath,
        ]
    }

    private func link(to target: Int, from page: SourcePage) -> [String: Any] {
        let targetPage = tree.pages[target]
        return [
            "title": targetPage.frontMatter.title,
            "url": OutputPath.relativeURL(from: page.outputPath, to: targetPage.outputPath),
            "summary": targetPage.frontMatter.summary ?? "",
            "hasSummary": !(targetPage.frontMatter.summary ?? "").isEmpty,
            "isSection": targetPage.isSectionIndex,
        ]
    }

    /// Breadcrumbs start at "Home" whatever the home page's title.
    private func crumb(to target: Int, from page: SourcePage) -> [String: Any] {
        var context = link(to: target, from: page)
        if target == tree.root { context["title"] = "Home" }
        return context
    }

    private func navItem(_ item: PageNavigation.Item, from page: SourcePage) -> [String: Any] {
        var context = link(to: item.page, from: page)
        context["isCurrent"] = item.isCurrent
        context["isExpanded"] = item.isExpanded
        context["children"] = item.children.map { navItem($0, from: page) }
        return context
    }

    private func tableOfContents(for index: Int) -> [[String: Any]] {
        outlines[index].headings.filter { $0.level == 2 || $0.level == 3 }.map {
            ["id": $0.id, "text": $0.text, "isSubheading": $0.level == 3]
        }
    }
}
