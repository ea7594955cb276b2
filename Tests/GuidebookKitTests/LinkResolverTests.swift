import Testing
import GuidebookTestSupport
@testable import GuidebookKit

struct LinkResolverTests {
    @Test(arguments: [
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
        var files = ["index.md": TestSite.page("Home"), "governance.md": TestSite.page("Governance", "## Steering groups\n"), "sec/page.md": TestSite.page("Page", body)]
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

    @Test func absolutePathsAreErrorsWithTheRelativeFix() throws {
        let diagnostic = try #require(try diagnostics(for: "[x](/governance.html)").first)
        #expect(diagnostic.code == .absoluteLink)
        #expect(diagnostic.notes.first == "write '../governance.md' instead")
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

    @Test func linkToAFolderSuggestsItsIndex() throws {
        let diagnostic = try #require(try diagnostics(for: "[s](../sec/)").first)
        #expect(diagnostic.code == .brokenLink)
        #expect(diagnostic.notes == ["link to the section's page, '../sec/index.md'"])
    }
}
