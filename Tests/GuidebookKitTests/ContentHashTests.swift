import Foundation
import Testing

@testable import GuidebookKit

struct ContentHashTests {
    /// The build cache keeps a page when its fingerprint is unchanged: one changed bit anywhere,
    /// in the first byte, the last whole word or the tail, must change it.
    @Test func everyChangedBitChangesTheFingerprint() {
        for length in [0, 1, 7, 8, 9, 16, 23, 64] {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
            let original = ContentHash.fingerprint(bytes)
            #expect(ContentHash.fingerprint(bytes) == original)
            #expect(ContentHash.fingerprint(Data(bytes)) == original, "Data and arrays hash alike")
            var seen: Set<UInt64> = [original]
            for bit in 0..<(length * 8) {
                var changed = bytes
                changed[bit / 8] ^= 1 << UInt8(bit % 8)
                seen.insert(ContentHash.fingerprint(changed))
            }
            #expect(seen.count == length * 8 + 1, "length \(length)")
            #expect(ContentHash.fingerprint(bytes + [0]) != original, "a zero byte added")
        }
    }

    /// A page's search fingerprint combines its texts: moving where one text ends and the next
    /// starts, or a list's length, must change it as much as changing a text does.
    @Test func combinedFingerprintsKeepTheTextsApart() {
        func combined(_ texts: [String], counts: [Int] = []) -> UInt64 {
            var combined = ContentHash.Combined()
            for count in counts { combined.add(count: count) }
            for text in texts { combined.add(text) }
            return combined.value
        }
        let values = [
            combined(["ab", "c"]), combined(["a", "bc"]), combined(["abc"]), combined(["abc", ""]), combined(["", "abc"]),
            combined(["c", "ab"]), combined(["ab", "c"], counts: [1]), combined(["ab", "c"], counts: [2]), combined([]),
        ]
        #expect(Set(values).count == values.count)
        #expect(combined(["ab", "c"]) == combined(["ab", "c"]))
        #expect(combined(["café"]) == combined(["caf\u{E9}"]) && combined(["café"]) != combined(["cafe\u{301}"]))
    }
}
