import Foundation
import GuidebookTestSupport
import Testing

@testable import GuidebookKit

struct ContentLoaderTests {
    func load(_ files: [String: Data]) -> LoadedContent {
        ContentLoader.load(files: files, contentFolderName: "content", includeDrafts: false)
    }

    let home = Data("---\ntitle: Home\n---\n".utf8)

    @Test func invalidUTF8IsLocated() throws {
        var bytes = Array("---\ntitle: Bad\n---\nCaf".utf8)
        bytes += [0xC3, 0x28]
        let content = load(["index.md": home, "bad.md": Data(bytes)])
        let diagnostic = try #require(content.diagnostics.first)
        #expect(diagnostic.code == .invalidEncoding)
        #expect(diagnostic.location == SourceLocation(path: "content/bad.md", line: 4, column: 4))
    }

    @Test func twoFilesForOneOutputPath() throws {
        let content = load(["index.md": home, "a b.md": Data("---\ntitle: A\n---\n".utf8), "a-b.md": Data("---\ntitle: B\n---\n".utf8)])
        let diagnostic = try #require(content.diagnostics.first)
        #expect(diagnostic.code == .duplicateOutput)
        #expect(diagnostic.summary.contains("'a-b.html'"))
    }

    @Test func unsafeNames() throws {
        let content = load(["index.md": home, "what\\x.md": Data("---\ntitle: Q\n---\n".utf8), "what?.md": Data("---\ntitle: Q\n---\n".utf8)])
        let diagnostic = try #require(content.diagnostics.first)
        #expect(diagnostic.code == .unsafePath)
        #expect(diagnostic.location?.path == "content/what\\x.md")
        #expect(content.pages.map(\.outputPath).sorted() == ["index.html", "what.html"], "'?' is left out of the web name")
    }

    @Test func spacesAreSlugified() {
        let content = load(["index.md": home, "My Page.md": Data("---\ntitle: Mine\n---\n".utf8)])
        #expect(content.diagnostics.isEmpty)
        #expect(content.pages.map(\.outputPath).sorted() == ["My-Page.html", "index.html"])
    }

    @Test(arguments: ["checklists.md", "assets/logo.png", "search.md"])
    func reservedOutputPaths(path: String) throws {
        let content = load(["index.md": home, path: Data("---\ntitle: Mine\n---\n".utf8)])
        let diagnostic = try #require(content.diagnostics.first)
        #expect(diagnostic.code == .duplicateOutput)
        #expect(diagnostic.location?.path == "content/\(path)")
    }
}

/// Issue 24: pages written for MkDocs or a git host title themselves with their first `# heading`.
struct TitleFromHeadingTests {
    func build(_ page: String) throws -> (BuildResult, String?) {
        let (result, output) = try TestSite(["index.md": TestSite.page("Home"), "x.md": page]).build()
        return (result, output.text(at: "x.html"))
    }

    @Test(arguments: [
        "# Getting started\n\nSome text.\n", "\n# Getting started #\nSome text.\n", "Getting started\n===============\n\nSome text.\n",
        "---\nsummary: S\n---\n# Getting started\n\nSome text.\n", "---\ntitle: Getting started\n---\n# Getting started\n\nSome text.\n",
    ])
    func theOpeningHeadingIsTheTitleAndIsShownOnce(page: String) throws {
        let (result, html) = try build(page)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let text = try #require(html)
        #expect(text.contains("<title>Getting started"))
        #expect(text.components(separatedBy: "<h1").count == 2, "one h1")
        #expect(text.contains("Some text."))
    }

    @Test func aPageWithNeitherIsAnErrorAsBefore() throws {
        let (result, _) = try build("Some text.\n\n# Late heading\n")
        #expect(result.diagnostics.map(\.code) == [.missingTitle])
        #expect(!result.didWrite)
    }

    @Test func aDifferentHeadingUnderAFrontMatterTitleStaysWithItsWarning() throws {
        let (result, _) = try build("---\ntitle: Title\n---\n# Something else\n")
        #expect(result.diagnostics.map(\.code) == [.headingLevel])
    }

    @Test func diagnosticsInTheBodyKeepTheirLines() throws {
        let (result, _) = try build("# Title\n\nSee [gone](gone.md).\n")
        #expect(result.diagnostics.first?.location == SourceLocation(path: "content/x.md", line: 3, column: 5))
    }
}

/// Issue 24: only what pages use is published; a tool's own files left in content/ are not.
struct PublishingTests {
    @Test func onlyLinkedFilesAndAssetFoldersArePublishedAndPartialsAreNotPages() throws {
        let site = TestSite([
            "index.md": TestSite.page("Home", "![Chart](chart.svg)\n"),
            "chart.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
            "CNAME": "docs.example.org",
            "hooks.py": "print('x')",
            "guide/assets/logo.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
            "guide/index.md": TestSite.page("Guide"),
            "_partial.md": TestSite.page("Partial"),
            "_snippets/contacts.md": "Call the team.",
        ])
        let (result, output) = try site.build()
        #expect(result.didWrite)
        let files = Set(output.files.keys)
        #expect(files.contains("chart.svg") && files.contains("guide/assets/logo.svg"))
        #expect(!files.contains("CNAME") && !files.contains("hooks.py"))
        #expect(!files.contains { $0.hasPrefix("_") }, "\(files.sorted())")
        let unused = result.diagnostics.filter { $0.code == .unusedFile }.compactMap(\.location?.path).sorted()
        #expect(unused == ["content/CNAME", "content/hooks.py"])
        #expect(result.diagnostics.allSatisfy { $0.code == .unusedFile }, "\(result.diagnostics)")
    }
}
