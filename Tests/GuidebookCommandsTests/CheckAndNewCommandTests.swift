import Foundation
import Testing

struct CheckAndNewCommandTests {
    @Test func checkWritesNothingAndExitsZeroWhenClean() throws {
        let project = try ProjectCopy()
        let outcome = try GuidebookProcess.run(["check"], in: project.root)
        #expect(outcome.status == 0, "\(outcome.standardError)")
        #expect(outcome.standardOutput.contains("0 errors, 0 warnings"))
        #expect(project.siteSnapshot().isEmpty, "check writes no site")
    }

    @Test func checkExitsOneOnErrorsAndPrintsJSON() throws {
        let project = try ProjectCopy()
        try project.write(TestText.page("Last", "[gone](gone.md)"), to: "content/last.md")
        let text = try GuidebookProcess.run(["check"], in: project.root)
        #expect(text.status == 1)
        #expect(text.standardError.contains("content/last.md:4:1: error: link target 'gone.md' does not exist [broken-link]"))
        #expect(text.standardOutput.contains("Checked 8 pages: 1 error, 0 warnings"), "pages are counted even when the check fails: \(text.standardOutput)")
        let json = try GuidebookProcess.run(["check", "--format", "json"], in: project.root)
        #expect(json.status == 1)
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [[String: Any]])
        #expect(entries.count == 1)
        #expect(entries[0]["file"] as? String == "content/last.md")
        #expect(entries[0]["line"] as? Int == 4)
        #expect(entries[0]["column"] as? Int == 1)
        #expect(entries[0]["severity"] as? String == "error")
        #expect(entries[0]["code"] as? String == "broken-link")
        #expect(entries[0]["message"] as? String == "link target 'gone.md' does not exist")
    }

    @Test func checkStrictFailsOnWarnings() throws {
        let project = try ProjectCopy()
        try project.write(TestText.page("Last", "# Second h1"), to: "content/last.md")
        #expect(try GuidebookProcess.run(["check"], in: project.root).status == 0)
        #expect(try GuidebookProcess.run(["check", "--strict"], in: project.root).status == 1)
    }

    @Test func newCreatesAPageThatBuildsAndNeverOverwrites() throws {
        let project = try ProjectCopy()
        try project.write("title: Fixture Guide\ndefaults:\n  owner: Guide Team\n  review_months: 12\n", to: "guidebook.yml")
        let created = try GuidebookProcess.run(["new", "section/volunteer-roles"], in: project.root)
        #expect(created.status == 0, "\(created.standardError)")
        let text = try String(contentsOf: project.root.appendingPathComponent("content/section/volunteer-roles.md"), encoding: .utf8)
        #expect(text.contains("title: Volunteer roles\n"))
        #expect(text.contains("order: 4\n"), "after Deeper section (order 3)")
        #expect(text.contains("owner: Guide Team\n"))
        try project.write(TestText.page("Mine", "Editor's words"), to: "content/section/mine.md")
        let refused = try GuidebookProcess.run(["new", "section/mine"], in: project.root)
        #expect(refused.status == 1)
        #expect(refused.standardError.contains("content/section/mine.md already exists"))
        #expect(try String(contentsOf: project.root.appendingPathComponent("content/section/mine.md"), encoding: .utf8).contains("Editor's words"))
        #expect(try project.build().status == 0)
    }
}
