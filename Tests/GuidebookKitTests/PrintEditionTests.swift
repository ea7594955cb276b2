import Foundation
import GuidebookTestSupport
import Testing

@testable import GuidebookKit

/// The print editions: `print.html` (the whole guide) and one for each top-level section,
/// `print/<folder>.html`, with that section's pages in reading order and links that work from there.
struct PrintEditionTests {
    /// Two sections (one with a subsection), pages at the top, and links of every kind: inside a
    /// section, to another section, to the top, to a heading on the same page, and an image.
    static let files: [String: String] = [
        "index.md": TestSite.page(
            "Home", "Start with [the introduction](introduction.md), [staffing](team/staffing.md#who-to-hire) or [budgets](money/budgets.md).\n"),
        "introduction.md": TestSite.page("Introduction", order: 1, "## Why\n\nRead about [the team](team/index.md).\n"),
        "team/index.md": TestSite.page("Team", order: 2, "The team section: [staffing](staffing.md) and [induction](induction/index.md).\n"),
        "team/staffing.md": TestSite.page(
            "Staffing", order: 1,
            """
            ## Who to hire

            Read [why](../introduction.md#why), then [the costs](../money/budgets.md#costs) and [day one](induction/first-week.md#day-one).
            Back to [who to hire](#who-to-hire).

            ![A chart of the team](chart.svg)

            """),
        "team/chart.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"4\" height=\"4\"><title>Chart</title></svg>\n",
        "team/induction/index.md": TestSite.page("Induction", order: 2, "The first weeks.\n"),
        "team/induction/first-week.md": TestSite.page(
            "First week", "## Day one\n\nMeet the people in [staffing](../staffing.md#who-to-hire).\n"),
        "money/index.md": TestSite.page("Money", order: 3, "Budgets and costs.\n"),
        "money/budgets.md": TestSite.page(
            "Budgets", "## Costs\n\nSee [who to hire](../team/staffing.md#who-to-hire) and [the home page](../index.md).\n"),
    ]

    /// `print.html` of `files` as Guidebook wrote it before the sections had editions of their own.
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/print/print-sections.html")

    func build() throws -> MemoryOutput {
        let (result, output) = try TestSite(Self.files).build(strict: true)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.summary))")
        #expect(result.didWrite)
        return output
    }

    @Test func eachTopLevelSectionHasAnEditionOfExactlyItsPagesInReadingOrder() throws {
        let output = try build()
        #expect(output.files.keys.filter { $0.hasPrefix("print/") }.sorted() == ["print/money.html", "print/team.html"])
        let team = try #require(output.text(at: "print/team.html"))
        #expect(Self.pageSections(team) == ["p-team/index", "p-team/staffing", "p-team/induction/index", "p-team/induction/first-week"])
        let money = try #require(output.text(at: "print/money.html"))
        #expect(Self.pageSections(money) == ["p-money/index", "p-money/budgets"])
        // Numbered from 1 in each; a page's place shown below the section, never an empty "()".
        #expect(team.contains("class=\"print-page-title\">1. Team</h2>"))
        #expect(team.contains("class=\"print-page-title\">4. First week</h2>"))
        #expect(team.contains("<span class=\"print-breadcrumb\">(Induction)</span>"))
        #expect(!team.contains("()") && !money.contains("()"))
        #expect(team.contains("<title>Team – Test Guide – print edition</title>"))
        #expect(team.contains("<h1>Team</h1>"))
        #expect(team.contains("<link rel=\"stylesheet\" href=\"../assets/css/print-edition.css\">"))
        #expect(team.contains("<a href=\"../team/index.html\">Back to Team</a>"))
    }

    @Test func linksInASectionEditionLeadInsideItOrOutOfPrint() throws {
        let output = try build()
        let team = try #require(output.text(at: "print/team.html"))
        // In the section: inside the document. Elsewhere: the page, from print/.
        #expect(team.contains("href=\"#p-team/induction/first-week--day-one\""))
        #expect(team.contains("href=\"#p-team/staffing--who-to-hire\""))
        #expect(team.contains("href=\"../introduction.html#why\""))
        #expect(team.contains("href=\"../money/budgets.html#costs\""))
        #expect(team.contains("src=\"../team/chart.svg\""))
        let money = try #require(output.text(at: "print/money.html"))
        #expect(money.contains("href=\"../team/staffing.html#who-to-hire\""))
        #expect(money.contains("href=\"../index.html\""))
        for path in ["print/team.html", "print/money.html", "print.html"] {
            let unresolved = try Self.unresolvedLinks(in: path, output)
            #expect(unresolved.isEmpty, "\(path): \(unresolved)")
        }
    }

    @Test func theWholeGuideEditionIsAsItWas() throws {
        let whole = try #require(try build().text(at: "print.html"))
        let expected = try String(contentsOf: Self.golden, encoding: .utf8)
        if whole != expected {
            let actual = FileManager.default.temporaryDirectory.appendingPathComponent("print-sections.actual.html")
            try whole.write(to: actual, atomically: true, encoding: .utf8)
            Issue.record("print.html differs from \(Self.golden.path); this build's is in \(actual.path)")
        }
        #expect(Self.pageSections(whole).count == 8)
    }

    @Test func pagesInASectionLinkToItsEdition() throws {
        let output = try build()
        let staffing = try #require(output.text(at: "team/staffing.html"))
        #expect(staffing.contains("<a class=\"print-section-link\" href=\"../print/team.html\">Print this section (4 pages)</a>"))
        #expect(try #require(output.text(at: "team/induction/first-week.html")).contains("href=\"../../print/team.html\">Print this section (4 pages)"))
        #expect(try #require(output.text(at: "money/index.html")).contains("href=\"../print/money.html\">Print this section (2 pages)"))
        for path in ["index.html", "introduction.html", "tags.html", "search.html"] {
            #expect(try #require(output.text(at: path)).contains("print-section-link") == false, "\(path)")
        }
    }

    @Test func contentMayNotUseThePrintFolder() throws {
        var files = Self.files
        files["print/index.md"] = TestSite.page("Print", "Printing.\n")
        let (result, _) = try TestSite(files).build()
        #expect(!result.didWrite)
        #expect(result.diagnostics.contains { $0.code == .duplicateOutput && $0.summary.contains("print editions") })
    }

    // MARK: Reading the HTML

    /// The ids of the edition's pages, in document order.
    static func pageSections(_ html: String) -> [String] {
        matches(#"<section class="print-page" id="([^"]+)""#, in: html)
    }

    static func matches(_ pattern: String, in html: String) -> [String] {
        let expression = try! NSRegularExpression(pattern: pattern)
        return expression.matches(in: html, range: NSRange(html.startIndex..., in: html)).map { String(html[Range($0.range(at: 1), in: html)!]) }
    }

    /// Every `href` and `src` of a file of the site that leads nowhere: a fragment with no such id in
    /// the document it names, or a file the site does not have.
    static func unresolvedLinks(in path: String, _ output: MemoryOutput) throws -> [String] {
        let html = try #require(output.text(at: path))
        var unresolved: [String] = []
        for url in matches(#"(?:href|src)="([^"]*)""#, in: html) where !url.hasPrefix("http") {
            let (file, fragment) = LinkResolver.split(url)
            let target = file.isEmpty ? path : LinkResolver.normalise(file, relativeTo: OutputPath.folder(of: path)) ?? ""
            guard let text = output.text(at: target) ?? output.files[target].map({ _ in "" }) else {
                unresolved.append(url)
                continue
            }
            if let fragment, !matches(#" id="([^"]+)""#, in: text).contains(fragment) { unresolved.append(url) }
        }
        return unresolved
    }
}
