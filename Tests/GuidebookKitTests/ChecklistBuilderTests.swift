import GuidebookMarkdown
import GuidebookTestSupport
import Testing

@testable import GuidebookKit

struct ChecklistBuilderTests {
    func checklists(_ markdown: String, page: String = "governance.html") -> [Checklist] {
        ChecklistBuilder.checklists(pageOutputPath: page, pageTitle: "Governance", outline: MarkdownParser.outline(of: markdown))
    }

    func ids(_ markdown: String) -> [String: String] {
        Dictionary(uniqueKeysWithValues: checklists(markdown)[0].items.map { ($0.text, $0.id) })
    }

    @Test func idsComeFromThePageTheHeadingAndTheText() throws {
        let lists = checklists("## Ten early tasks\n\n- [ ] Agree terms\n- [x] Appoint a chair\n", page: "a/governance.html")
        let list = try #require(lists.first)
        #expect(list.id == "a/governance--ten-early-tasks")
        #expect(list.elementID == "checklist-ten-early-tasks")
        #expect(list.title == "Ten early tasks")
        #expect(list.items.map(\.isChecked) == [false, true])
        #expect(list.items.allSatisfy { $0.id.count == 8 })
    }

    @Test func reorderingAddingAndRemovingOtherItemsKeepsIDs() {
        let before = ids("## Tasks\n\n- [ ] One\n- [ ] Two\n- [ ] Three\n")
        let after = ids("## Tasks\n\n- [ ] Three\n- [ ] New\n- [ ] One\n")
        #expect(after["One"] == before["One"])
        #expect(after["Three"] == before["Three"])
        #expect(after["New"] != nil && !before.values.contains(after["New"]!))
    }

    @Test func editingAnItemChangesOnlyItsID() {
        let before = ids("## Tasks\n\n- [ ] One\n- [ ] Two\n")
        let after = ids("## Tasks\n\n- [ ] One\n- [ ] Two, edited\n")
        #expect(after["One"] == before["One"])
        #expect(after["Two, edited"] != before["Two"])
    }

    @Test func whitespaceAndCaseDoNotChangeAnID() {
        #expect(ChecklistBuilder.textHash("Agree  the terms") == ChecklistBuilder.textHash("agree the terms"))
        // ASCII is folded a byte at a time; a no-break space at the end (white space, dropped)
        // sends the same text down the Unicode path, which must agree.
        for text in ["Agree  the terms", " Appoint\ta chair\r\n", "CAF (0-19)", "", "\u{0B}x\u{0C}y "] {
            #expect(ChecklistBuilder.textHash(text) == ChecklistBuilder.textHash(text + "\u{00A0}"), "\(text.debugDescription)")
        }
    }

    @Test func identicalItemsStayDistinct() {
        let items = checklists("## Tasks\n\n- [ ] Same\n- [ ] Same\n")[0].items
        #expect(items[1].id == items[0].id + "-2")
    }

    @Test func listsWithoutHeadingsOrUnderTheSameHeadingGetDistinctIDs() {
        let lists = checklists("- [ ] A\n\nText\n\n- [ ] B\n\n## Tasks\n\n- [ ] C\n\nMore\n\n- [ ] D\n")
        #expect(lists.map(\.id) == ["governance--checklist", "governance--checklist-2", "governance--tasks", "governance--tasks-2"])
        #expect(lists[0].title == "Governance")
    }

    @Test func theBuiltPageCarriesTheIDsAndTheMyChecklistsPageListsThem() throws {
        let site = TestSite([
            "index.md": TestSite.page("Home"),
            "governance.md": TestSite.page("Governance", "## Early tasks\n\n- [ ] Agree terms\n- [x] Appoint a chair\n"),
        ])
        let (result, output) = try site.build()
        #expect(result.pagesWritten.contains("checklists.html"))
        let page = try #require(output.text(at: "governance.html"))
        #expect(
            page.contains(
                "<div class=\"checklist\" id=\"checklist-early-tasks\" data-checklist=\"governance--early-tasks\" data-checklist-title=\"Early tasks\" role=\"group\" aria-labelledby=\"early-tasks\">"
            ))
        #expect(
            page.contains(
                "<label class=\"task\"><input type=\"checkbox\" disabled checked data-item=\"\(ChecklistBuilder.textHash("Appoint a chair"))\"> Appoint a chair</label>"
            ))
        #expect(page.contains("data-guide-id=\"test-guide\""))
        let index = try #require(output.text(at: "checklists.html"))
        #expect(index.contains("data-checklist=\"governance--early-tasks\""))
        // The heading, so the reader lands with the checklist's title in view.
        #expect(index.contains("href=\"governance.html#early-tasks\""))
        #expect(index.contains("data-checked-by-default=\"\(ChecklistBuilder.textHash("Appoint a chair"))\""))
    }
}
