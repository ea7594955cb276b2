import Foundation
import GuidebookTestSupport
import Testing

@testable import GuidebookKit

struct SiteBuilderTests {
    let generatedPages: Set<String> = ["checklists.html", "search.html", "tags.html", "status.html", "print.html", "404.html"]

    let basic = TestSite([
        "index.md": TestSite.page("Home", "Start at [Governance](governance.md) or [the section](building/index.md)."),
        "governance.md": TestSite.page("Governance", order: 2, "## Ten early tasks\n\n- [ ] Agree terms\n\nSee [staffing](building/staffing.md#who-to-hire)."),
        "building/index.md": TestSite.page("Building the work group", order: 1, "Pages below."),
        "building/staffing.md": TestSite.page("Staffing", "## Who to hire\n\nBack to [governance](../governance.md#ten-early-tasks)."),
    ])

    @Test func buildsEveryPageWithRelativeLinks() throws {
        let (result, output) = try basic.build()
        #expect(result.diagnostics.isEmpty)
        #expect(result.didWrite)
        #expect(
            Set(result.pagesWritten).subtracting(generatedPages) == [
                "index.html", "governance.html", "building/index.html", "building/staffing.html", "print/building.html",
            ])
        #expect(Set(result.pagesWritten).isSuperset(of: generatedPages))
        let staffing = try #require(output.text(at: "building/staffing.html"))
        #expect(staffing.contains("href=\"../governance.html#ten-early-tasks\""))
        #expect(staffing.contains("<link rel=\"stylesheet\" href=\"../assets/css/guidebook.css\">"))
        let governance = try #require(output.text(at: "governance.html"))
        #expect(governance.contains("href=\"building/staffing.html#who-to-hire\""))
        #expect(output.files["assets/css/guidebook.css"] != nil)
    }

    @Test func noInternalURLStartsWithASlashOrEndsInAFolder() throws {
        let (_, output) = try basic.build()
        let href = try NSRegularExpression(pattern: #"(?:href|src)="([^"]*)""#)
        for (path, data) in output.files where path.hasSuffix(".html") {
            let html = String(decoding: data, as: UTF8.self)
            for match in href.matches(in: html, range: NSRange(html.startIndex..., in: html)) {
                let url = String(html[Range(match.range(at: 1), in: html)!])
                if url.hasPrefix("http") || url.hasPrefix("#") { continue }
                #expect(!url.hasPrefix("/"), "\(path): \(url)")
                #expect(!url.hasSuffix("/"), "\(path): \(url)")
                #expect(url.split(separator: "#").first?.contains(".") == true, "\(path): \(url) must end in a file name")
            }
        }
    }

    @Test func currentPageIsMarkedAndNavigationIsPresent() throws {
        let (_, output) = try basic.build()
        let staffing = try #require(output.text(at: "building/staffing.html"))
        #expect(staffing.contains("<a href=\"staffing.html\" aria-current=\"page\">Staffing</a>"))
        #expect(staffing.contains("<nav class=\"breadcrumbs\" aria-label=\"Breadcrumb\">"))
        #expect(staffing.contains("rel=\"prev\" href=\"index.html\""))
        #expect(staffing.contains("rel=\"next\" href=\"../governance.html\""))
        #expect(staffing.contains("<a href=\"#who-to-hire\">Who to hire</a>"), "contents list of H2/H3")
        #expect(staffing.contains("<h2 id=\"who-to-hire\">"))
    }

    @Test func escapesFrontMatterInTemplates() throws {
        let site = TestSite(["index.md": TestSite.page("Home <script>alert(1)</script>", "Body")])
        let (_, output) = try site.build()
        let home = try #require(output.text(at: "index.html"))
        #expect(!home.contains("<script>alert(1)</script>"))
        #expect(home.contains("Home &lt;script&gt;alert(1)&lt;/script&gt;"))
    }

    /// `"` then a combining mark is one Character but still a quote to an HTML parser: escaping by
    /// Characters left it bare, and it ended the attribute it was in.
    @Test func quotesFollowedByCombiningMarksAreEscapedToo() throws {
        let summary = "x\u{22}\u{301} onmouseover=alert(1) \u{3C}\u{301}b\u{26}\u{301}"
        let site = TestSite(["index.md": TestSite.page("Home", "Body", extra: "summary: '\(summary)'\n")])
        let (_, output) = try site.build()
        let home = try #require(output.text(at: "index.html"))
        #expect(home.contains("<meta name=\"description\" content=\"x&quot;\u{301} onmouseover=alert(1) &lt;\u{301}b&amp;\u{301}\">"))
        #expect(HTMLEscaping.escape("a\u{22}\u{301}'<>&") == "a&quot;\u{301}&#39;&lt;&gt;&amp;")
        #expect(HTMLEscaping.escape("plain text") == "plain text")
    }

    @Test func draftsAreLeftOutUnlessAskedFor() throws {
        let site = TestSite(["index.md": TestSite.page("Home"), "wip.md": TestSite.page("WIP", extra: "draft: true\n")])
        let (without, _) = try site.build()
        #expect(Set(without.pagesWritten).subtracting(generatedPages) == ["index.html"])
        let (with, _) = try site.build(drafts: true)
        #expect(Set(with.pagesWritten).subtracting(generatedPages) == ["index.html", "wip.html"])
    }

    @Test func collectsEveryErrorAndWritesNothing() throws {
        let site = TestSite([
            "index.md": TestSite.page("Home", "[gone](missing.md) and [anchor](other.md#nope)"),
            "other.md": "---\ntitle: Other\norder: first\n---\n",
            "third.md": "---\ntitle: Third\n",
        ])
        let (result, output) = try site.build()
        #expect(!result.didWrite)
        #expect(output.commits == 0)
        // other.md, with an error in its front matter, is still a page: the link to it resolves, and the
        // missing anchor in it is found too.
        #expect(Set(result.diagnostics.map(\.code)) == [.brokenLink, .unknownAnchor, .invalidFrontMatter, .unclosedFrontMatter])
        #expect(!result.diagnostics.contains { $0.code == .brokenLink && $0.summary.contains("other.md") })
        let broken = try #require(result.diagnostics.first { $0.code == .brokenLink })
        #expect(broken.location == SourceLocation(path: "content/index.md", line: 4, column: 1))
    }

    @Test func strictTurnsWarningsIntoFailure() throws {
        let site = TestSite(["index.md": TestSite.page("Home", "# A second h1\n")])
        let (relaxed, _) = try site.build()
        #expect(relaxed.didWrite)
        #expect(relaxed.diagnostics.map(\.code) == [.headingLevel])
        let (strict, _) = try site.build(strict: true)
        #expect(!strict.didWrite)
    }

    @Test func emptyContentIsAnError() throws {
        let (result, _) = try TestSite([:]).build()
        #expect(result.diagnostics.map(\.code) == [.emptyContent])
        #expect(!result.didWrite)
    }

    @Test func unknownThemePointsAtTheConfiguration() throws {
        let site = TestSite(["index.md": TestSite.page("Home")], configuration: "title: T\ntheme: defualt\n")
        let (result, _) = try site.build()
        let diagnostic = try #require(result.diagnostics.first)
        #expect(diagnostic.code == .unknownTheme)
        #expect(diagnostic.location == SourceLocation(path: "guidebook.yml", line: 2, column: 8))
        #expect(diagnostic.notes.first == "did you mean 'default'?")
    }

    @Test func contentFilesAreCopiedAndImageLinksRewritten() throws {
        var site = TestSite(["index.md": TestSite.page("Home"), "a/index.md": TestSite.page("A", "![Tree](pics/tree.svg)")])
        site.binaryFiles["a/pics/tree.svg"] = Data("<svg/>".utf8)
        let (result, output) = try site.build()
        #expect(result.diagnostics.isEmpty)
        #expect(output.files["a/pics/tree.svg"] == Data("<svg/>".utf8))
        #expect(output.text(at: "a/index.html")?.contains("src=\"pics/tree.svg\"") == true)
    }

    @Test func missingSectionIndexIsMadeWithAWarning() throws {
        let site = TestSite(["index.md": TestSite.page("Home"), "team-work/page.md": TestSite.page("Page")])
        let (result, output) = try site.build()
        #expect(result.diagnostics.map(\.code) == [.missingSectionIndex])
        #expect(output.text(at: "team-work/index.html")?.contains("<h1>Team work</h1>") == true)
    }
}

/// Issue 24: an editor's note in a comment is published nowhere: not in a page, the print
/// edition, the search index or any other file, whether raw HTML is allowed or not.
struct CommentPrivacyTests {
    @Test(arguments: ["title: Test Guide\n", "title: Test Guide\nunsafe_html: true\n"])
    func aCommentReachesNoFileOfTheSite(configuration: String) throws {
        let site = TestSite(
            [
                "index.md": TestSite.page(
                    "Home",
                    "Welcome <!-- TODO: check with legal, 07700 900123 --> to the guide.\n\n<!--\nCall 07700 900123\n-->\n\n## Contacts\n\nAsk the team.\n"),
                "other.md": TestSite.page("Other", "Text.\n\n- [ ] A task <!-- 07700 900123 -->\n"),
            ], configuration: configuration)
        let (result, output) = try site.build()
        #expect(result.didWrite, "\(result.diagnostics)")
        #expect(output.files.count > 10)
        for (path, bytes) in output.files {
            #expect(!String(decoding: bytes, as: UTF8.self).contains("07700"), "\(path) holds the comment's text")
        }
        #expect(output.text(at: "index.html")?.contains("to the guide.") == true)
    }
}

/// Issue 24: markup that would not show as its writer meant is reported at its place.
struct BodyMarkupCheckTests {
    @Test func templateTagsRawHTMLAndUnclosedCommentsAreReported() throws {
        let site = TestSite(["index.md": TestSite.page("Home", "See {{< ref \"x.md\" >}}.\n\n<div>Box</div>\n\nNote <!-- unclosed\n")])
        let (result, _) = try site.build()
        let found = result.diagnostics.map { "\($0.location?.line ?? 0):\($0.location?.column ?? 0) \($0.severity.rawValue) \($0.code.rawValue)" }.sorted()
        #expect(found == ["4:5 warning template-syntax", "6:1 warning raw-html", "8:1 error raw-html"], "\(result.diagnostics)")
    }
}

struct PagesWithErrorsTests {
    /// A page whose front matter has an error stays in the guide (issue 24): links to it are not
    /// reported as broken, and a page with no title at all is titled from its file name meanwhile.
    @Test func aPageWithAFrontMatterErrorIsStillLinkable() throws {
        let site = TestSite([
            "index.md": TestSite.page("Home", "[guide](getting-started.md) and [other](other.md)"),
            "getting-started.md": "---\nsummary: No title here.\n---\n\nText.\n",
            "other.md": "---\ntitle: Other\nreview_by: soon\n---\n\nText.\n",
        ])
        let (result, _) = try site.build()
        #expect(Set(result.diagnostics.map(\.code)) == [.missingTitle, .invalidFrontMatter])
        #expect(result.pagesChecked == 3)
        #expect(PageTitle.fromFileName("getting-started.md") == "Getting started")
        #expect(PageTitle.fromFileName("team_work/index.md") == "Team work")
    }
}

struct KeepGoingTests {
    static var site: TestSite {
        TestSite([
            "index.md": TestSite.page("Home", "See [the plan](plan.md), [gone](missing.md) and [a <b>bold</b> one](nowhere.md#x)."),
            "plan.md": "---\ntitle: Plan\nreview_by: soon\n---\n\nThe plan.\n",
        ])
    }

    /// Without --keep-going errors write nothing, as before.
    @Test func errorsStillFailTheBuild() throws {
        let (result, output) = try Self.site.build()
        #expect(!result.didWrite && output.commits == 0)
        #expect(result.errorCount == 3)
    }

    /// With it, every page is written, the broken links marked as text with the problem, and the
    /// errors still reported (and listed on the status page).
    @Test func keepGoingWritesEveryPageWithProblemsMarked() throws {
        let output = MemoryOutput()
        var options = BuildOptions(themeSearchFolders: ThemeLoader.searchFolders(projectRoot: Self.site.input.root), today: TestSite.today)
        options.keepsGoing = true
        let result = try SiteBuilder(options: options).build(Self.site.input, into: output)
        #expect(result.didWrite && output.commits == 1)
        #expect(result.errorCount == 3)
        let home = try #require(output.text(at: "index.html"))
        #expect(home.contains("<a href=\"plan.html\">the plan</a>"))
        #expect(
            home.contains(
                "<span class=\"link-problem\" title=\"link target &#39;missing.md&#39; does not exist\">gone<span class=\"visually-hidden\"> (link problem: "))
        #expect(!home.contains("href=\"missing.md") && !home.contains("href=\"nowhere.md"))
        #expect(output.text(at: "plan.html") != nil, "the page with a front matter error is written too")
        let status = try #require(output.text(at: "status.html"))
        #expect(status.contains("[broken-link]") && status.contains("[invalid-front-matter]"))
    }
}
