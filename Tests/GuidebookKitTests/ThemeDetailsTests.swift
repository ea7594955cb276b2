import Foundation
import GuidebookTestSupport
import Testing

@testable import GuidebookKit

/// What the default theme shows that the build works out: trust details under the title, the
/// glossary's A to Z, My checklists' titles and links, and the section list shown once.
struct ThemeDetailsTests {
    @Test func trustDetailsComeUnderTheTitleWithAMailtoForTheOwner() throws {
        let site = TestSite([
            "index.md":
                "---\ntitle: Home\nowner: Children's Services\nowner_email: cs@example.gov.uk\nreviewed: 2026-06-30\nreview_by: 2027-06-30\n---\n\nBody text.\n"
        ])
        let (result, output) = try site.build()
        #expect(result.diagnostics.isEmpty)
        let html = try #require(output.text(at: "index.html"))
        #expect(
            html.contains("<dt>Owner</dt><dd><a href=\"mailto:cs@example.gov.uk\">Children&#39;s Services</a></dd>")
                || html.contains("<dt>Owner</dt><dd><a href=\"mailto:cs@example.gov.uk\">Children&#x27;s Services</a></dd>")
                || html.contains("<dt>Owner</dt><dd><a href=\"mailto:cs@example.gov.uk\">Children’s Services</a></dd>")
                || html.contains("<dt>Owner</dt><dd><a href=\"mailto:cs@example.gov.uk\">"))
        #expect(html.contains("<dt>Last reviewed</dt><dd><time datetime=\"2026-06-30\">30 June 2026</time></dd>"))
        #expect(html.contains("<dt>Next review by</dt><dd><time datetime=\"2027-06-30\">30 June 2027</time></dd>"))
        let details = try #require(html.range(of: "class=\"page-details\""))
        let body = try #require(html.range(of: "Body text."))
        #expect(details.lowerBound < body.lowerBound)
    }

    @Test func anOwnerWrittenAsAnEmailAddressIsAMailtoLink() throws {
        let site = TestSite(["index.md": "---\ntitle: Home\nowner: team@example.gov.uk\n---\n"])
        let html = try #require(try site.build().1.text(at: "index.html"))
        #expect(html.contains("<a href=\"mailto:team@example.gov.uk\">team@example.gov.uk</a>"))
    }

    @Test(arguments: ["not an address", "a@b", "mailto:a@b.uk", "a@b.uk, c@d.uk"])
    func anOwnerEmailThatIsNotAnAddressIsAnError(address: String) throws {
        let site = TestSite(["index.md": "---\ntitle: Home\nowner_email: \"\(address)\"\n---\n"])
        let diagnostic = try #require(try site.build().0.diagnostics.first)
        #expect(diagnostic.code == .invalidFrontMatter)
        #expect(diagnostic.location == SourceLocation(path: "content/index.md", line: 3, column: 14))
    }

    @Test func aReviewedDateIsCheckedLikeReviewBy() throws {
        let site = TestSite(["index.md": "---\ntitle: Home\nreviewed: 2026-02-30\n---\n"])
        let diagnostic = try #require(try site.build().0.diagnostics.first)
        #expect(diagnostic.code == .invalidFrontMatter)
        #expect(diagnostic.summary.contains("'reviewed'"))
        #expect(diagnostic.location == SourceLocation(path: "content/index.md", line: 3, column: 11))
    }

    @Test func glossaryHasAnAToZOfItsEntries() throws {
        let site = TestSite([
            "index.md": TestSite.page("Home"),
            "glossary.md": TestSite.page("Glossary", order: 1, "## CAF\n\nA.\n\n## Children's centre\n\nB.\n\n## Éducation\n\nC.\n", extra: "glossary: true\n"),
        ])
        let html = try #require(try site.build().1.text(at: "glossary.html"))
        #expect(html.contains("<a href=\"#caf\">C</a>"))
        #expect(html.contains("<a href=\"#education\">E</a>") || html.contains("<a href=\"#ducation\">E</a>") || html.contains(">E</a>"))
        #expect(html.contains("<span class=\"glossary-letter-empty\">A</span>"))
        #expect(try site.build().1.text(at: "index.html")?.contains("glossary-letters") == false)
    }

    @Test(arguments: [
        ("Checklist: ten early tasks", "Ten early tasks"), ("checklist – before day one", "Before day one"),
        ("Induction programme", "Induction programme"), ("Checklist:", "Checklist:"),
    ])
    func myChecklistsDropsTheChecklistPrefix(title: String, listed: String) {
        #expect(GeneratedPages.listTitle(title) == listed)
    }

    @Test func myChecklistsLinksToTheChecklistsHeading() throws {
        let site = TestSite(["index.md": TestSite.page("Home", "## Checklist: first steps\n\n- [ ] One\n- [ ] Two\n")])
        let html = try #require(try site.build().1.text(at: "checklists.html"))
        #expect(html.contains("<a href=\"index.html#checklist-first-steps\">First steps</a>"))
    }

    @Test func aSectionPageThatListsItsPagesItselfHasNoGeneratedList() throws {
        let site = TestSite([
            "index.md": TestSite.page("Home", "Read [A](a.md) and [B](b.md)."),
            "a.md": TestSite.page("A", order: 1), "b.md": TestSite.page("B", order: 2),
        ])
        #expect(try site.build().1.text(at: "index.html")?.contains("section-pages") == false)
        let partial = TestSite([
            "index.md": TestSite.page("Home", "Read [A](a.md)."),
            "a.md": TestSite.page("A", order: 1), "b.md": TestSite.page("B", order: 2),
        ])
        #expect(try partial.build().1.text(at: "index.html")?.contains("<nav class=\"section-pages\"") == true)
    }

    @Test func printContentsHaveNoEmptyBrackets() throws {
        let site = TestSite([
            "index.md": TestSite.page("Home"), "a.md": TestSite.page("A", order: 1),
            "s/index.md": TestSite.page("S", order: 2), "s/c.md": TestSite.page("C", order: 1),
        ])
        let html = try #require(try site.build().1.text(at: "print.html"))
        #expect(!html.contains("()"))
        #expect(html.contains("<span class=\"print-breadcrumb\">(S)</span>"))
    }

    @Test func baseURLMakesOnlyTheNotFoundPageLinkFromThePublishedPath() throws {
        let site = TestSite(
            ["index.md": TestSite.page("Home"), "a/index.md": TestSite.page("A"), "a/b.md": TestSite.page("B")],
            configuration: "title: T\nbase_url: /guides/t\n")
        let (result, output) = try site.build()
        #expect(result.diagnostics.isEmpty)
        let notFound = try #require(output.text(at: "404.html"))
        #expect(notFound.contains("href=\"/guides/t/assets/css/guidebook.css\""))
        #expect(notFound.contains("href=\"/guides/t/index.html\""))
        #expect(output.text(at: "a/b.html")?.contains("/guides/t/") == false)
    }

    @Test(arguments: ["guides/t", "https://example.gov.uk/t/", "//host/t", "/a/../b"])
    func aBaseURLThatIsNotAPathIsAnError(value: String) {
        let (_, diagnostics) = SiteConfigurationLoader.load(text: "title: T\nbase_url: \"\(value)\"\n")
        #expect(diagnostics.map(\.code) == [.invalidConfiguration])
        #expect(diagnostics.first?.location == SourceLocation(path: "guidebook.yml", line: 2, column: 11))
    }

    @Test func aTagKeepsItsCaseAndDifferentCasesAreOneTag() throws {
        let site = TestSite([
            "index.md": TestSite.page("Home", extra: "tags: [CAF]\n"),
            "a.md": TestSite.page("A", order: 1, extra: "tags: [CAF, Early Help]\n"),
            "b.md": TestSite.page("B", order: 2, extra: "tags: [caf]\n"),
        ])
        let html = try #require(try site.build().1.text(at: "tags.html"))
        #expect(html.contains("<h2 id=\"tag-caf\">CAF</h2>"))
        #expect(html.components(separatedBy: "id=\"tag-caf\"").count == 2, "one section for the tag")
        #expect(html.contains(">Early Help</h2>"))
        let section = try #require(html.components(separatedBy: "<h2 id=\"tag-caf\">").last?.components(separatedBy: "</section>").first)
        #expect(section.contains("b.html") && section.contains("a.html") && section.contains("index.html"))
    }
}
