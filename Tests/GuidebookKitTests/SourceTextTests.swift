import Testing

@testable import GuidebookKit

struct SourceTextTests {
    @Test(arguments: ["a\nbé x", "a\r\nbé x"])
    func columnsCountCharactersOnTheRightLine(text: String) {
        let source = SourceText(text)
        // "x" is the 5th byte of "bé x" and its 4th character.
        #expect(source.characterColumn(line: 2, utf8Column: 5) == 4)
        #expect(source.characterColumn(line: 1, utf8Column: 1) == 1)
    }
}
