import Foundation

/// FNV-1a, 64 bits: a content hash for file names, checklist item ids and ETags (not for security).
public enum ContentHash {
    static func fnv1a<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return hash
    }

    static func fnv1a(_ text: String) -> UInt64 { fnv1a(text.utf8) }

    /// 16 hex digits.
    public static func hex(_ text: String) -> String { hex(fnv1a(text.utf8)) }

    public static func hex(_ data: Data) -> String { hex(fnv1a(data)) }

    private static func hex(_ hash: UInt64) -> String {
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
