import Testing

@testable import GuidebookKit

struct FrontMatterParserTests {
    let path = "content/page.md"

    @Test func readsKnownAndExtraFields() throws {
        let text = "---\ntitle: Governance\nsummary: How it is run.\norder: 5\ntags: [a, b]\ndraft: false\nowner: Team\nreview_by: 2027-09-30\n---\nBody\n"
        let result = FrontMatterParser.parse(text, path: path)
        let frontMatter = try #require(result.frontMatter)
        #expect(result.diagnostics.isEmpty)
        #expect(frontMatter.title == "Governance")
        #expect(frontMatter.summary == "How it is run.")
        #expect(frontMatter.order == 5)
        #expect(frontMatter.tags == ["a", "b"])
        #expect(frontMatter.isDraft == false)
        #expect(frontMatter.extraValue("owner") == .string("Team"))
        #expect(frontMatter.extraValue("review_by") == .string("2027-09-30"))
        #expect(result.body == "Body\n")
        #expect(result.bodyFirstLine == 10)
    }

    @Test func readsWindowsLineEndings() throws {
        let result = FrontMatterParser.parse("---\r\ntitle: Written on Windows\r\ntags: [a]\r\n---\r\nBody\r\n", path: path)
        let frontMatter = try #require(result.frontMatter)
        #expect(result.diagnostics.isEmpty)
        #expect(frontMatter.title == "Written on Windows")
        #expect(frontMatter.tags == ["a"])
        #expect(result.body == "Body\r\n")
        #expect(result.bodyFirstLine == 5)
    }

    @Test func readsAByteOrderMark() throws {
        let result = FrontMatterParser.parse("\u{FEFF}---\r\ntitle: Saved by Notepad\r\n---\r\nBody", path: path)
        #expect(try #require(result.frontMatter).title == "Saved by Notepad")
        #expect(result.body == "Body")
    }

    @Test func unclosedWindowsFrontMatterCountsItsLines() {
        let result = FrontMatterParser.parse("---\r\ntitle: Open\r\nBody\r\n", path: path)
        #expect(result.diagnostics.map(\.code) == [.unclosedFrontMatter])
        #expect(result.bodyFirstLine == 5)
    }

    @Test func fencesMayHaveSpacesAndTheBodyMayBeEmpty() throws {
        let result = FrontMatterParser.parse(" --- \ntitle: T\n---\t", path: path)
        #expect(try #require(result.frontMatter).title == "T")
        #expect(result.body == "")
        #expect(result.bodyFirstLine == 4)
        #expect(FrontMatterParser.parse("", path: path).diagnostics.map(\.code) == [.missingTitle])
        #expect(FrontMatterParser.parse("---\n---\nBody", path: path).body == "Body")
    }

    @Test func unclosedFrontMatter() {
        let result = FrontMatterParser.parse("---\ntitle: Open\nBody\n", path: path)
        #expect(result.frontMatter == nil)
        #expect(result.diagnostics.map(\.code) == [.unclosedFrontMatter])
        #expect(result.diagnostics.first?.location == SourceLocation(path: path, line: 1, column: 1))
        #expect(result.bodyFirstLine == 5)
    }

    @Test func invalidYAMLPointsIntoTheFile() throws {
        let result = FrontMatterParser.parse("---\ntitle: Fine\ntags: [a, b\n---\n", path: path)
        let diagnostic = try #require(result.diagnostics.first)
        #expect(diagnostic.code == .invalidFrontMatter)
        #expect(diagnostic.summary.hasPrefix("invalid YAML in front matter"))
        let location = try #require(diagnostic.location)
        #expect(location.line >= 3, "the error is on or after the tags line in the file, not inside the YAML block")
    }

    @Test(arguments: [
        ("order: first", "'order' in front matter must be an integer, not 'first'", 3, 8),
        ("tags: 3", "'tags' in front matter must be a list, such as [a, b], not '3'", 3, 7),
        ("draft: maybe", "'draft' in front matter must be true or false, not 'maybe'", 3, 8),
    ])
    func wrongTypes(line: String, message: String, lineNumber: Int, column: Int) throws {
        let result = FrontMatterParser.parse("---\ntitle: T\n\(line)\n---\n", path: path)
        let diagnostic = try #require(result.diagnostics.first)
        #expect(diagnostic.code == .invalidFrontMatter)
        #expect(diagnostic.summary == message)
        #expect(diagnostic.location == SourceLocation(path: path, line: lineNumber, column: column))
        // The rest of the front matter is kept: the page is still a page, its error reported.
        #expect(result.frontMatter?.title == "T")
        #expect(result.frontMatter?.order == nil && result.frontMatter?.tags == [])
        // A draft flag that cannot be read counts as a draft, so the page is never published by mistake.
        #expect(result.frontMatter?.isDraft == line.hasPrefix("draft:"))
    }

    @Test func missingTitle() {
        let result = FrontMatterParser.parse("---\nsummary: No title here\n---\nBody", path: path)
        #expect(result.diagnostics.map(\.code) == [.missingTitle])
    }

    @Test func noFrontMatterAtAllIsAMissingTitle() {
        let result = FrontMatterParser.parse("# Just markdown\n", path: path)
        #expect(result.diagnostics.map(\.code) == [.missingTitle])
    }

    @Test func reportsEveryWrongFieldAtOnce() {
        let result = FrontMatterParser.parse("---\ntitle: T\norder: x\ntags: 3\n---\n", path: path)
        #expect(result.diagnostics.count == 2)
    }
}
