/// What one page shows to move around the guide. Its size is bounded by the top-level sections
/// and the siblings along the current path, never by the whole guide.
public struct PageNavigation: Sendable, Hashable {
    public struct Item: Sendable, Hashable {
        public var page: Int
        public var isCurrent: Bool
        /// On the path to the current page: its children are shown.
        public var isExpanded: Bool
        public var children: [Item]
    }

    public var sidebar: [Item]
    public var breadcrumbs: [Int]
    public var previous: Int?
    public var next: Int?
}

extension SiteTree {
    public func navigation(for page: Int) -> PageNavigation {
        let path = Set(ancestors(of: page) + [page])
        func item(_ index: Int) -> PageNavigation.Item {
            let expanded = path.contains(index) && !children[index].isEmpty
            return PageNavigation.Item(
                page: index, isCurrent: index == page, isExpanded: expanded,
                children: expanded ? children[index].map(item) : [])
        }
        return PageNavigation(
            sidebar: children[root].map(item), breadcrumbs: ancestors(of: page),
            previous: previous(of: page), next: next(of: page))
    }
}
