import Foundation

/// JSON text written by hand so the bytes are stable: strings escaped per RFC 8259,
/// plus U+2028 and U+2029, which older JavaScript engines reject in string literals.
enum JSONText {
    /// `string(value)`'s bytes, appended.
    static func append(_ value: String, to bytes: inout [UInt8]) {
        append(utf8: value.utf8, to: &bytes)
    }

    /// `string` of these UTF-8 bytes, appended.
    static func append<UTF8Bytes: Collection<UInt8>>(utf8: UTF8Bytes, to bytes: inout [UInt8]) {
        if needsNoEscape(utf8) {
            bytes.append(UInt8(ascii: "\""))
            bytes += utf8
            bytes.append(UInt8(ascii: "\""))
        } else {
            bytes += string(String(decoding: utf8, as: UTF8.self)).utf8
        }
    }

    /// `[string, string...]`, appended.
    static func appendArray(_ values: [String], to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "["))
        for (offset, value) in values.enumerated() {
            if offset > 0 { bytes.append(UInt8(ascii: ",")) }
            append(value, to: &bytes)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    /// Most strings need no escape: no control character, quote or backslash, and no 0xE2 byte
    /// (which U+2028 and U+2029 start with).
    private static func needsNoEscape<Bytes: Sequence<UInt8>>(_ utf8: Bytes) -> Bool {
        utf8.allSatisfy { $0 >= 0x20 && $0 != 0x22 && $0 != 0x5C && $0 != 0xE2 }
    }

    static func string(_ value: String) -> String {
        if needsNoEscape(value.utf8) { return "\"" + value + "\"" }
        var result = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "\u{2028}": result += "\\u2028"
            case "\u{2029}": result += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    result += String(format: "\\u%04x", scalar.value)
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}
