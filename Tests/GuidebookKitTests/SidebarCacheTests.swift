import Foundation
import GuidebookTestSupport
import Testing

@testable import GuidebookKit

struct SidebarCacheTests {
    static var site: TestSite {
        TestSite([
            "index.md": TestSite.page("Home", "Welcome."),
            "start.md": TestSite.page("Start here", order: 1),
            "governance/index.md": TestSite.page("Governance", order: 2),
            "governance/steering.md": TestSite.page("Steering groups", order: 1),
            "governance/boards.md": TestSite.page("Boards & <panels>", order: 2),
            "governance/roles/index.md": TestSite.page("Roles", order: 3),
            "governance/roles/chair.md": TestSite.page("Chair", order: 1),
            "staffing/index.md": TestSite.page("Staffing", order: 3),
            "staffing/recruitment.md": TestSite.page("Recruitment", order: 1),
        ])
    }

    func build(cachingSidebars: Bool) throws -> MemoryOutput {
        let output = MemoryOutput()
        var options = BuildOptions(themeSearchFolders: ThemeLoader.searchFolders(projectRoot: Self.site.input.root), today: TestSite.today)
        options.cachesSidebars = cachingSidebars
        let result = try SiteBuilder(options: options).build(Self.site.input, into: output)
        #expect(result.didWrite)
        return output
    }

    @Test func cachedSidebarsGiveTheSameBytesAsRenderingEachPage() throws {
        let cached = try build(cachingSidebars: true)
        let uncached = try build(cachingSidebars: false)
        #expect(cached.files.count > 9)
        for (path, data) in uncached.files {
            #expect(cached.files[path] == data, "\(path) differs")
        }
    }

    @Test func eachPageMarksOnlyItselfCurrent() throws {
        let output = try build(cachingSidebars: true)
        for (path, file) in [("governance/roles/chair.html", "chair.html"), ("governance/index.html", "index.html"), ("start.html", "start.html")] {
            let html = try #require(output.text(at: path))
            let nav = try #require(Self.sidebar(in: html))
            #expect(nav.components(separatedBy: "aria-current=\"page\"").count == 2, "\(path)")
            #expect(nav.contains("href=\"\(file)\" aria-current=\"page\""), "\(path)")
        }
    }

    static func sidebar(in html: String) -> String? {
        guard let start = html.range(of: "<nav class=\"site-nav\""),
            let end = html.range(of: "</nav>", range: start.upperBound..<html.endIndex)
        else { return nil }
        return String(html[start.lowerBound..<end.upperBound])
    }

    @Test func selectKeepsOnlyTheCurrentPagesMarkedText() {
        let (o, c, e) = (String(SidebarCache.open), String(SidebarCache.close), String(SidebarCache.end))
        let marked = "<a\(o)3\(c) current\(e)>x</a><a\(o)4\(c) current\(e)>y</a><b\(o)4\(c)[\(o)5\(c)inner\(e)]\(e)>"
        #expect(SidebarCache.select(marked, current: 4) == "<a>x</a><a current>y</a><b[]>")
        #expect(SidebarCache.select(marked, current: 3) == "<a current>x</a><a>y</a><b>")
        #expect(SidebarCache.select(marked, current: 9) == "<a>x</a><a>y</a><b>")
    }
}
