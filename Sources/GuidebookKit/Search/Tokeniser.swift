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
        return folded.withUTF8(tokens(inFolded:))
    }

    /// Words are cut out of the folded text's UTF-8 bytes as ranges: building them a scalar at a
    /// time, or through String's scalar view, was most of the cost of indexing a large guide.
    private static func tokens(inFolded bytes: UnsafeBufferPointer<UInt8>) -> [String] {
        var tokens: [String] = []
        var parts: [String] = []
        var start: Int?
        var end = 0
        var pendingHyphen = false
        func word(_ range: Range<Int>) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        }
        func endCompound() {
            if let wordStart = start { parts.append(word(wordStart..<end)) }
            start = nil
            for part in parts where keeps(part) { tokens.append(part) }
            if parts.count > 1 {
                tokens.append(parts.joined(separator: "-"))
                tokens.append(parts.joined())
            }
            parts.removeAll(keepingCapacity: true)
        }

        var index = 0
        while index < bytes.count {
            let (scalar, next) = UTF8Scalar.at(index, in: bytes)
            if isWordScalar(scalar) {
                if pendingHyphen, let wordStart = start {
                    parts.append(word(wordStart..<end))
                    start = index
                    pendingHyphen = false
                } else if start == nil {
                    start = index
                }
                end = next
            } else if isHyphen(scalar), start != nil, !pendingHyphen {
                pendingHyphen = true
            } else {
                pendingHyphen = false
                endCompound()
            }
            index = next
        }
        endCompound()
        return tokens
    }

    /// Compared, not looked up in a set: this runs for every space and punctuation mark in the guide.
    private static func isHyphen(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "-" || scalar == "\u{2010}" || scalar == "\u{2011}"
    }

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
