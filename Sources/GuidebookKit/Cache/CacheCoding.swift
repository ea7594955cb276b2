/// The build cache's file format: varints, length-prefixed strings and byte blobs, nothing else.
/// Hand-written, not Foundation's JSON or property-list coders, so that a large guide's cache
/// loads in a fraction of a second.
struct CacheWriter {
    private(set) var bytes: [UInt8] = []

    mutating func int(_ value: Int) {
        var rest = UInt64(bitPattern: Int64(value))
        while rest >= 0x80 {
            bytes.append(UInt8(rest & 0x7F) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    mutating func uint64(_ value: UInt64) { int(Int(bitPattern: UInt(value))) }

    mutating func bool(_ value: Bool) { int(value ? 1 : 0) }

    mutating func string(_ value: String) {
        int(value.utf8.count)
        bytes += value.utf8
    }

    mutating func blob(_ value: [UInt8]) {
        int(value.count)
        bytes += value
    }

    mutating func strings(_ values: [String]) {
        int(values.count)
        for value in values { string(value) }
    }

    mutating func ints(_ values: [Int32]) {
        int(values.count)
        for value in values { int(Int(value)) }
    }

    mutating func range(_ value: Range<Int>?) {
        bool(value != nil)
        if let value {
            int(value.lowerBound)
            int(value.count)
        }
    }

    mutating func dictionary(_ value: [String: String]) {
        int(value.count)
        for key in value.keys.sorted() {
            string(key)
            string(value[key]!)
        }
    }
}

/// Reads what `CacheWriter` wrote; any damage throws, and a damaged cache means a full build.
struct CacheReader {
    struct Damaged: Error {}

    private let bytes: [UInt8]
    private var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var isAtEnd: Bool { offset == bytes.count }

    mutating func int() throws -> Int {
        var value: UInt64 = 0, shift: UInt64 = 0
        while true {
            guard offset < bytes.count, shift < 64 else { throw Damaged() }
            let byte = bytes[offset]
            offset += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return Int(Int64(bitPattern: value)) }
            shift += 7
        }
    }

    mutating func uint64() throws -> UInt64 { UInt64(UInt(bitPattern: try int())) }

    mutating func bool() throws -> Bool { try int() != 0 }

    mutating func count() throws -> Int {
        let count = try int()
        guard count >= 0, count <= bytes.count - offset else { throw Damaged() }
        return count
    }

    mutating func string() throws -> String {
        let count = try count()
        defer { offset += count }
        return String(decoding: bytes[offset..<(offset + count)], as: UTF8.self)
    }

    mutating func blob() throws -> [UInt8] {
        let count = try count()
        defer { offset += count }
        return Array(bytes[offset..<(offset + count)])
    }

    mutating func strings() throws -> [String] {
        try (0..<count()).map { _ in try string() }
    }

    mutating func ints() throws -> [Int32] {
        try (0..<count()).map { _ in
            let value = try int()
            guard let narrow = Int32(exactly: value) else { throw Damaged() }
            return narrow
        }
    }

    mutating func range() throws -> Range<Int>? {
        guard try bool() else { return nil }
        let lower = try int(), count = try int()
        let (upper, overflow) = lower.addingReportingOverflow(count)
        guard lower >= 0, count >= 0, !overflow else { throw Damaged() }
        return lower..<upper
    }

    mutating func dictionary() throws -> [String: String] {
        var result: [String: String] = [:]
        for _ in 0..<(try count()) { result[try string()] = try string() }
        return result
    }
}
