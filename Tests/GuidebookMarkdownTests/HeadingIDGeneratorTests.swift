import Testing
import GuidebookMarkdown

struct HeadingIDGeneratorTests {
    @Test(arguments: [
        ("Ten early tasks for a steering group", "ten-early-tasks-for-a-steering-group"),
        ("Recruitment or secondment?", "recruitment-or-secondment"),
        ("Children\u{2019}s centres (Sure Start)", "childrens-centres-sure-start"),
        ("HOPE, Surrey", "hope-surrey"),
        ("Line management -- supervision", "line-management-supervision"),
        ("  Spaced   out  ", "spaced-out"),
        ("snake_case_name", "snake-case-name"),
        ("0-19 services", "0-19-services"),
        ("Übergänge", "übergänge"),
    ])
    func slug(text: String, expected: String) {
        #expect(HeadingIDGenerator.slug(text) == expected)
    }

    @Test func repeatsGetNumberedSuffixes() {
        var generator = HeadingIDGenerator()
        #expect(["Reading", "Reading", "Reading", "Reading 2", "?!"].map { generator.uniqueID(for: $0) }
                == ["reading", "reading-2", "reading-3", "reading-2-2", "section"])
    }

    /// ASCII text takes a byte-wise path; a character the slug drops (’) sends it down the
    /// Unicode one, which must give the same slug.
    @Test(arguments: ["Who to hire", "  --Hello__World 2!! ", "\r\nA\tB\u{0B}c", "CAF (0-19) & co-location", "a_b-c d", "", "!!!", "Section 10.2: Terms"])
    func asciiSlugsMatchTheUnicodePath(text: String) {
        #expect(HeadingIDGenerator.slug(text) == HeadingIDGenerator.slug(text + "\u{2019}"))
    }
}
