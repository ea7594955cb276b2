import Testing

@testable import GuidebookMarkdown

struct MarkdownParserTests {
    @Test func collectsHeadingsWithPositionsAndIDs() {
        let outline = MarkdownParser.outline(of: "Intro\n\n## First part\n\ntext\n\n### Détails ici\n")
        #expect(outline.headings.map(\.id) == ["first-part", "détails-ici"])
        #expect(outline.headings.map(\.level) == [2, 3])
        #expect(outline.headings[0].position == MarkdownPosition(line: 3, utf8Column: 1))
    }

    @Test func collectsLinksWithTheirPositions() {
        let outline = MarkdownParser.outline(of: "First line\nsee [gov](governance.md) and ![pic](a.png)\n")
        #expect(outline.links.map(\.destination) == ["governance.md", "a.png"])
        #expect(outline.links[0].position == MarkdownPosition(line: 2, utf8Column: 5))
        #expect(outline.links[1].kind == .image)
        #expect(outline.links[0].text == "gov")
    }

    @Test func linkColumnsCountBytesAfterNonASCIIText() {
        let outline = MarkdownParser.outline(of: "Café [x](y.md)\n")
        #expect(outline.links[0].position.utf8Column == 7, "é is two bytes in UTF-8")
    }

    @Test func groupsTaskItemsIntoListsNamedByTheHeadingAbove() {
        let outline = MarkdownParser.outline(of: "## Early tasks\n\n- [ ] Agree terms\n- [x] Appoint chair\n\n## Later\n\n- [ ] Review\n")
        #expect(outline.taskLists.count == 2)
        #expect(outline.taskLists[0].heading?.id == "early-tasks")
        #expect(outline.taskLists[0].items.map(\.text) == ["Agree terms", "Appoint chair"])
        #expect(outline.taskLists[0].items.map(\.isChecked) == [false, true])
        #expect(outline.taskLists[1].heading?.text == "Later")
    }

    @Test func plainTextHasNoMarkdownSyntax() {
        let outline = MarkdownParser.outline(of: "## Title\n\nSome **bold** and [a link](x.md).\n")
        #expect(outline.plainText.contains("Some bold and a link."))
        #expect(!outline.plainText.contains("**"))
        #expect(!outline.plainText.contains("x.md"))
    }
}

struct MarkdownSectionTextTests {
    @Test func tableCellsAndItemsAreSeparated() {
        let outline = MarkdownParser.outline(of: "| Location | Pros |\n|---|---|\n| Schools | Close |\n\n- [ ] one\n- [ ] two\n")
        #expect(outline.plainText.contains("Location Pros"))
        #expect(outline.plainText.contains("Schools Close"))
        #expect(outline.plainText.contains("one\n"))
        #expect(!outline.plainText.contains("LocationPros"))
    }

    @Test func sectionsSplitAtH2AndH3WithTheirHeadings() {
        let outline = MarkdownParser.outline(of: "Intro text.\n\n## First\n\nBody one.\n\n#### Deep\n\nStill first.\n\n### Second\n\nBody two.\n")
        #expect(outline.sections.map { $0.heading?.text } == [nil, "First", "Second"])
        #expect(outline.sections[1].text.contains("Deep"))
        #expect(outline.sections[1].text.contains("Still first."))
        #expect(!outline.sections[1].text.contains("First\n"), "the heading's own text is the section's heading, not its body")
    }
}
