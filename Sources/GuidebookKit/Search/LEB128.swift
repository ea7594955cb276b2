/// Unsigned LEB128: seven bits a byte, low bits first. For numbers held in memory between stages
/// of a large build (the index's postings while pages are added), where most are small.
enum LEB128 {
    static func append(_ value: UInt32, to bytes: inout [UInt8]) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(value & 0x7F) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    /// Two numbers at once, with one access to `bytes`; most are below 128, one byte each.
    @inline(__always)
    static func append(_ first: UInt32, _ second: UInt32, to bytes: inout [UInt8]) {
        if first < 0x80 && second < 0x80 {
            bytes.append(UInt8(first))
            bytes.append(UInt8(second))
        } else {
            append(first, to: &bytes)
            append(second, to: &bytes)
        }
    }

    static func read(_ bytes: UnsafeBufferPointer<UInt8>, at offset: inout Int) -> UInt32 {
        var value: UInt32 = 0, shift: UInt32 = 0
        while offset < bytes.count {
            let byte = bytes[offset]
            offset += 1
            value |= UInt32(byte & 0x7F) << shift
            if byte < 0x80 { break }
            shift += 7
        }
        return value
    }
}
