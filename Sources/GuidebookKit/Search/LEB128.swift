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

    static func read(_ bytes: inout ArraySlice<UInt8>) -> UInt32 {
        var value: UInt32 = 0, shift: UInt32 = 0
        while let byte = bytes.popFirst() {
            value |= UInt32(byte & 0x7F) << shift
            if byte < 0x80 { break }
            shift += 7
        }
        return value
    }

    /// Ascending numbers as the differences between them.
    static func ascending(_ numbers: [Int32]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(numbers.count * 2)
        var previous: Int32 = 0
        for number in numbers {
            append(UInt32(number - previous), to: &bytes)
            previous = number
        }
        return bytes
    }

    static func ascendingNumbers(_ bytes: [UInt8]) -> [Int32] {
        var numbers: [Int32] = []
        forEachAscendingNumber(bytes) { numbers.append($0) }
        return numbers
    }

    static func forEachAscendingNumber(_ bytes: [UInt8], _ body: (Int32) -> Void) {
        var rest = bytes[...], number: Int32 = 0
        while !rest.isEmpty {
            number += Int32(read(&rest))
            body(number)
        }
    }
}
