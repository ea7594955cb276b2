import Foundation

/// The compact text encodings of search index format 3 (README, "Search index format"); search.js
/// decodes them. Postings are written as characters inside a JavaScript string literal, so the
/// alphabet is the printable ASCII that needs no escaping there: `#` to `~` without `\`.
enum SearchEncoding {
    static let digitCount = 91
    /// Digit values from `terminalBase` up mean "more digits follow".
    static let terminalBase = 45

    /// Score codes: code q stands for `minimumScore * exp(scoreStep * q)`, so 91 codes span scores
    /// 0.01 to about 33 with 9% steps. (Kept from format 2, when codes held whole BM25 scores. The
    /// term-frequency part they hold now stays below 2.2, code 61; the codes above are reached only
    /// by pages whose `search_weight` is above 1, `codeShift`: up to 26 more for the largest, 10.)
    static let minimumScore = 0.01
    static let scoreStep = 0.0889
    static let maximumScoreCode = digitCount - 1

    static func digit(_ value: Int) -> Character {
        Character(Unicode.Scalar(digitByte(value)))
    }

    static func digitByte(_ value: Int) -> UInt8 {
        let code = 35 + value
        return UInt8(code >= 92 ? code + 1 : code)
    }

    /// Most significant digit first; every digit but the last is offset by `terminalBase`.
    static func appendVarint(_ number: Int, to bytes: inout [UInt8]) {
        if number >= terminalBase { appendLeadingDigits(number / terminalBase, to: &bytes) }
        bytes.append(digitByte(number % terminalBase))
    }

    private static func appendLeadingDigits(_ number: Int, to bytes: inout [UInt8]) {
        if number >= terminalBase { appendLeadingDigits(number / terminalBase, to: &bytes) }
        bytes.append(digitByte(terminalBase + number % terminalBase))
    }

    static func scoreCode(_ score: Double) -> Int {
        guard score > minimumScore else { return 0 }
        return min(maximumScoreCode, Int((log(score / minimumScore) / scoreStep).rounded()))
    }

    /// How many score codes a weight moves a page's postings: codes are logarithmic, so multiplying
    /// a score by the weight adds a constant to its code.
    static func codeShift(forWeight weight: Double) -> Int {
        guard weight > 0, weight != 1 else { return 0 }
        return Int((log(weight) / scoreStep).rounded())
    }

    static func shifted(_ code: Int, by shift: Int) -> Int {
        shift == 0 ? code : min(maximumScoreCode, max(0, code + shift))
    }

    static func score(ofCode code: Int) -> Double {
        minimumScore * exp(scoreStep * Double(code))
    }

    /// Postings in document order: each a document-id delta (from 0) and one score-code digit.
    /// Gathered as bytes, not as one-character Strings: a large guide has millions of postings.
    static func postings(_ postings: [SearchPosting]) -> String {
        String(decoding: postingBytes(postings), as: UTF8.self)
    }

    static func postingBytes(_ postings: [SearchPosting]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(postings.count * 3)
        appendPostingBytes(postings, to: &bytes)
        return bytes
    }

    static func appendPostingBytes(_ postings: [SearchPosting], to bytes: inout [UInt8]) {
        var previous = 0
        for posting in postings {
            appendVarint(posting.document - previous, to: &bytes)
            bytes.append(digitByte(posting.scoreCode))
            previous = posting.document
        }
    }

    /// The inverse of `postingBytes`, for the build cache's copy; bytes no digit stands for mean
    /// the copy is damaged.
    static func decodePostings(_ bytes: [UInt8]) throws -> [SearchPosting] {
        var postings: [SearchPosting] = []
        var document = 0, delta = 0
        var expectsScore = false
        for byte in bytes {
            let value = digitValue(byte)
            guard (0..<digitCount).contains(value), byte != 92 else { throw CacheReader.Damaged() }
            if expectsScore {
                postings.append(SearchPosting(document: document, scoreCode: value))
                expectsScore = false
            } else if value >= terminalBase {
                delta = delta * terminalBase + value - terminalBase
            } else {
                document += delta * terminalBase + value
                delta = 0
                expectsScore = true
            }
        }
        return postings
    }

    private static func digitValue(_ byte: UInt8) -> Int {
        Int(byte) - 35 - (byte > 92 ? 1 : 0)
    }

    /// The heading-id rule for pure-ASCII text, simple enough for search.js to repeat; nil for
    /// other text. A result's fragment is left out of the index when this gives the real id.
    static func asciiSlug(_ text: String) -> String? {
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else { return nil }
        // Bytes lowercased one by one, not `lowercased()`: this runs for every section of the guide.
        var slug: [UInt8] = []
        slug.reserveCapacity(text.utf8.count)
        var pendingSeparator = false
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
                if pendingSeparator && !slug.isEmpty { slug.append(UInt8(ascii: "-")) }
                pendingSeparator = false
                // Upper case to lower; lower case letters have the 0x20 bit already, digits come before "A".
                slug.append(byte >= UInt8(ascii: "A") ? byte | 0x20 : byte)
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"), 0x0B, 0x0C,
                UInt8(ascii: "-"), UInt8(ascii: "_"):
                pendingSeparator = true
            default:
                break
            }
        }
        return String(decoding: slug, as: UTF8.self)
    }

    /// JavaScript compares strings by UTF-16 code units; shard ranges must sort the same way.
    /// UTF-8's byte order is the same unless one of the two has a scalar from U+E000 up (lead byte
    /// 0xEE or more; those above U+FFFF are surrogate pairs in UTF-16, below U+E000): only such
    /// pairs are compared as UTF-16, which is slower.
    static func precedesInJavaScript(_ a: String, _ b: String) -> Bool {
        precedesInJavaScript(a, isBelowE000: isBelowE000(a), b, isBelowE000: isBelowE000(b))
    }

    /// The same, with what `isBelowE000` says of each already known (a sort asks it once a string).
    static func precedesInJavaScript(_ a: String, isBelowE000 aIsBelow: Bool, _ b: String, isBelowE000 bIsBelow: Bool) -> Bool {
        guard aIsBelow && bIsBelow else { return a.utf16.lexicographicallyPrecedes(b.utf16) }
        var a = a, b = b
        return a.withUTF8 { first in
            b.withUTF8 { second in
                for index in 0..<min(first.count, second.count) where first[index] != second[index] {
                    return first[index] < second[index]
                }
                return first.count < second.count
            }
        }
    }

    /// `precedesInJavaScript`'s order for many strings: compared first by their first sixteen
    /// UTF-8 bytes as two numbers, where that decides, which is nearly every pair of a guide's word
    /// forms (sixteen, not eight: many forms share their first eight, as "partnership" and "partnerships").
    static func sortedInJavaScriptOrder(_ strings: [String]) -> [String] {
        javaScriptOrder(of: strings).map { strings[$0] }
    }

    /// The strings' indices in the order `sortedInJavaScriptOrder` puts them.
    static func javaScriptOrder(of strings: [String]) -> [Int] {
        /// 24 bytes, sorted in place, so that sorting a large guide's forms needs little fresh memory.
        struct Key {
            /// Bytes 0..<8 and 8..<16, the first byte highest, zero past the end.
            var first: UInt64, second: UInt64
            var index: Int32
            /// The length in bytes, up to 17 ("more than sixteen"), and whether every scalar is below U+E000.
            var lengthAndBelowE000: UInt32

            var isBelowE000: Bool { lengthAndBelowE000 & 0x100 != 0 }
            var length: UInt32 { lengthAndBelowE000 & 0xFF }
        }
        var keys = strings.indices.map { index -> Key in
            var words: (UInt64, UInt64) = (0, 0)
            for (offset, byte) in strings[index].utf8.prefix(16).enumerated() {
                if offset < 8 { words.0 |= UInt64(byte) << (56 - 8 * UInt64(offset)) } else { words.1 |= UInt64(byte) << (56 - 8 * UInt64(offset - 8)) }
            }
            let length = UInt32(min(strings[index].utf8.count, 17))
            return Key(
                first: words.0, second: words.1, index: Int32(index),
                lengthAndBelowE000: length | (isBelowE000(strings[index]) ? 0x100 : 0))
        }
        keys.sort { a, b in
            if a.isBelowE000 && b.isBelowE000 {
                if a.first != b.first { return a.first < b.first }
                if a.second != b.second { return a.second < b.second }
                // The same first sixteen bytes (zero past the end), and neither longer: the shorter
                // first, as what is left of the longer can only be zero bytes.
                if a.length <= 16 && b.length <= 16 { return a.length < b.length }
            }
            return precedesInJavaScript(strings[Int(a.index)], isBelowE000: a.isBelowE000, strings[Int(b.index)], isBelowE000: b.isBelowE000)
        }
        return keys.map { Int($0.index) }
    }

    static func isBelowE000(_ text: String) -> Bool {
        !text.utf8.contains { $0 >= 0xEE }
    }
}
