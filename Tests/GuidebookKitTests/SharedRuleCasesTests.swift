import Foundation
import GuidebookMarkdown
import Testing

@testable import GuidebookKit

/// The shared table of text-rule cases, Tests/Fixtures/rules/cases.json (its "about" says what each
/// section means): Swift's answers are the truth the table was written from, and search.js
/// (Tests/js) and the Python copies of the slug rule check the same cases.
struct SharedRuleCasesTests {
    struct Case<Input: Decodable & Sendable, Output: Decodable & Sendable & Equatable>: Decodable, Sendable, CustomTestStringConvertible {
        var input: Input
        var expected: Output
        var note: String?

        var testDescription: String {
            let shown = "\(input)".unicodeScalars.map { $0.isASCII && $0.value >= 0x20 ? String($0) : "\\u{\(String($0.value, radix: 16))}" }.joined()
            return note.map { "\(shown) (\($0))" } ?? shown
        }
    }

    struct Table: Decodable, Sendable {
        var fold: [Case<String, String>]
        var tokens: [Case<String, [String]>]
        var slug: [Case<String, String>]
        var ids: [Case<[String], [String]>]
    }

    static let tableURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/rules/cases.json")

    /// Read once; a table that cannot be read fails `tableIsRead` instead of stopping the run.
    static let table: Result<Table, any Error> = Result { try JSONDecoder().decode(Table.self, from: Data(contentsOf: tableURL)) }
    static var cases: Table? { try? table.get() }

    @Test func tableIsRead() throws {
        let table = try Self.table.get()
        #expect(!table.fold.isEmpty && !table.tokens.isEmpty && !table.slug.isEmpty && !table.ids.isEmpty)
    }

    @Test(arguments: cases?.fold ?? [])
    func fold(_ rule: Case<String, String>) {
        #expect(Tokeniser.fold(rule.input) == rule.expected)
    }

    @Test(arguments: cases?.tokens ?? [])
    func tokens(_ rule: Case<String, [String]>) {
        #expect(Tokeniser.tokens(rule.input) == rule.expected)
    }

    /// The heading-id rule, and for ASCII headings its byte-wise copy in the search index, the one
    /// search.js repeats (other headings have none: the index keeps their anchors).
    @Test(arguments: cases?.slug ?? [])
    func slug(_ rule: Case<String, String>) {
        #expect(HeadingIDGenerator.slug(rule.input) == rule.expected)
        let isASCII = rule.input.utf8.allSatisfy { $0 < 0x80 }
        #expect(SearchEncoding.asciiSlug(rule.input) == (isASCII ? rule.expected : nil))
    }

    @Test(arguments: cases?.ids ?? [])
    func ids(_ rule: Case<[String], [String]>) {
        var generator = HeadingIDGenerator()
        #expect(rule.input.map { generator.uniqueID(for: $0) } == rule.expected)
    }
}
