import Foundation

/// Words for the search index. The browser's search.js folds and splits queries the same way:
/// NFD, combining marks dropped, lowercase; a word is a run of letters and digits; apostrophes
/// split words; runs joined by hyphens also give the compound, hyphenated and run together
/// ("multi-agency" -> multi, agency, multi-agency, multiagency); single letters are dropped.
enum Tokeniser {
    /// Lowercased one scalar at a time (no context rules: Σ is always σ, as in search.js).
    /// ASCII text is folded by `forEachToken` itself, without a new string.
    static func fold(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.decomposedStringWithCanonicalMapping.unicodeScalars where scalar.properties.generalCategory != .nonspacingMark {
            scalars.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
        }
        return String(scalars)
    }

    static func tokens(_ text: String) -> [String] {
        var tokens: [String] = []
        forEachToken(in: text) { tokens.append(String(decoding: $0, as: UTF8.self)) }
        return tokens
    }

    /// The words of `text` as `tokens` gives them, handed over one by one as UTF-8 bytes, valid only
    /// during the call, so that no word needs a string of its own, nor a section an array of them
    /// (`WeighedPage` numbers the bytes).
    static func forEachToken(in text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        var text = text
        let wasASCII = text.withUTF8 { bytes -> Bool in
            // Most guide text is ASCII: folded into a scratch buffer, not a new string.
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bytes.count) { folded in
                guard foldASCII(bytes, into: folded) else { return false }
                tokens(inFolded: UnsafeBufferPointer(folded), body)
                return true
            }
        }
        guard !wasASCII else { return }
        var folded = fold(text)
        folded.withUTF8 { tokens(inFolded: $0, body) }
    }

    /// ASCII lowercased into `folded`, in one pass that also says whether the text was all ASCII
    /// (false: `folded` is not to be used).
    private static func foldASCII(_ bytes: UnsafeBufferPointer<UInt8>, into folded: UnsafeMutableBufferPointer<UInt8>) -> Bool {
        var seen: UInt8 = 0
        for index in bytes.indices {
            let byte = bytes[index]
            seen |= byte
            folded[index] = byte &- 0x41 < 26 ? byte | 0x20 : byte
        }
        return seen < 0x80
    }

    /// The words being cut out of a text: the current run of words joined by hyphens.
    private struct Compound {
        /// Where the current word starts, or -1 between words.
        var start = -1
        var end = 0
        var pendingHyphen = false
        /// The earlier words of a hyphenated compound, rarely any.
        var parts: [Range<Int>] = []
        var joined: [UInt8] = []

        /// Inlined: it runs for every space and punctuation mark of the guide, and most words stand
        /// alone, handed over without the compound's list.
        @inline(__always)
        mutating func end(in bytes: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
            if parts.isEmpty {
                if start >= 0, Tokeniser.keeps(word(start..<end, in: bytes)) { body(word(start..<end, in: bytes)) }
                start = -1
            } else {
                endCompound(in: bytes, body)
            }
        }

        private mutating func endCompound(in bytes: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
            if start >= 0 { parts.append(start..<end) }
            start = -1
            for part in parts where Tokeniser.keeps(word(part, in: bytes)) { body(word(part, in: bytes)) }
            if parts.count > 1 {
                for separator in [[UInt8(ascii: "-")], []] {
                    joined.removeAll(keepingCapacity: true)
                    for (number, part) in parts.enumerated() {
                        if number > 0 { joined += separator }
                        joined += word(part, in: bytes)
                    }
                    joined.withUnsafeBufferPointer(body)
                }
            }
            parts.removeAll(keepingCapacity: true)
        }

        private func word(_ range: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
            UnsafeBufferPointer(rebasing: bytes[range])
        }
    }

    /// Words are cut out of the folded text's UTF-8 bytes as ranges, not built a scalar at a time.
    /// The state is a struct, not variables captured by nested functions, so that it can stay in
    /// registers.
    private static func tokens(inFolded bytes: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        var compound = Compound()
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            let isWord: Bool, isHyphen: Bool, next: Int
            if byte < 0x80 {
                // ASCII, most of a guide: a run of word bytes is taken whole, without decoding scalars.
                if isASCIIWordByte(byte) {
                    next = runOfASCIIWordBytes(in: bytes, from: index)
                    isWord = true
                } else {
                    next = index + 1
                    isWord = false
                }
                isHyphen = byte == UInt8(ascii: "-")
            } else {
                let scalar: Unicode.Scalar
                (scalar, next) = UTF8Scalar.at(index, in: bytes)
                isWord = isWordScalar(scalar)
                isHyphen = Self.isHyphen(scalar)
            }
            if isWord {
                if compound.pendingHyphen, compound.start >= 0 {
                    compound.parts.append(compound.start..<compound.end)
                    compound.start = index
                    compound.pendingHyphen = false
                } else if compound.start < 0 {
                    compound.start = index
                }
                compound.end = next
            } else if isHyphen, compound.start >= 0, !compound.pendingHyphen {
                compound.pendingHyphen = true
            } else {
                compound.pendingHyphen = false
                compound.end(in: bytes, body)
            }
            index = next
        }
        compound.end(in: bytes, body)
    }

    /// Where the run of ASCII letters and digits starting at `start` ends.
    private static func runOfASCIIWordBytes(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var end = start + 1
        while end < bytes.count, isASCIIWordByte(bytes[end]) { end += 1 }
        return end
    }

    private static func isASCIIWordByte(_ byte: UInt8) -> Bool {
        // Letters of either case (the tokeniser's folding leaves none upper case) and digits.
        let lowered = byte | 0x20
        return (lowered >= 0x61 && lowered <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
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

    /// Single letters are dropped, single digits and numerals kept.
    @inline(__always)
    private static func keeps(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        if word.count == 1 { return word[0] >= 0x30 && word[0] <= 0x39 }
        // Longer than one scalar can be, or more than one scalar: kept.
        guard word.count <= 4, word[0] >= 0x80 else { return true }
        return keepsShortNonASCII(word)
    }

    /// A single non-ASCII letter is dropped, a numeral kept.
    private static func keepsShortNonASCII(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        let (scalar, next) = UTF8Scalar.at(0, in: word)
        return next != word.count || scalar.properties.numericType != nil
    }
}
