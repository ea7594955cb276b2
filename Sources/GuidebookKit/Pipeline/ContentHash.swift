import Foundation

/// Content hashes for file names, checklist item ids, ETags and the build cache (not for security).
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

    /// MurmurHash64A: eight bytes a step, for the build cache's fingerprints and file hashes,
    /// which hash every page's context, body and file (at 10,000 pages, most of a gigabyte):
    /// FNV-1a's byte at a time, and `Data`'s byte iterator, were a noticeable part of a build.
    static func fingerprint(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        let multiplier: UInt64 = 0xc6a4_a793_5bd1_e995
        var hash: UInt64 = 0x5bd1_e995 ^ (UInt64(bytes.count) &* multiplier)
        let wordCount = bytes.count / 8
        for word in 0..<wordCount {
            var mixed = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: word * 8, as: UInt64.self)) &* multiplier
            mixed ^= mixed >> 47
            mixed = mixed &* multiplier
            hash ^= mixed
            hash = hash &* multiplier
        }
        let tail = bytes.count - wordCount * 8
        if tail > 0 {
            var last: UInt64 = 0
            for offset in 0..<tail { last |= UInt64(bytes[wordCount * 8 + offset]) << (8 * UInt64(offset)) }
            hash ^= last
            hash = hash &* multiplier
        }
        hash ^= hash >> 47
        hash = hash &* multiplier
        hash ^= hash >> 47
        return hash
    }

    static func fingerprint(_ bytes: [UInt8]) -> UInt64 { bytes.withUnsafeBytes(fingerprint) }

    static func fingerprint(_ data: Data) -> UInt64 { data.withUnsafeBytes(fingerprint) }

    /// One fingerprint of several texts in order, each hashed in place: a text's fingerprint
    /// depends on its length, so where one text ends and the next starts is part of the value.
    struct Combined {
        private(set) var value: UInt64 = 0x9e37_79b9_7f4a_7c15

        mutating func add(_ text: String) {
            var text = text
            mix(text.withUTF8 { ContentHash.fingerprint(UnsafeRawBufferPointer($0)) })
        }

        mutating func add(count: Int) {
            mix(UInt64(bitPattern: Int64(count)))
        }

        private mutating func mix(_ hash: UInt64) {
            value = (value ^ hash) &* 0xc6a4_a793_5bd1_e995
            value ^= value >> 47
        }
    }

    /// 16 hex digits of `fingerprint`: the index's 6,700 files at 10,000 pages are 29 MB, and
    /// FNV-1a, a byte at a time, was a noticeable part of writing them.
    public static func hex(_ text: String) -> String {
        var text = text
        return hex(text.withUTF8 { fingerprint(UnsafeRawBufferPointer($0)) })
    }

    public static func hex(_ data: Data) -> String { hex(fingerprint(data)) }

    private static func hex(_ hash: UInt64) -> String {
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
