import Foundation
import GuidebookTestSupport
import Testing

@testable import GuidebookKit

/// A folder of thousands of pages (issue 24, item 7): each page's sidebar lists a bounded window of
/// its siblings around it and links to the section page for the rest, so a page's size does not grow
/// with its folder (before, every page listed all its siblings: 5,000 pages made each page 250 KB).
struct LargeFolderTests {
    static let pageCount = 5_000

    static func site() -> TestSite {
        var files = [
            "index.md": "---\ntitle: Home\nsummary: Home.\n---\n\nSee [the commands](common/index.md).\n",
            "common/index.md": "---\ntitle: Common commands\nsummary: Every command.\n---\n\nEvery command, A to Z.\n",
        ]
        for number in 0..<pageCount {
            let name = String(format: "cmd%04d", number)
            files["common/\(name).md"] = "---\ntitle: \(name)\nsummary: What \(name) does.\n---\n\n## Usage\n\nRun \(name) with a file name.\n"
        }
        return TestSite(files)
    }

    @Test func everyPageIsBoundedWhateverTheFolderSize() throws {
        let (result, output) = try Self.site().build()
        #expect(result.errorCount == 0)
        let pages = output.files.filter { $0.key.hasPrefix("common/cmd") }
        #expect(pages.count == Self.pageCount)
        let largest = try #require(pages.values.map(\.count).max())
        #expect(largest < 12_000, "largest page \(largest) bytes")
        for name in ["cmd0000", "cmd2500", "cmd4999"] {
            let html = try #require(output.text(at: "common/\(name).html"))
            let nav = try #require(
                html.range(of: "<nav class=\"site-nav\"").flatMap { start in
                    html.range(of: "</nav>", range: start.upperBound..<html.endIndex).map { html[start.lowerBound..<$0.upperBound] }
                })
            let items = nav.components(separatedBy: "<li").count - 1
            // The section itself, the window of its pages, and at most two "more" links.
            #expect(items <= 1 + SiteTree.sidebarWindowSize + 2, "\(name): \(items) items")
            #expect(nav.contains("<a href=\"\(name).html\" aria-current=\"page\">"), "\(name) is listed and current")
            #expect(nav.contains("class=\"nav-more\"><a href=\"index.html\">"), "\(name) links to the section page for the rest")
        }
        let middle = try #require(output.text(at: "common/cmd2500.html"))
        let before = 2_500 - SiteTree.sidebarWindowSize / 2, after = Self.pageCount - before - SiteTree.sidebarWindowSize
        #expect(middle.contains("\(DisplayNumber.grouped(before)) pages before these: see Common commands"))
        #expect(middle.contains("\(DisplayNumber.grouped(after)) pages more: see Common commands"))
        // The section page still lists every page.
        let section = try #require(output.text(at: "common/index.html"))
        #expect(section.components(separatedBy: "href=\"cmd").count - 1 >= Self.pageCount)
    }

    @Test func shortListsAreShownWhole() {
        func page(_ path: String) -> SourcePage {
            SourcePage(
                sourcePath: "content/" + path, contentPath: path, outputPath: try! OutputPath.map(contentPath: path).get(),
                frontMatter: FrontMatter(title: path), body: "", bodyFirstLine: 1)
        }
        let tree = SiteTree(pages: [page("index.md"), page("section/index.md")] + (0..<10).map { page("section/p\($0).md") })
        let section = tree.children[tree.root][0]
        #expect(tree.sidebarWindow(under: section, along: []) == tree.children[section].indices)
        #expect(tree.navigation(for: 5).sidebar[0].children.allSatisfy { $0.leftOut == 0 })
    }
}
