import GuidebookMarkdown
import Testing

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
        #expect(
            ["Reading", "Reading", "Reading", "Reading 2", "?!"].map { generator.uniqueID(for: $0) }
                == ["reading", "reading-2", "reading-3", "reading-2-2", "section"])
    }

    @Test(arguments: [
        ("Data protection {#gdpr}", "Data protection", "gdpr"), ("Options {#docs_dir}", "Options", "docs_dir"),
        ("v1.0.0 {#v1-0-0}", "v1.0.0", "v1-0-0"),
    ])
    func explicitIDsAreKept(text: String, shown: String, id: String) {
        var generator = HeadingIDGenerator()
        #expect(generator.textAndID(for: text) == (shown, id))
        if HeadingIDGenerator.slug(id) == id {
            #expect(generator.uniqueID(for: id) == "\(id)-2", "an explicit id is taken")
        }
    }

    @Test(arguments: ["Braces {not an id}", "Empty {#}", "Spaces {#a b}", "Not last {#x} here"])
    func textThatIsNotAnExplicitID(text: String) {
        #expect(HeadingIDGenerator.explicitID(in: text) == nil)
    }

    /// A heading written like a numbered repeat takes its number, and later repeats skip it.
    @Test func aNumberTakenByAHeadingIsSkipped() {
        var generator = HeadingIDGenerator()
        #expect(
            ["Notes", "Notes 3", "Notes", "Notes", "Notes", "Notes 3"].map { generator.uniqueID(for: $0) }
                == ["notes", "notes-3", "notes-2", "notes-4", "notes-5", "notes-3-2"])
    }

    /// 100,000 equal headings (issue 22: a page of them built for more than ten minutes, as each
    /// repeat tried every number before its own). Each now gets the next number straight away.
    @Test func manyRepeatsAreNumberedInOrder() {
        var generator = HeadingIDGenerator()
        let ids = (0..<100_000).map { _ in generator.uniqueID(for: "Same") }
        #expect(ids.first == "same" && ids[1] == "same-2" && ids.last == "same-100000")
        #expect(Set(ids).count == ids.count)
    }

    /// ASCII text takes a byte-wise path; a character the slug drops (’) sends it down the
    /// Unicode one, which must give the same slug.
    @Test(arguments: ["Who to hire", "  --Hello__World 2!! ", "\r\nA\tB\u{0B}c", "CAF (0-19) & co-location", "a_b-c d", "", "!!!", "Section 10.2: Terms"])
    func asciiSlugsMatchTheUnicodePath(text: String) {
        #expect(HeadingIDGenerator.slug(text) == HeadingIDGenerator.slug(text + "\u{2019}"))
    }
}
