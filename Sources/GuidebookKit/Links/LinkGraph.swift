/// The links between pages, once every link is resolved: who links to each page, what is
/// related to it (by `related:` and by shared tags), and the pages under each tag.
public struct LinkGraph: Sendable {
    /// Per page, the pages that link to it, in reading order.
    public var backlinks: [[Int]]
    /// Per page, `related:` pages first, then pages sharing the most tags (at most `relatedLimit` in all).
    public var related: [[Int]]
    /// Tags in alphabetical order, each with its pages in reading order.
    public var tags: [(tag: String, pages: [Int])]

    static let relatedLimit = 6
    static let tagNeighbours = 25

    /// `links[page]` are the pages `page` links to; `declaredRelated[page]` its resolved `related:` entries.
    public init(tree: SiteTree, links: [[Int]], declaredRelated: [[Int]]) {
        let pages = tree.pages
        let position = tree.readingPosition
        var incoming = [Set<Int>](repeating: [], count: pages.count)
        for (source, targets) in links.enumerated() {
            for target in targets where target != source { incoming[target].insert(source) }
        }
        backlinks = incoming.map { $0.sorted { position[$0] < position[$1] } }

        var pagesByTag: [String: [Int]] = [:]
        for (index, page) in pages.enumerated() {
            for tag in Set(page.frontMatter.tags) { pagesByTag[tag, default: []].append(index) }
        }
        tags = pagesByTag.keys.sorted { $0.lowercased() < $1.lowercased() }.map { tag in
            (tag, pagesByTag[tag]!.sorted { position[$0] < position[$1] })
        }

        // A tag shared by thousands of pages would make this quadratic: each page counts shared tags
        // only with the pages nearest it in reading order within each tag.
        let placeInTag = Dictionary(
            uniqueKeysWithValues: tags.map { entry in
                (entry.tag, Dictionary(uniqueKeysWithValues: entry.pages.enumerated().map { ($1, $0) }))
            })
        let sortedByTag = Dictionary(uniqueKeysWithValues: tags.map { ($0.tag, $0.pages) })
        related = Array(pages.indices).concurrentMap { index in
            var chosen: [Int] = []
            for target in declaredRelated[index] where target != index && !chosen.contains(target) { chosen.append(target) }
            var shared: [Int: Int] = [:]
            for tag in Set(pages[index].frontMatter.tags) {
                guard let list = sortedByTag[tag], let place = placeInTag[tag]?[index] else { continue }
                let window = max(0, place - Self.tagNeighbours)...min(list.count - 1, place + Self.tagNeighbours)
                for other in list[window] where other != index { shared[other, default: 0] += 1 }
            }
            // Most shared tags first, then reading order.
            let byTags = shared.sorted { ($1.value, position[$0.key]) < ($0.value, position[$1.key]) }
            for (other, _) in byTags where !chosen.contains(other) { chosen.append(other) }
            return Array(chosen.prefix(Self.relatedLimit))
        }
    }
}
