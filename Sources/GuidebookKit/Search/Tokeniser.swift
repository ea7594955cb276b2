import Foundation

/// Words for the search index. The browser's search.js folds and splits queries the same way:
/// NFD, combining marks dropped, lowercase; a word is a run of letters and digits; apostrophes
/// split words; runs joined by hyphens also give the compound, hyphenated and run together
/// ("multi-agency" -> multi, agency, multi-agency, multiagency); single letters are dropped.
enum Tokeniser {
    /// Lowercased one scalar at a time (no context rules: Σ is always σ, as in search.js).
    static func fold(_ text: String) -> String {
        // Most guide text is ASCII: no marks to drop, and lowercasing is arithmetic.
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            return String(decoding: text.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }, as: UTF8.self)
        }
        var scalars = String.UnicodeScalarView()
        for scalar in text.decomposedStringWithCanonicalMapping.unicodeScalars where scalar.properties.generalCategory != .nonspacingMark {
            scalars.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
        }
        return String(scalars)
    }

    static func tokens(_ text: String) -> [String] {
        var folded = fold(text)
        if folded.utf8.allSatisfy({ $0 < 0x80 }) { return folded.withUTF8(asciiTokens) }
        return tokens(folded: folded)
    }

    /// The same rules over ASCII bytes (already lowercased), which is most guide text: a quarter of
    /// indexing time went on building words a scalar at a time.
    private static func asciiTokens(_ bytes: UnsafeBufferPointer<UInt8>) -> [String] {
        var tokens: [String] = []
        var parts: [Range<Int>] = []
        var start = -1, end = -1
        var pendingHyphen = false
        func endCompound() {
            if start >= 0 { parts.append(start..<end); start = -1 }
            for part in parts where part.count > 1 || (bytes[part.lowerBound] >= 0x30 && bytes[part.lowerBound] <= 0x39) {
                tokens.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[part]), as: UTF8.self))
            }
            if parts.count > 1 {
                let words = parts.map { String(decoding: UnsafeBufferPointer(rebasing: bytes[$0]), as: UTF8.self) }
                tokens.append(words.joined(separator: "-"))
                tokens.append(words.joined())
            }
            parts.removeAll(keepingCapacity: true)
        }
        for index in 0..<bytes.count {
            let byte = bytes[index]
            if (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) {
                if pendingHyphen {
                    parts.append(start..<end)
                    start = index
                    pendingHyphen = false
                } else if start < 0 {
                    start = index
                }
                end = index + 1
            } else if byte == 0x2D, start >= 0, !pendingHyphen {
                pendingHyphen = true
            } else {
                pendingHyphen = false
                endCompound()
            }
        }
        endCompound()
        return tokens
    }

    static func tokens(folded: String) -> [String] {
        var tokens: [String] = []
        var parts: [String] = []
        var current = String.UnicodeScalarView()
        var pendingHyphen = false

        func endWord() {
            if !current.isEmpty { parts.append(String(current)); current = String.UnicodeScalarView() }
        }
        func endCompound() {
            endWord()
            for part in parts where keeps(part) { tokens.append(part) }
            if parts.count > 1 {
                tokens.append(parts.joined(separator: "-"))
                tokens.append(parts.joined())
            }
            parts = []
        }

        for scalar in folded.unicodeScalars {
            if isWordScalar(scalar) {
                if pendingHyphen { endWord(); pendingHyphen = false }
                current.append(scalar)
            } else if hyphens.contains(scalar), !current.isEmpty, !pendingHyphen {
                pendingHyphen = true
            } else {
                pendingHyphen = false
                endCompound()
            }
        }
        endCompound()
        return tokens
    }

    private static let hyphens: Set<Unicode.Scalar> = ["-", "\u{2010}", "\u{2011}"]

    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            let value = scalar.value
            return (value >= 0x61 && value <= 0x7A) || (value >= 0x41 && value <= 0x5A) || (value >= 0x30 && value <= 0x39)
        }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber:
            return true
        default:
            return false
        }
    }

    private static func keeps(_ word: String) -> Bool {
        guard word.utf8.count <= 4, word.unicodeScalars.count == 1, let scalar = word.unicodeScalars.first else { return true }
        return scalar.properties.numericType != nil
    }
}
