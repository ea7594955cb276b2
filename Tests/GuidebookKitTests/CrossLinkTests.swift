import Foundation
import GuidebookTestSupport
import Testing

@testable import GuidebookKit

struct CrossLinkTests {
    let site = TestSite([
        "index.md": TestSite.page("Home", "See [governance](governance.md)."),
        "governance.md": TestSite.page(
            "Governance", order: 1,
            "## Steering groups\n\nThe CAF and the lead professional. CAF again, CAFE, caf.\n\n## CAF in a heading\n\n[CAF](glossary.md) and `CAF`.",
            extra: "tags: [governance, partners]\nrelated: [partnership.md]\n"),
        "partnership.md": TestSite.page(
            "Partnership agreements", order: 2, "Back to [governance](governance.md#steering-groups).", extra: "tags: [partners]\n"),
        "staffing.md": TestSite.page("Staffing", order: 3, "Nothing here about the Lead Professional.", extra: "tags: [governance, partners]\n"),
        "glossary.md": TestSite.page(
            "Glossary", order: 9,
            "## CAF\n\nCommon Assessment Framework: a shared assessment. More text.\n\n## Lead professional\n\nThe practitioner who coordinates support.\n",
            extra: "glossary: true\n"),
    ])

    @Test func backlinksListThePagesThatLinkHere() throws {
        let (_, output) = try site.build()
        let governance = try #require(output.text(at: "governance.html"))
        let backlinks = try #require(governance.components(separatedBy: "Pages that link here").last)
        #expect(backlinks.contains("<a href=\"index.html\">Home</a>"))
        #expect(backlinks.contains("<a href=\"partnership.html\">Partnership agreements</a>"))
        #expect(!backlinks.contains("staffing.html\">Staffing"))
    }

    @Test func relatedPutsDeclaredPagesFirstThenSharedTags() throws {
        let (_, output) = try site.build()
        let governance = try #require(output.text(at: "governance.html"))
        let related = try #require(governance.components(separatedBy: "<h2 id=\"related-title\">Related</h2>").last?.components(separatedBy: "</aside>").first)
        let partnership = try #require(related.range(of: "partnership.html"))
        let staffing = try #require(related.range(of: "staffing.html"))
        #expect(partnership.lowerBound < staffing.lowerBound)
    }

    @Test func tagsPageListsPagesPerTag() throws {
        let (_, output) = try site.build()
        let tags = try #require(output.text(at: "tags.html"))
        #expect(tags.contains("<h2 id=\"tag-partners\">partners</h2>"))
        #expect(output.text(at: "governance.html")?.contains("href=\"tags.html#tag-governance\"") == true)
    }

    @Test func glossaryMarksTheFirstUseOnlyInRunningText() throws {
        let (_, output) = try site.build()
        let governance = try #require(output.text(at: "governance.html"))
        #expect(
            governance.contains(
                "The <a class=\"glossary-term\" href=\"glossary.html#caf\"><abbr title=\"Common Assessment Framework: a shared assessment.\">CAF</abbr></a> and the <a class=\"glossary-term\" href=\"glossary.html#lead-professional\""
            ))
        #expect(governance.components(separatedBy: "<abbr").count == 2, "only the first use is marked")
        #expect(governance.contains("CAF again, CAFE, caf."))
        #expect(governance.contains("<code>CAF</code>"))
        let staffing = try #require(output.text(at: "staffing.html"))
        #expect(
            staffing.contains("glossary.html#lead-professional\" title=\"The practitioner who coordinates support.\">Lead Professional</a>"),
            "terms match case-insensitively")
        let glossary = try #require(output.text(at: "glossary.html"))
        #expect(!glossary.contains("glossary-term"))
    }

    @Test func glossaryIsNotMarkedInsideHeadingsOrLinks() throws {
        let (_, output) = try site.build()
        let governance = try #require(output.text(at: "governance.html"))
        #expect(governance.contains("<h2 id=\"caf-in-a-heading\">\nCAF in a heading\n</h2>"))
        #expect(governance.contains("<a href=\"glossary.html\">CAF</a>"))
    }

    @Test func relatedEntryThatDoesNotExistIsAnErrorAtItsPlace() throws {
        let broken = TestSite(["index.md": "---\ntitle: Home\nrelated:\n  - nowhere.md\n---\n"])
        let diagnostic = try #require(try broken.build().0.diagnostics.first)
        #expect(diagnostic.code == .brokenLink)
        #expect(diagnostic.summary == "related page: link target 'nowhere.md' does not exist")
        #expect(diagnostic.location == SourceLocation(path: "content/index.md", line: 4, column: 5))
    }

    @Test func overdueReviewIsAWarningAtTheDate() throws {
        let page = TestSite(["index.md": "---\ntitle: Home\nowner: Team A\nreview_by: 2026-11-28\n---\n"])
        let diagnostics = try page.build().0.diagnostics
        #expect(diagnostics.map(\.code) == [.overdueReview])
        #expect(diagnostics.first?.summary == "review date 2026-11-28 has passed (owner: Team A)")
        #expect(diagnostics.first?.location == SourceLocation(path: "content/index.md", line: 4, column: 12))
        #expect(try page.build(today: CalendarDate(year: 2026, month: 11, day: 28)).0.diagnostics.isEmpty, "due today is not overdue")
        #expect(try !page.build(strict: true).0.didWrite)
    }

    @Test func overduePagesShowTheNoticeAndTheStatusPageMarksThem() throws {
        let page = TestSite(["index.md": "---\ntitle: Home\nreview_by: 2026-01-31\n---\n"])
        let (_, output) = try page.build()
        #expect(
            output.text(at: "index.html")?.contains("<p class=\"review-notice\" data-review-by=\"2026-01-31\">This page was due for review on 31 January 2026")
                == true)
        #expect(output.text(at: "status.html")?.contains("31 January 2026 <strong>(overdue)</strong>") == true)
    }

    @Test(arguments: ["2027-02-30", "2027-9-30", "next year", "2027-13-01"])
    func invalidReviewDateIsAnError(date: String) throws {
        let page = TestSite(["index.md": "---\ntitle: Home\nreview_by: \(date)\n---\n"])
        let diagnostic = try #require(try page.build().0.diagnostics.first)
        #expect(diagnostic.code == .invalidFrontMatter)
        #expect(diagnostic.location == SourceLocation(path: "content/index.md", line: 3, column: 12))
    }

    @Test func editLinkPointsAtTheSourceFile() throws {
        let page = TestSite(
            ["index.md": TestSite.page("Home"), "a/b.md": TestSite.page("B")],
            configuration: "title: T\nedit_url: https://git.example.council/guide/-/edit/main/\n")
        let (_, output) = try page.build()
        #expect(
            output.text(at: "a/b.html")?.contains(
                "<a class=\"edit-link\" href=\"https://git.example.council/guide/-/edit/main/content/a/b.md\">Edit this page</a>") == true)
    }

    @Test func unusedContentFilesGetAWarning() throws {
        var page = TestSite(["index.md": TestSite.page("Home")])
        page.binaryFiles["forgotten.pdf"] = Data("%PDF".utf8)
        let diagnostics = try page.build().0.diagnostics
        #expect(diagnostics.map(\.code) == [.unusedFile])
        #expect(diagnostics.first?.location?.path == "content/forgotten.pdf")
    }

    @Test func linksInTablesListsAndReferencesAreLocated() throws {
        let body = "| a | b |\n|---|---|\n| x | [t](gone1.md) |\n\n- item\n  - [n](gone2.md)\n\nSee [ref][r].\n\n[r]: gone3.md\n"
        let page = TestSite(["index.md": TestSite.page("Home", body)])
        let diagnostics = try page.build().0.diagnostics.sorted { $0.location! < $1.location! }
        #expect(
            diagnostics.map(\.location) == [
                SourceLocation(path: "content/index.md", line: 6, column: 7),
                SourceLocation(path: "content/index.md", line: 9, column: 5),
                SourceLocation(path: "content/index.md", line: 11, column: 5),
            ])
    }

    @Test func spacedAndPercentEncodedNamesResolve() throws {
        let page = TestSite(["index.md": TestSite.page("Home", "[a](My%20Page.md) [b](<My Page.md>)"), "My Page.md": TestSite.page("Mine")])
        let (result, output) = try page.build()
        #expect(result.diagnostics.isEmpty)
        #expect(output.text(at: "index.html")?.contains("href=\"My-Page.html\"") == true)
    }

    @Test func linksThatClimbOutOfContentAreErrorsAndNeverRead() throws {
        let page = TestSite(["index.md": TestSite.page("Home", "[x](../../etc/passwd) ![y](../secret.png)")])
        let (result, output) = try page.build()
        #expect(result.diagnostics.map(\.code) == [.brokenLink, .brokenLink])
        #expect(result.diagnostics.allSatisfy { $0.summary.contains("outside the content folder") })
        #expect(output.files.keys.allSatisfy { !$0.contains("passwd") && !$0.contains("secret") })
    }

    @Test func duplicateHeadingsGetDistinctIDsAndBothLinksWork() throws {
        let page = TestSite([
            "index.md": TestSite.page("Home", "[one](a.md#notes) [two](a.md#notes-2)"),
            "a.md": TestSite.page("A", "## Notes\n\nFirst.\n\n## Notes\n\nSecond."),
        ])
        let (result, output) = try page.build()
        #expect(result.diagnostics.isEmpty)
        #expect(output.text(at: "a.html")?.contains("<h2 id=\"notes-2\">") == true)
    }
}

struct LastUpdatedTests {
    @Test func parsesGitLogNewestFirst() {
        let log = "@1700000000\n\nb.md\na.md\n@1600000000\n\na.md\nc.md\n"
        let dates = LastUpdated.parse(log)
        #expect(dates["a.md"] == Date(timeIntervalSince1970: 1_700_000_000))
        #expect(dates["c.md"] == Date(timeIntervalSince1970: 1_600_000_000))
    }

    @Test func readsTheLastCommitOfEachFileInARealRepository() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("guidebook-git-\(UUID().uuidString)")
        let content = root.appendingPathComponent("content")
        try FileManager.default.createDirectory(at: content, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        func git(_ arguments: String..., date: String? = nil) throws {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["git", "-C", root.path] + arguments
            var environment = ProcessInfo.processInfo.environment
            environment["GIT_AUTHOR_NAME"] = "T"
            environment["GIT_AUTHOR_EMAIL"] = "t@example.org"
            environment["GIT_COMMITTER_NAME"] = "T"
            environment["GIT_COMMITTER_EMAIL"] = "t@example.org"
            if let date {
                environment["GIT_COMMITTER_DATE"] = date
                environment["GIT_AUTHOR_DATE"] = date
            }
            process.environment = environment
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
        }
        try git("init", "-q")
        try Data("a".utf8).write(to: content.appendingPathComponent("a.md"))
        try Data("b".utf8).write(to: content.appendingPathComponent("b.md"))
        try git("add", ".")
        try git("commit", "-q", "-m", "first", date: "2020-01-02T12:00:00Z")
        try Data("b2".utf8).write(to: content.appendingPathComponent("b.md"))
        try git("commit", "-q", "-am", "second", date: "2021-03-04T12:00:00Z")
        try Data("new".utf8).write(to: content.appendingPathComponent("new.md"))
        let dates = LastUpdated.read(contentFolder: content, paths: ["a.md", "b.md", "new.md"])
        #expect(dates["a.md"].map(DisplayDate.iso) == "2020-01-02")
        #expect(dates["b.md"].map(DisplayDate.iso) == "2021-03-04")
        #expect(dates["new.md"] != nil, "an uncommitted file falls back to its modification time")
    }
}

struct NewPageTests {
    @Test func fillsTheFrontMatter() throws {
        var configuration = SiteConfiguration(title: "T")
        configuration.defaultOwner = "Children's Services Team"
        configuration.reviewMonths = 6
        let plan = try NewPage.plan(
            path: "building/volunteer-roles", configuration: configuration, existingOrders: [1, 4, 2],
            today: CalendarDate(year: 2026, month: 8, day: 31)
        ).get()
        #expect(plan.contentPath == "building/volunteer-roles.md")
        #expect(
            plan.text.hasPrefix("---\ntitle: Volunteer roles\nsummary: \norder: 5\ntags: []\nowner: Children's Services Team\nreview_by: 2027-02-28\n---\n"))
        let parsed = FrontMatterParser.parse(plan.text, path: "x.md")
        #expect(parsed.diagnostics.isEmpty)
        #expect(parsed.frontMatter?.order == 5)
    }

    @Test func rejectsUnsafeNames() {
        #expect(throws: NewPage.Problem.self) {
            try NewPage.plan(path: "a/wh\\t", configuration: SiteConfiguration(), existingOrders: [], today: TestSite.today).get()
        }
    }

    @Test func quotesTitlesYAMLWouldMisread() {
        #expect(NewPage.yamlString("Plain title") == "Plain title")
        #expect(NewPage.yamlString("Yes: no") == "\"Yes: no\"")
    }
}
