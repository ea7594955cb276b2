import GuidebookMarkdown

/// The Link stage: every link and `related:` entry resolved (a diagnostic for each that fails),
/// then the link graph and the glossary, once every page is parsed.
struct LinkedSite: Sendable {
    var tree: SiteTree
    /// Per page: link destination as written -> URL to write.
    var rewrites: [[String: String]]
    /// Per page: link destination as written -> URL inside the print edition (`#p-governance--steering-groups`).
    var printRewrites: [[String: String]]
    var graph: LinkGraph
    var glossary: Glossary
    var diagnostics: [Diagnostic]
}

enum LinkStage {
    static func link(pages: [SourcePage], outlines: [MarkdownOutline], content: LoadedContent) -> LinkedSite {
        let tree = SiteTree(pages: pages)
        let resolver = LinkResolver(table: LinkTable(pages: pages, outlines: outlines, assets: content.assets, draftPaths: content.draftPaths), pages: pages)
        var diagnostics: [Diagnostic] = []
        var rewrites = [[String: String]](repeating: [:], count: pages.count)
        var printRewrites = [[String: String]](repeating: [:], count: pages.count)
        var links = [[Int]](repeating: [], count: pages.count)
        var declaredRelated = [[Int]](repeating: [], count: pages.count)
        var usedAssets: Set<String> = []
        for (index, page) in pages.enumerated() {
            let source = SourceText(page.body)
            for link in outlines[index].links {
                let resolved = resolver.resolve(link, onPage: index, at: PageLocation.of(link.position, in: page, source: source))
                if case .rewrite(let url) = resolved.resolution { rewrites[index][link.destination] = url }
                if let target = resolved.targetPage {
                    links[index].append(target)
                    printRewrites[index][link.destination] = "#" + PrintEdition.anchor(page: pages[target], fragment: LinkResolver.split(link.destination).fragment)
                } else if link.destination.hasPrefix("#") {
                    printRewrites[index][link.destination] = "#" + PrintEdition.anchor(page: page, fragment: String(link.destination.dropFirst()))
                } else if let asset = resolved.targetAsset, let output = content.assets.first(where: { $0.contentPath == asset })?.outputPath {
                    printRewrites[index][link.destination] = OutputPath.relativeURL(from: PrintEdition.path, to: output)
                }
                if let asset = resolved.targetAsset { usedAssets.insert(asset) }
                if let problem = resolved.problem { diagnostics.append(problem) }
            }
            for entry in page.frontMatter.related {
                let link = MarkdownLink(kind: .link, destination: entry.value, text: "", position: MarkdownPosition(line: 1, utf8Column: 1))
                let resolved = resolver.resolve(link, onPage: index, at: entry.location)
                if let problem = resolved.problem {
                    var relatedProblem = problem
                    relatedProblem.summary = "related page: " + problem.summary
                    diagnostics.append(relatedProblem)
                } else if let target = resolved.targetPage {
                    declaredRelated[index].append(target)
                } else {
                    diagnostics.append(.error(.brokenLink, "related entry '\(entry.value)' is not a page of this guide", at: entry.location,
                                              notes: ["list pages by the relative path of their .md file"]))
                }
            }
        }
        for asset in content.assets where !usedAssets.contains(asset.contentPath) {
            diagnostics.append(.warning(.unusedFile, "nothing links to this file; it is copied into the site all the same",
                                        at: SourceLocation(path: asset.sourcePath), notes: ["link to it from a page, or delete it"]))
        }
        return LinkedSite(tree: tree, rewrites: rewrites, printRewrites: printRewrites, graph: LinkGraph(tree: tree, links: links, declaredRelated: declaredRelated),
                          glossary: Glossary.build(pages: pages, outlines: outlines), diagnostics: diagnostics)
    }
}
