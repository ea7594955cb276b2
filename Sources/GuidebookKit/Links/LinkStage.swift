import GuidebookMarkdown

/// The Link stage: every link and `related:` entry resolved (a diagnostic for each that fails),
/// then the link graph and the glossary, once every page is parsed.
struct LinkedSite: Sendable {
    var tree: SiteTree
    /// Per page: link destination as written -> URL to write.
    var rewrites: [[String: String]]
    /// Per page: link destination as written -> URL inside the print edition (`#p-governance--steering-groups`).
    var printRewrites: [[String: String]]
    /// Per page in a top-level section: link destination as written -> URL inside its section's print
    /// edition: an anchor for a page in the section, `../governance.html#steering-groups` for one outside.
    var sectionPrintRewrites: [[String: String]]
    var graph: LinkGraph
    var glossary: Glossary
    var diagnostics: [Diagnostic]
    /// Content paths of the files under content/ that go into the site: those a page links to, and
    /// those kept in a folder named `assets`. Anything else left there (a tool's config, a source
    /// file, a draft spreadsheet) is reported and not published.
    var publishedAssets: Set<String>
}

enum LinkStage {
    static func link(pages: [SourcePage], outlines: [MarkdownOutline], content: LoadedContent, tree: SiteTree) -> LinkedSite {
        let resolver = LinkResolver(table: LinkTable(pages: pages, outlines: outlines, assets: content.assets, draftPaths: content.draftPaths), pages: pages)
        let outputOfAsset = Dictionary(content.assets.map { ($0.contentPath, $0.outputPath) }, uniquingKeysWith: { first, _ in first })
        let perPage = Array(pages.indices).concurrentMap { index in
            resolveLinks(ofPage: index, pages: pages, outline: outlines[index], resolver: resolver, outputOfAsset: outputOfAsset)
        }
        var diagnostics = perPage.flatMap(\.diagnostics)
        let usedAssets = Set(perPage.flatMap(\.usedAssets))
        let rewrites = perPage.map(\.rewrites), printRewrites = perPage.map(\.printRewrites)
        let sectionPrintRewrites = perPage.map(\.sectionPrintRewrites)
        let links = perPage.map(\.links), declaredRelated = perPage.map(\.declaredRelated)
        var published: Set<String> = []
        for asset in content.assets {
            if usedAssets.contains(asset.contentPath) || asset.contentPath.split(separator: "/").dropLast().contains("assets") {
                published.insert(asset.contentPath)
            } else {
                diagnostics.append(
                    .warning(
                        .unusedFile, "nothing links to this file, so it is not published",
                        at: SourceLocation(path: asset.sourcePath), notes: ["link to it from a page, keep it in a folder named 'assets', or delete it"]))
            }
        }
        return LinkedSite(
            tree: tree, rewrites: rewrites, printRewrites: printRewrites, sectionPrintRewrites: sectionPrintRewrites,
            graph: LinkGraph(tree: tree, links: links, declaredRelated: declaredRelated),
            glossary: Glossary.build(pages: pages, outlines: outlines), diagnostics: diagnostics, publishedAssets: published)
    }

    /// What one page's links and `related:` entries resolve to.
    struct PageLinks: Sendable {
        var rewrites: [String: String] = [:]
        var printRewrites: [String: String] = [:]
        var sectionPrintRewrites: [String: String] = [:]
        var links: [Int] = []
        var declaredRelated: [Int] = []
        var usedAssets: [String] = []
        var diagnostics: [Diagnostic] = []
    }

    static func resolveLinks(ofPage index: Int, pages: [SourcePage], outline: MarkdownOutline, resolver: LinkResolver, outputOfAsset: [String: String])
        -> PageLinks
    {
        let page = pages[index]
        var result = PageLinks()
        let sectionEdition = PrintEdition.sectionPath(ofPageAt: page.outputPath)
        // Positions become line and column only for links with a problem: that means splitting the page into lines.
        var source: SourceText?
        for link in outline.links {
            var resolved = resolver.resolve(link, onPage: index, at: SourceLocation(path: page.sourcePath))
            // The fragment as resolved: an anchor written as another tool makes ids is linked to Guidebook's.
            var written = link.destination
            if case .rewrite(let url) = resolved.resolution {
                result.rewrites[link.destination] = url
                written = url
            }
            if let target = resolved.targetPage {
                result.links.append(target)
                let fragment = LinkResolver.split(written).fragment
                let inside = "#" + PrintEdition.anchor(page: pages[target], fragment: fragment)
                result.printRewrites[link.destination] = inside
                if let sectionEdition {
                    let targetPath = pages[target].outputPath
                    result.sectionPrintRewrites[link.destination] =
                        PrintEdition.sectionPath(ofPageAt: targetPath) == sectionEdition
                        ? inside : OutputPath.relativeURL(from: sectionEdition, to: targetPath) + (fragment.map { "#" + $0 } ?? "")
                }
            } else if link.destination.hasPrefix("#") {
                result.printRewrites[link.destination] = "#" + PrintEdition.anchor(page: page, fragment: String(written.dropFirst()))
                if sectionEdition != nil { result.sectionPrintRewrites[link.destination] = result.printRewrites[link.destination] }
            } else if let asset = resolved.targetAsset, let output = outputOfAsset[asset] {
                result.printRewrites[link.destination] = OutputPath.relativeURL(from: PrintEdition.path, to: output)
                if let sectionEdition { result.sectionPrintRewrites[link.destination] = OutputPath.relativeURL(from: sectionEdition, to: output) }
            }
            if let asset = resolved.targetAsset { result.usedAssets.append(asset) }
            if resolved.problem != nil {
                let text = source ?? SourceText(page.body)
                source = text
                resolved.problem?.location = PageLocation.of(link.position, in: page, source: text)
                result.diagnostics.append(resolved.problem!)
                // Shown on the page by a build that keeps going: an error's link has no working target.
                if resolved.problem!.isError { result.rewrites[LinkProblem.key(link.destination)] = resolved.problem!.summary }
            }
        }
        for entry in page.frontMatter.related {
            let link = MarkdownLink(kind: .link, destination: entry.value, text: "", position: MarkdownPosition(line: 1, utf8Column: 1))
            let resolved = resolver.resolve(link, onPage: index, at: entry.location)
            if let problem = resolved.problem {
                var relatedProblem = problem
                relatedProblem.summary = "related page: " + problem.summary
                result.diagnostics.append(relatedProblem)
            } else if let target = resolved.targetPage {
                result.declaredRelated.append(target)
            } else {
                result.diagnostics.append(
                    .error(
                        .brokenLink, "related entry '\(entry.value)' is not a page of this guide", at: entry.location,
                        notes: ["list pages by the relative path of their .md file"]))
            }
        }
        return result
    }
}
