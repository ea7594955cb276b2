/// The section tree: every folder is a section introduced by its index page; pages sort by
/// `order`, then title. Pages are referred to by their index in `pages`.
public struct SiteTree: Sendable {
    public let pages: [SourcePage]
    /// The home page (content/index.md).
    public let root: Int
    /// For each page, the section index page it sits under (nil for the home page).
    public let parent: [Int?]
    /// For each section index page, its pages and subsections in order.
    public let children: [[Int]]
    /// Depth first through the tree: a section's index, then its children.
    public let readingOrder: [Int]
    /// Position of each page in `readingOrder`.
    public let readingPosition: [Int]

    /// Pages the reading order does not reach: none in a tree the loader made, but the code that must
    /// see every page (parsing, the index's fingerprints) does not count on it.
    public var pagesOutsideReadingOrder: [Int] {
        var inOrder = [Bool](repeating: false, count: pages.count)
        for index in readingOrder { inOrder[index] = true }
        return pages.indices.filter { !inOrder[$0] }
    }

    public init(pages: [SourcePage]) {
        self.pages = pages
        var indexByFolder: [String: Int] = [:]
        for (index, page) in pages.enumerated() where page.isSectionIndex {
            indexByFolder[page.outputFolder] = index
        }
        guard let root = indexByFolder[""] else { preconditionFailure("the loader always provides a home page") }
        self.root = root
        var parent = [Int?](repeating: nil, count: pages.count)
        var children = [[Int]](repeating: [], count: pages.count)
        for (index, page) in pages.enumerated() where index != root {
            let parentFolder = page.isSectionIndex ? OutputPath.folder(of: page.outputFolder) : page.outputFolder
            guard let parentIndex = indexByFolder[parentFolder] else { preconditionFailure("the loader always provides section pages") }
            parent[index] = parentIndex
            children[parentIndex].append(index)
        }
        for index in children.indices where children[index].count > 1 {
            children[index].sort { Self.precedes(pages[$0], pages[$1]) }
        }
        self.parent = parent
        self.children = children
        var order: [Int] = []
        order.reserveCapacity(pages.count)
        var stack = [root]
        while let next = stack.popLast() {
            order.append(next)
            stack.append(contentsOf: children[next].reversed())
        }
        self.readingOrder = order
        var position = [Int](repeating: 0, count: pages.count)
        for (offset, index) in order.enumerated() { position[index] = offset }
        self.readingPosition = position
    }

    static func precedes(_ lhs: SourcePage, _ rhs: SourcePage) -> Bool {
        let leftOrder = lhs.frontMatter.order ?? Int.max, rightOrder = rhs.frontMatter.order ?? Int.max
        if leftOrder != rightOrder { return leftOrder < rightOrder }
        let leftTitle = lhs.frontMatter.title.lowercased(), rightTitle = rhs.frontMatter.title.lowercased()
        if leftTitle != rightTitle { return leftTitle < rightTitle }
        return lhs.outputPath < rhs.outputPath
    }

    /// The section pages from the home page down to the page's parent.
    public func ancestors(of page: Int) -> [Int] {
        var chain: [Int] = []
        var current = parent[page]
        while let next = current {
            chain.append(next)
            current = parent[next]
        }
        return chain.reversed()
    }

    public func previous(of page: Int) -> Int? {
        let position = readingPosition[page]
        return position > 0 ? readingOrder[position - 1] : nil
    }

    public func next(of page: Int) -> Int? {
        let position = readingPosition[page]
        return position + 1 < readingOrder.count ? readingOrder[position + 1] : nil
    }
}
