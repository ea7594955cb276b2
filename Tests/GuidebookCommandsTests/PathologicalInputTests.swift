import Foundation
import Testing

/// cmark-gfm's pathological inputs (its test/pathological_tests.py), one page each, at the sizes cmark
/// itself is tested with: Guidebook's own walks over the tree must stay linear too (issue 23). Before,
/// nested strong emphasis took 8 s at a tenth of this size and did not finish in 120 s at this one.
/// The guard is generous (cmark parses each in well under a second): it catches a hang, it does not
/// time the build.
@Suite struct PathologicalInputTests {
    static let hangGuard = 60.0

    static let patterns: [(name: String, markdown: String)] = [
        ("nested strong emphasis", String(repeating: "*a **a ", count: 65_000) + "b" + String(repeating: " a** a*", count: 65_000)),
        ("emphasis closers with no openers", String(repeating: "a_ ", count: 65_000)),
        ("emphasis openers with no closers", String(repeating: "_a ", count: 65_000)),
        ("link closers with no openers", String(repeating: "a]", count: 65_000)),
        ("link openers with no closers", String(repeating: "[a", count: 65_000)),
        ("mismatched openers and closers", String(repeating: "*a_ ", count: 50_000)),
        ("openers and closers multiple of 3", "a**b" + String(repeating: "c* ", count: 50_000)),
        ("link openers and emphasis closers", String(repeating: "[ a_", count: 50_000)),
        ("pattern [ (]( repeated", String(repeating: "[ (](", count: 80_000)),
        ("nested brackets", String(repeating: "[", count: 50_000) + "a" + String(repeating: "]", count: 50_000)),
        ("nested block quotes", String(repeating: "> ", count: 50_000) + "a"),
        ("deeply nested lists", (0..<1_000).map { String(repeating: "  ", count: $0) + "* a\n" }.joined()),
        // cmark's 5,000 makes a page over the 10 MB page limit (a too-large error before any parse).
        ("backticks", (1..<4_000).map { "e" + String(repeating: "`", count: $0) }.joined()),
        ("unclosed links A", String(repeating: "[a](<b", count: 30_000)),
        ("unclosed links B", String(repeating: "[a](b", count: 30_000)),
        ("tables", String(repeating: "aaa\rbbb\n-\u{0B}\n", count: 30_000)),
        // Guidebook's own: nested images (each holds the text of those inside it), equal headings and
        // equal checklist items (each numbered after the last), nested task lists.
        ("nested images", String(repeating: "![a ", count: 20_000) + String(repeating: "](i.png)", count: 20_000)),
        ("equal headings", String(repeating: "## Same\n\ntext\n\n", count: 20_000)),
        ("equal checklist items", String(repeating: "- [ ] same\n", count: 20_000)),
        ("deeply nested task lists", (0..<1_000).map { String(repeating: "  ", count: $0) + "- [ ] a\n" }.joined()),
    ]

    /// The image the nested-images page shows, so that the page gets as far as rendering.
    static let onePixelPNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="

    @Test(arguments: patterns.map(\.name))
    func buildsWithoutHanging(pattern name: String) throws {
        let markdown = Self.patterns.first { $0.name == name }!.markdown
        let project = try ProjectCopy(fixture: "basic")
        try project.write(
            "---\ntitle: Pathological\nsummary: One of cmark-gfm's pathological inputs.\n---\n\n" + markdown + "\n",
            to: "content/pathological.md")
        try project.write(Data(base64Encoded: Self.onePixelPNG)!, to: "content/i.png")
        let started = Date()
        let outcome = try GuidebookProcess.run(["build", "--output", "pathological-site"], in: project.root, hangGuard: Self.hangGuard)
        let seconds = Date().timeIntervalSince(started)
        #expect(outcome.status != SIGKILL, "'\(name)' still building after \(Self.hangGuard) s")
        // Content never crashes the build: it builds, or fails with diagnostics (status 1).
        #expect(outcome.status == 0 || outcome.status == 1, "'\(name)': exit \(outcome.status)\n\(outcome.standardError.prefix(2_000))")
        if outcome.status == 0 {
            #expect(FileManager.default.fileExists(atPath: project.root.appendingPathComponent("pathological-site/pathological.html").path))
        }
        print("pathological '\(name)': \(String(format: "%.2f", seconds)) s, exit \(outcome.status)")
    }
}
