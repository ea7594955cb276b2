import GuidebookKit
import Testing

struct DiagnosticFormatterTests {
    @Test func compilerStyleWithNotes() {
        let diagnostic = Diagnostic.error(
            .brokenLink, "link target 'governanse.md' does not exist",
            at: SourceLocation(path: "content/governance.md", line: 12, column: 7),
            notes: ["did you mean 'governance.md'?"])
        #expect(
            DiagnosticFormatter.format(diagnostic) == """
                content/governance.md:12:7: error: link target 'governanse.md' does not exist [broken-link]
                content/governance.md:12:7: note: did you mean 'governance.md'?
                """)
    }

    @Test func sortsByFileThenLine() {
        let later = Diagnostic.warning(.headingLevel, "b", at: SourceLocation(path: "content/a.md", line: 9))
        let earlier = Diagnostic.error(.brokenLink, "a", at: SourceLocation(path: "content/a.md", line: 2))
        let other = Diagnostic.error(.missingTitle, "c", at: SourceLocation(path: "content/b.md", line: 1))
        #expect(DiagnosticFormatter.sorted([other, later, earlier]).map(\.summary) == ["a", "b", "c"])
    }
}
