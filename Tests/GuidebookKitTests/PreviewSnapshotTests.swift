import GuidebookTestSupport
import Testing

@testable import GuidebookKit

struct PreviewSnapshotTests {
    static let plan = TestSite.page("Plan", "## Steps\n\nFirst we agree.\n\n- [ ] Agree the aims\n\nSee [home](index.md).\n")
    static let files = [
        "index.md": TestSite.page("Home", "Welcome. See [the steps](plan.md#steps).\n"),
        "plan.md": plan,
        "glossary.md": TestSite.page("Glossary", "## CAF\n\nThe Common Assessment Framework.\n", extra: "glossary: true\n"),
    ]

    func snapshot() throws -> PreviewSnapshot {
        let (result, _) = try TestSite(Self.files).build(keepsPreviewSnapshot: true)
        return try #require(result.previewSnapshot)
    }

    @Test func aBodyEditRendersWhatAFullBuildWrites() throws {
        // New text, a glossary term's first use, and a code span: only this page shows them.
        let edited = Self.plan.replacingOccurrences(of: "First we agree.", with: "First we agree on the CAF, then `plan`.\n\nA new paragraph.")
        let (outputPath, html) = try #require(try snapshot().renderBodyEdit(contentPath: "plan.md", text: edited))
        var files = Self.files
        files["plan.md"] = edited
        let (_, clean) = try TestSite(files).build()
        #expect(outputPath == "plan.html")
        #expect(html.contains("A new paragraph."))
        #expect(html == clean.text(at: "plan.html"))
    }

    @Test(arguments: [
        ("title: Plan", "title: The plan"),  // navigation, backlinks and breadcrumbs show it
        ("## Steps", "## Stages"),  // another page links to #steps
        ("First we agree.", "First we agree.\n\n## New"),  // contents list, search sections
        ("[home](index.md)", "[home](glossary.md)"),  // backlinks
        ("- [ ] Agree the aims", "- [ ] Agree the goals"),  // the checklists page
        ("title: Plan", "title: [unclosed"),  // a diagnostic
    ])
    func editsOtherPagesShowNeedAFullBuild(old: String, new: String) throws {
        let edited = Self.plan.replacingOccurrences(of: old, with: new)
        #expect(edited != Self.plan)
        #expect(try snapshot().renderBodyEdit(contentPath: "plan.md", text: edited) == nil)
    }

    @Test func glossaryPagesAndUnknownPagesNeedAFullBuild() throws {
        let snapshot = try snapshot()
        let glossary = try #require(Self.files["glossary.md"]).replacingOccurrences(of: "The Common", with: "A common")
        #expect(snapshot.renderBodyEdit(contentPath: "glossary.md", text: glossary) == nil)
        #expect(snapshot.renderBodyEdit(contentPath: "new.md", text: Self.plan) == nil)
        #expect(snapshot.renderBodyEdit(contentPath: "plan.md", text: Self.plan) != nil, "the page as it was renders as it was")
    }

    @Test func onlyBuildsThatAskKeepASnapshot() throws {
        #expect(try TestSite(Self.files).build().0.previewSnapshot == nil)
    }
}
