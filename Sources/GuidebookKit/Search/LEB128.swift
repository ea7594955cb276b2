/// Unsigned LEB128: seven bits a byte, low bits first. For numbers held in memory between stages
/// of a large build (the index's postings while pages are added), where most are small.
enum LEB128 {
    /// Two numbers written at `start`, which has room for ten bytes; returns how many it took.
    @inline(__always)
    static func write(_ first: UInt32, _ second: UInt32, to start: UnsafeMutablePointer<UInt8>) -> Int {
        if first < 0x80 && second < 0x80 {
            start[0] = UInt8(first)
            start[1] = UInt8(second)
            return 2
        }
        let firstCount = write(first, to: start)
        return firstCount + write(second, to: start + firstCount)
    }

    /// One number written at `start`, which has room for five bytes; returns how many it took.
    static func write(_ value: UInt32, to start: UnsafeMutablePointer<UInt8>) -> Int {
        var value = value, count = 0
        while value >= 0x80 {
            start[count] = UInt8(value & 0x7F) | 0x80
            value >>= 7
            count += 1
        }
        start[count] = UInt8(value)
        return count + 1
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
