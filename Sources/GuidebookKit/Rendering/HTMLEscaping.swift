import Mustache

/// Escaping for text put into HTML: by Guidebook itself (heading self-links, checklist markup) and,
/// through `contentType`, by the theme's templates for every `{{name}}`.
enum HTMLEscaping {
    /// Byte by byte, not by Characters as Mustache's own escaper goes: `"\u{301}` (a quote followed
    /// by a combining mark) is one Character, not `"`, and would stay a bare quote that ends an attribute.
    static func escape(_ text: String) -> String {
        guard text.utf8.contains(where: needsEscape) else { return text }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 16)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "&"): bytes += "&amp;".utf8
            case UInt8(ascii: "<"): bytes += "&lt;".utf8
            case UInt8(ascii: ">"): bytes += "&gt;".utf8
            case UInt8(ascii: "\""): bytes += "&quot;".utf8
            case UInt8(ascii: "'"): bytes += "&#39;".utf8
            default: bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
    }

    /// The templates' escaping, selected by the pragma `ThemeLoader` puts first in every template:
    /// the same five characters as Mustache's HTML type.
    struct ContentType: MustacheContentType {
        static let name = "GUIDEBOOK_HTML"
        func escapeText(_ text: String) -> String { HTMLEscaping.escape(text) }
    }
}
