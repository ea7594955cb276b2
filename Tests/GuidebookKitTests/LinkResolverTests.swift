import GuidebookTestSupport
import Testing

@testable import GuidebookKit

struct LinkResolverTests {
    @Test(
        arguments: [
            ("a.md", "a.md", nil), ("a.md#b", "a.md", "b"), ("a.md?x=1", "a.md", nil), ("a.md?x=1#b", "a.md", "b"),
            ("a.md#b?c", "a.md", "b?c"), ("#top", "", "top"), ("a.md#", "a.md", nil), ("café.md#é", "café.md", "é"),
        ] as [(String, String, String?)])
    func splitsPathAndFragment(destination: String, path: String, fragment: String?) {
        let split = LinkResolver.split(destination)
        #expect(split.path == path)
        #expect(split.fragment == fragment)
    }

    @Test func decodesPercentEncodingOnlyWhereThereIsSome() {
        #expect("a%20b.md".removingPercentEncodingIfPossible == "a b.md")
        #expect("100%".removingPercentEncodingIfPossible == "100%")
        #expect("plain.md".removingPercentEncodingIfPossible == "plain.md")
    }

    func diagnostics(for body: String, extraPages: [String: String] = [:]) throws -> [Diagnostic] {
        var files = [
            "index.md": TestSite.page("Home"), "governance.md": TestSite.page("Governance", "## Steering groups\n"), "sec/page.md": TestSite.page("Page", body),
        ]
        files["sec/index.md"] = TestSite.page("Section")
        for (path, text) in extraPages { files[path] = text }
        return try TestSite(files).build().0.diagnostics
    }

    @Test func brokenLinkSuggestsTheNearestPage() throws {
        let found = try diagnostics(for: "See [gov](../governanse.md).")
        let diagnostic = try #require(found.first)
        #expect(diagnostic.code == .brokenLink)
        #expect(diagnostic.summary == "link target '../governanse.md' does not exist")
        #expect(diagnostic.location == SourceLocation(path: "content/sec/page.md", line: 4, column: 5))
        #expect(diagnostic.notes == ["did you mean '../governance.md'?"])
    }

    @Test func unknownAnchorSuggestsTheNearestID() throws {
        let diagnostic = try #require(try diagnostics(for: "[x](../governance.md#steering-group)").first)
        #expect(diagnostic.code == .unknownAnchor)
        #expect(diagnostic.notes == ["did you mean '#steering-groups'?"])
    }

    /// Links other tools write work, each with a warning giving the source form (issue 24).
    @Test(arguments: [
        ("[x](/governance.md)", DiagnosticCode.absoluteLink, "../governance.md"),
        ("[x](/governance.html#steering-groups)", .absoluteLink, "../governance.md#steering-groups"),
        ("[x](../governance.html)", .linkForm, "../governance.md"),
        ("[x](../governance/)", .linkForm, "../governance.md"),
        ("[x](../governance)", .linkForm, "../governance.md"),
        ("[x](../sec/)", .linkForm, "index.md"),
        ("[x](/sec/)", .absoluteLink, "index.md"),
        ("[x](/)", .absoluteLink, "../index.md"),
    ])
    func linksOtherToolsWriteResolveWithAWarning(link: String, code: DiagnosticCode, fix: String) throws {
        let (result, output) = try TestSite([
            "index.md": TestSite.page("Home"), "governance.md": TestSite.page("Governance", "## Steering groups\n"),
            "sec/index.md": TestSite.page("Section"), "sec/page.md": TestSite.page("Page", link),
        ]).build()
        #expect(result.diagnostics.map(\.code) == [code], "\(result.diagnostics)")
        #expect(result.diagnostics.first?.severity == .warning)
        #expect(result.diagnostics.first?.notes.first?.hasPrefix("write '\(fix)'") == true, "\(result.diagnostics)")
        let page = try #require(output.text(at: "sec/page.html"))
        let expected = fix.replacingOccurrences(of: ".md", with: ".html")
        #expect(page.contains("<a href=\"\(expected)\">x</a>"), "\(expected)")
    }

    /// Headings with their own ids (`{#id}`), and anchors written as other tools make ids, work.
    @Test func explicitIDsAndOtherToolsAnchors() throws {
        let (result, output) = try TestSite([
            "index.md": TestSite.page("Home", "[dir](ref.md#docs_dir) [own](ref.md#gdpr) [here](#local_part)\n\n## Local part\n"),
            "ref.md": TestSite.page("Reference", "## docs_dir\n\nText.\n\n## Data protection {#gdpr}\n\nMore.\n"),
        ]).build()
        #expect(result.diagnostics.map(\.code) == [.linkForm, .linkForm], "\(result.diagnostics)")
        #expect(result.diagnostics.first?.notes.first?.hasPrefix("write '#docs-dir'") == true, "\(result.diagnostics)")
        let home = try #require(output.text(at: "index.html"))
        #expect(home.contains("href=\"ref.html#docs-dir\"") && home.contains("href=\"ref.html#gdpr\"") && home.contains("href=\"#local-part\""))
        let reference = try #require(output.text(at: "ref.html"))
        #expect(reference.contains("<h2 id=\"gdpr\""), "\(reference)")
        #expect(!reference.contains("{#gdpr}"))
        #expect(output.text(at: "print.html")?.contains("{#gdpr}") == false)
    }

    @Test func aRootLinkToNothingIsBroken() throws {
        let diagnostic = try #require(try diagnostics(for: "[x](/governanse.md)").first)
        #expect(diagnostic.code == .brokenLink)
        #expect(diagnostic.notes == ["did you mean '../governance.md'?"])
    }

    /// The suggestion is found among thousands of names without measuring each one.
    @Test func theNameIndexFindsTheNearestAmongMany() {
        let names = (0..<5000).map { "section-\($0 % 50)/page-number-\($0).md" } + ["governance.md", "systems/information-governance.md"]
        let index = NameIndex(names)
        #expect(index.nearest(to: "governanse.md") == "governance.md")
        #expect(index.nearest(to: "section-7/page-numbr-1207.md") == "section-7/page-number-1207.md")
        #expect(index.nearest(to: "completely-different.md") == nil)
    }

    @Test func draftTargetIsAWarning() throws {
        let found = try diagnostics(for: "[x](draft.md)", extraPages: ["sec/draft.md": TestSite.page("Draft", extra: "draft: true\n")])
        #expect(found.map(\.code) == [.draftLink])
        #expect(found.first?.severity == .warning)
    }

    @Test func externalImagesAreRejectedButExternalLinksAreFine() throws {
        let found = try diagnostics(for: "[out](https://example.org) ![pic](https://example.org/a.png) [mail](mailto:a@b.org)")
        #expect(found.map(\.code) == [.externalResource])
    }

    @Test func columnsCountCharactersNotBytes() throws {
        let diagnostic = try #require(try diagnostics(for: "Café – [x](nowhere.md)").first)
        #expect(diagnostic.location?.column == 8)
    }

    @Test func linkToAMissingFolderSuggestsOnlyWhatExists() throws {
        let diagnostic = try #require(try diagnostics(for: "[s](../secs/)").first)
        #expect(diagnostic.code == .brokenLink)
        #expect(diagnostic.notes.allSatisfy { !$0.contains("secs/index.md") }, "\(diagnostic.notes)")
    }
}
