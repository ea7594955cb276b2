/// Reading Unicode scalars straight out of a String's UTF-8 bytes: the tokeniser and the glossary
/// matcher scan every word of the guide, and going through String's scalar view, or copying the
/// scalars into an array first, was most of their cost.
enum UTF8Scalar {
    /// The scalar starting at `index` of valid UTF-8 (a String's), and where the next one starts.
    /// By hand, as the text is known to be valid: the standard library's parsers check every byte again.
    static func at(_ index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (scalar: Unicode.Scalar, next: Int) {
        let lead = bytes[index]
        if lead < 0x80 { return (Unicode.Scalar(lead), index + 1) }
        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
        var value = UInt32(lead) & (0xFF >> (length + 1))
        for offset in 1..<length { value = value << 6 | UInt32(bytes[index + offset] & 0x3F) }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", index + length)
    }
}
