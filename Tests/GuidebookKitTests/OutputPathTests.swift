import Testing

@testable import GuidebookKit

struct OutputPathTests {
    @Test(arguments: [
        ("index.md", "index.html"),
        ("governance.md", "governance.html"),
        ("a/b.md", "a/b.html"),
        ("a/index.md", "a/index.html"),
        ("My Page.md", "My-Page.html"),
        ("pics/tree.svg", "pics/tree.svg"),
        ("Children's services.md", "Childrens-services.html"),
        ("Q&A.md", "Q-and-A.html"),
        ("Housing, benefits/Rent & council tax.md", "Housing-benefits/Rent-and-council-tax.html"),
        ("A+B.md", "A-plus-B.html"),
        ("Gwasanaethau ŵyr (0-19)!.md", "Gwasanaethau-ŵyr-(0-19)!.html"),
        ("what?.md", "what.html"),
        ("a/#b.md", "a/b.html"),
        ("100%.md", "100-percent.html"),
        ("Notes \u{2018}draft\u{2019} .md", "Notes-draft.html"),
    ])
    func mapsContentPaths(content: String, output: String) throws {
        #expect(try OutputPath.map(contentPath: content).get() == output)
    }

    @Test(arguments: ["a/../b.md", "bad\u{1}name.md", "folder\\x.md", "./x.md", "a/?.md", "' '.md", " lead.md"])
    func rejectsUnsafeSegments(content: String) {
        #expect(throws: OutputPathError.self) { try OutputPath.map(contentPath: content).get() }
    }

    @Test(arguments: [
        ("index.html", "governance.html", "governance.html"),
        ("a/b.html", "governance.html", "../governance.html"),
        ("a/b.html", "a/c.html", "c.html"),
        ("a/b.html", "a/index.html", "index.html"),
        ("index.html", "building/index.html", "building/index.html"),
        ("a/b/c.html", "a/x/y.html", "../x/y.html"),
        ("a/b/c.html", "index.html", "../../index.html"),
    ])
    func relativeURLs(from: String, to: String, expected: String) {
        #expect(OutputPath.relativeURL(from: from, to: to) == expected)
    }
}
