/// Result text: the start of a section, white space folded, cut at a space.
extension SearchIndexBuilder {
    /// A result's text: its `snippet`, with " …" after it where the text goes on, so a reader sees
    /// that it was cut.
    static func resultText(_ text: String) -> String {
        let start = snippet(text)
        func visibleBytes(_ text: String) -> Int { text.utf8.reduce(0) { $0 + ($1 == 0x20 || (0x09...0x0D).contains($1) ? 0 : 1) } }
        return visibleBytes(start) < visibleBytes(text) ? start + " …" : start
    }

    /// At most `snippetCharacters`, cut at a space, white space folded.
    static func snippet(_ text: String) -> String {
        var text = text
        return text.withUTF8(asciiSnippet) ?? scalarSnippet(text)
    }

    /// `snippet` of text whose start is ASCII, from its bytes; nil when a non-ASCII byte comes
    /// before the snippet's end. Most sections of a guide start so, and need no scalar decoded.
    private static func asciiSnippet(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var end = 0, count = 0, lastSpace: Int?
        var folded = [UInt8](repeating: 0, count: snippetCharacters)
        var pendingSpace = false
        for byte in bytes {
            guard byte < 0x80 else { return nil }
            if byte == 0x20 || (0x09...0x0D).contains(byte) {
                pendingSpace = end > 0
                continue
            }
            if pendingSpace {
                if count + 1 > snippetCharacters { break }
                lastSpace = end
                folded[end] = 0x20
                end += 1
                count += 1
                pendingSpace = false
            }
            if count + 1 > snippetCharacters {
                if let lastSpace { end = lastSpace }
                break
            }
            folded[end] = byte
            end += 1
            count += 1
        }
        return String(decoding: folded[..<end], as: UTF8.self)
    }

    static func scalarSnippet(_ text: String) -> String {
        // Only the start is kept, so only the start is looked at: scalars, not characters (no
        // grapheme breaking), gathered as UTF-8 bytes.
        var folded: [UInt8] = []
        folded.reserveCapacity(snippetCharacters + 8)
        var count = 0, lastSpaceByteCount: Int?
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if isWhitespace(scalar) {
                pendingSpace = !folded.isEmpty
                continue
            }
            if pendingSpace {
                if count + 1 > snippetCharacters { break }
                lastSpaceByteCount = folded.count
                folded.append(0x20)
                count += 1
                pendingSpace = false
            }
            if count + 1 > snippetCharacters {
                // Cut at the last space, unless there is none: then at the limit.
                if let lastSpaceByteCount { folded.removeSubrange(lastSpaceByteCount...) }
                break
            }
            UTF8.encode(scalar) { folded.append($0) }
            count += 1
        }
        return String(decoding: folded, as: UTF8.self)
    }

    private static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII ? scalar.value == 0x20 || (0x09...0x0D).contains(scalar.value) : scalar.properties.isWhitespace
    }
}
