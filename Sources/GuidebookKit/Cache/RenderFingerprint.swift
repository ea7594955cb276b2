import Foundation

/// What a page's HTML is made from, hashed in two parts: the page template's context (sidebar
/// included, `PageRenderer.bodyMarker` for the body) and everything its body's HTML is made from.
/// A build from the build cache that finds both as the last build recorded them keeps the page's
/// file instead of rendering it again (`PreviousSite`): so a title edit rewrites the pages that show
/// the title, and only those. Two parts, because a body edit from the cache (`IncrementalBuild`)
/// knows the new body's, and that the template's did not change, but could not make the template's.
struct PageFingerprint: Sendable, Equatable {
    var template: UInt64
    var body: UInt64
}

enum RenderFingerprint {
    static func template(_ context: [String: Any]) -> UInt64 {
        var writer = CacheWriter()
        append(context, to: &writer)
        return ContentHash.fingerprint(writer.bytes)
    }

    static func body(
        _ body: String, outputPath: String, rewrites: [String: String], checklists: [Checklist],
        glossary: UInt64, allowsRawHTML: Bool
    ) -> UInt64 {
        var writer = CacheWriter()
        writer.string(body)
        writer.string(outputPath)
        writer.dictionary(rewrites)
        writer.checklists(checklists)
        writer.uint64(glossary)
        writer.bool(allowsRawHTML)
        return ContentHash.fingerprint(writer.bytes)
    }

    /// What a page's body in the print edition is made from.
    static func printBody(_ body: String, outputPath: String, rewrites: [String: String], allowsRawHTML: Bool) -> UInt64 {
        var writer = CacheWriter()
        writer.string(body)
        writer.string(outputPath)
        writer.dictionary(rewrites)
        writer.bool(allowsRawHTML)
        return ContentHash.fingerprint(writer.bytes)
    }

    /// The glossary as a body's HTML uses it: each term with its definition and where it links to.
    /// (A page's own terms are not marked in it: that follows from its output path, hashed with it.)
    static func glossary(_ entries: [Glossary.Entry], outputPathOfPage: (Int) -> String) -> UInt64 {
        var writer = CacheWriter()
        for entry in entries {
            writer.strings([entry.term, entry.definition, outputPathOfPage(entry.page), entry.headingID])
            writer.bool(entry.isAbbreviation)
        }
        return ContentHash.fingerprint(writer.bytes)
    }

    /// A template context as bytes: each value tagged with its kind, dictionaries in key order.
    /// Contexts hold strings, numbers, booleans, arrays and dictionaries; anything else is written
    /// as its type and description, which is still the same for the same value.
    static func append(_ value: Any, to writer: inout CacheWriter) {
        switch value {
        case let text as String:
            writer.int(1)
            writer.string(text)
        case let flag as Bool:
            writer.int(2)
            writer.bool(flag)
        case let number as Int:
            writer.int(3)
            writer.int(number)
        case let dictionary as [String: Any]:
            writer.int(4)
            writer.int(dictionary.count)
            for key in dictionary.keys.sorted() {
                writer.string(key)
                append(dictionary[key]!, to: &writer)
            }
        case let array as [Any]:
            writer.int(5)
            writer.int(array.count)
            for element in array { append(element, to: &writer) }
        default:
            writer.int(6)
            writer.string("\(type(of: value))")
            writer.string(String(describing: value))
        }
    }
}
