import Testing

@testable import GuidebookKit

struct SiteTreeTests {
    func page(_ path: String, _ title: String, order: Int? = nil) -> SourcePage {
        SourcePage(
            sourcePath: "content/" + path, contentPath: path, outputPath: try! OutputPath.map(contentPath: path).get(),
            frontMatter: FrontMatter(title: title, order: order), body: "", bodyFirstLine: 1)
    }

    var tree: SiteTree {
        SiteTree(pages: [
            page("section/beta.md", "Beta", order: 2),
            page("index.md", "Home"),
            page("last.md", "Last", order: 3),
            page("section/index.md", "A section", order: 2),
            page("section/alpha.md", "Alpha", order: 1),
            page("first.md", "First", order: 1),
            page("section/deeper/index.md", "Deeper", order: 3),
            page("section/deeper/gamma.md", "Gamma"),
            page("section/unordered-b.md", "Zebra"),
            page("section/unordered-a.md", "apple"),
        ])
    }

    func titles(_ indices: [Int], in tree: SiteTree) -> [String] { indices.map { tree.pages[$0].frontMatter.title } }

    @Test func readingOrderIsDepthFirstByOrderThenTitle() {
        let tree = tree
        #expect(titles(tree.readingOrder, in: tree) == ["Home", "First", "A section", "Alpha", "Beta", "Deeper", "Gamma", "apple", "Zebra", "Last"])
    }

    @Test func previousAndNextFollowReadingOrder() throws {
        let tree = tree
        let gamma = try #require(tree.pages.firstIndex { $0.frontMatter.title == "Gamma" })
        #expect(tree.previous(of: gamma).map { tree.pages[$0].frontMatter.title } == "Deeper")
        #expect(tree.next(of: gamma).map { tree.pages[$0].frontMatter.title } == "apple")
        #expect(tree.previous(of: tree.root) == nil)
    }

    @Test func sidebarShowsTopLevelAndThePathToTheCurrentPageOnly() throws {
        let tree = tree
        let gamma = try #require(tree.pages.firstIndex { $0.frontMatter.title == "Gamma" })
        let navigation = tree.navigation(for: gamma)
        #expect(titles(navigation.sidebar.map(\.page), in: tree) == ["First", "A section", "Last"])
        let section = navigation.sidebar[1]
        #expect(section.isExpanded)
        #expect(navigation.sidebar[0].children.isEmpty)
        let deeper = try #require(section.children.first { tree.pages[$0.page].frontMatter.title == "Deeper" })
        #expect(deeper.children.map(\.isCurrent) == [true])
        #expect(titles(navigation.breadcrumbs, in: tree) == ["Home", "A section", "Deeper"])
    }

    @Test func sidebarSizeDoesNotGrowWithOtherSections() {
        var pages = [page("index.md", "Home")]
        for section in 0..<50 {
            pages.append(page("s\(section)/index.md", "Section \(section)", order: section))
            for item in 0..<40 { pages.append(page("s\(section)/p\(item).md", "Page \(item)", order: item)) }
        }
        let tree = SiteTree(pages: pages)
        let navigation = tree.navigation(for: 5)
        func count(_ items: [PageNavigation.Item]) -> Int { items.reduce(items.count) { $0 + count($1.children) } }
        #expect(count(navigation.sidebar) == 50 + 40, "top-level sections plus the current section's pages, of 2,051 pages")
    }
}
