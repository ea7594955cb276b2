/// What one page shows to move around the guide. Its size is bounded by the top-level sections
/// and the siblings along the current path, never by the whole guide.
public struct PageNavigation: Sendable, Hashable {
    public struct Item: Sendable, Hashable {
        public var page: Int
        public var isCurrent: Bool
        /// On the path to the current page: its children are shown.
        public var isExpanded: Bool
        public var children: [Item]
        /// Not 0: the item stands for this many pages of a long list left out of the sidebar, and links
        /// to `page`, the section page that lists them all; `isBefore` when they come before the ones shown.
        public var leftOut = 0
        public var isBefore = false
    }

    public var sidebar: [Item]
    public var breadcrumbs: [Int]
    public var previous: Int?
    public var next: Int?
}

extension SiteTree {
    public func navigation(for page: Int) -> PageNavigation {
        let path = Set(ancestors(of: page) + [page])
        func items(under parent: Int) -> [PageNavigation.Item] {
            let list = children[parent]
            let window = sidebarWindow(under: parent, along: path)
            var items = list[window].map(item)
            if window.lowerBound > 0 {
                items.insert(
                    PageNavigation.Item(page: parent, isCurrent: false, isExpanded: false, children: [], leftOut: window.lowerBound, isBefore: true), at: 0)
            }
            if window.upperBound < list.count {
                items.append(PageNavigation.Item(page: parent, isCurrent: false, isExpanded: false, children: [], leftOut: list.count - window.upperBound))
            }
            return items
        }
        func item(_ index: Int) -> PageNavigation.Item {
            let expanded = path.contains(index) && !children[index].isEmpty
            return PageNavigation.Item(
                page: index, isCurrent: index == page, isExpanded: expanded,
                children: expanded ? items(under: index) : [])
        }
        return PageNavigation(
            sidebar: items(under: root), breadcrumbs: ancestors(of: page),
            previous: previous(of: page), next: next(of: page))
    }

    /// A sidebar list longer than this shows only `sidebarWindowSize` of its pages, around the one on
    /// the current page's path, and links to the section page for the rest: a page's size stays
    /// bounded however many pages share its folder (a folder of thousands made every page list them all).
    public static let sidebarListLimit = 60
    public static let sidebarWindowSize = 31

    /// Which of `parent`'s children the sidebar lists, for a page whose path (it and its ancestors) is `path`.
    func sidebarWindow(under parent: Int, along path: Set<Int>) -> Range<Int> {
        let list = children[parent]
        guard list.count > Self.sidebarListLimit else { return list.indices }
        let focus = list.firstIndex(where: path.contains) ?? 0
        let start = max(0, min(focus - Self.sidebarWindowSize / 2, list.count - Self.sidebarWindowSize))
        return start..<(start + Self.sidebarWindowSize)
    }
}
