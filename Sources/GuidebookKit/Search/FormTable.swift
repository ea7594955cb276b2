/// Word forms numbered as they first come, found by their UTF-8 bytes: an open-addressing table
/// keyed by a hash of those bytes (`hash`), so that a word needs no string to be looked up, and
/// is not hashed with SipHash as a Dictionary's String keys are. The index's own table takes each
/// page's forms with the hashes the page's table already made.
struct FormTable: Sendable {
    private var bytes: [UInt8] = []
    private var starts: [Int32] = [0]
    private(set) var hashes: [UInt64] = []
    /// A power of two long, at most three quarters full. A slot (24 bytes) holds its form's length,
    /// part of its hash and its first 16 bytes, so finding a form that is there (most words of a
    /// page) reads one slot and no more.
    private var slots: [Slot]

    private struct Slot {
        /// -1 for an empty slot.
        var number: Int32 = -1
        var check: UInt32 = 0
        var head = Head(first: 0, second: 0)
    }

    /// The length (up to 255) in the low byte, 24 bits of the hash above it.
    private static func check(length: Int, hash: UInt64) -> UInt32 {
        UInt32(min(length, 255)) | UInt32(truncatingIfNeeded: hash >> 40) << 8
    }

    /// A form's first 16 bytes, zero after its end.
    private struct Head: Equatable {
        var first: UInt64, second: UInt64

        init(first: UInt64, second: UInt64) {
            self.first = first
            self.second = second
        }

        /// By whole-word loads where the form is long enough (most are), not a copy through `memmove`.
        init(_ word: UnsafeBufferPointer<UInt8>) {
            let bytes = UnsafeRawBufferPointer(word)
            switch bytes.count {
            case 16...:
                self.init(first: bytes.loadUnaligned(as: UInt64.self), second: bytes.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
            case 8..<16:
                // The last eight bytes, shifted so the ones past the first eight come first (little-endian).
                let last = bytes.loadUnaligned(fromByteOffset: bytes.count - 8, as: UInt64.self)
                self.init(first: bytes.loadUnaligned(as: UInt64.self), second: bytes.count == 8 ? 0 : (last >> UInt64(8 * (16 - bytes.count))))
            default:
                var first: UInt64 = 0
                for (offset, byte) in bytes.enumerated() { first |= UInt64(byte) << UInt64(8 * offset) }
                self.init(first: first, second: 0)
            }
        }
    }

    /// Slots for `capacity` forms; with `reservingForms`, room for as many forms of about eight
    /// bytes too (not for a page's table: most pages have fewer forms, and its room is fresh memory).
    init(capacity: Int = 512, reservingForms: Bool = false) {
        var slotCount = 1024
        while slotCount * 3 < capacity * 4 { slotCount *= 2 }
        slots = Array(repeating: Slot(), count: slotCount)
        guard reservingForms else { return }
        hashes.reserveCapacity(capacity)
        starts.reserveCapacity(capacity + 1)
        bytes.reserveCapacity(capacity * 8)
    }

    var count: Int { hashes.count }

    static func hash(_ word: UnsafeBufferPointer<UInt8>) -> UInt64 {
        hash(word, head: Head(word))
    }

    /// A form of up to 16 bytes (nearly every one) is hashed from its head, already loaded as two
    /// words, not from its bytes again; a longer one with MurmurHash64A (`ContentHash.fingerprint`).
    /// The mix is MurmurHash3's finaliser; the table uses the low bits and `check` the high ones.
    private static func hash(_ word: UnsafeBufferPointer<UInt8>, head: Head) -> UInt64 {
        guard word.count <= 16 else { return ContentHash.fingerprint(UnsafeRawBufferPointer(word)) }
        var mixed = head.first &* 0x9E37_79B9_7F4A_7C15
        mixed ^= (head.second &+ UInt64(word.count)) &* 0xC2B2_AE3D_27D4_EB4F
        mixed ^= mixed >> 33
        mixed = mixed &* 0xFF51_AFD7_ED55_8CCD
        mixed ^= mixed >> 33
        mixed = mixed &* 0xC4CE_B9FE_1A85_EC53
        mixed ^= mixed >> 33
        return mixed
    }

    /// The form's number, numbering it if it is new.
    mutating func number(of word: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int32 {
        number(of: word, hash: hash, head: Head(word))
    }

    private mutating func number(of word: UnsafeBufferPointer<UInt8>, hash: UInt64, head: Head) -> Int32 {
        let (found, slot) = find(word, hash: hash, head: head)
        if let found { return found }
        let number = Int32(hashes.count)
        slots[slot] = Slot(number: number, check: Self.check(length: word.count, hash: hash), head: head)
        bytes += word
        starts.append(Int32(bytes.count))
        hashes.append(hash)
        if hashes.count * 4 > slots.count * 3 { grow() }
        return number
    }

    mutating func number(of word: UnsafeBufferPointer<UInt8>) -> Int32 {
        let head = Head(word)
        return number(of: word, hash: Self.hash(word, head: head), head: head)
    }

    /// Every form of `other`, in its number order, numbered here; new ones are numbered as they
    /// come, so they are the numbers from the count before the call. The forms' home slots are
    /// read first, all at once, so that their cache misses overlap instead of coming one by one.
    mutating func number(formsOf other: FormTable) -> [Int32] {
        let homes = slots.withUnsafeBufferPointer { slots in
            let mask = slots.count - 1
            return other.hashes.map { slots[Int(truncatingIfNeeded: $0) & mask] }
        }
        var numbers: [Int32] = []
        numbers.reserveCapacity(other.count)
        var number = 0
        other.forEachForm { word, hash in
            let head = Head(word)
            // Slots are never emptied and a form's number never changes, so a home slot read
            // before this page's new forms came in is still right when it holds the form.
            if holds(homes[number], word, check: Self.check(length: word.count, hash: hash), head: head) {
                numbers.append(homes[number].number)
            } else {
                numbers.append(self.number(of: word, hash: hash, head: head))
            }
            number += 1
        }
        return numbers
    }

    /// The form's number, if it has one.
    func number(of form: String) -> Int32? {
        var form = form
        return form.withUTF8 { find($0, hash: Self.hash($0), head: Head($0)).number }
    }

    func form(_ number: Int) -> String {
        String(decoding: bytes[Int(starts[number])..<Int(starts[number + 1])], as: UTF8.self)
    }

    var forms: [String] { (0..<count).map(form) }

    /// Every form in number order, its bytes valid only during the call, with its hash.
    func forEachForm(_ body: (UnsafeBufferPointer<UInt8>, UInt64) -> Void) {
        bytes.withUnsafeBufferPointer { all in
            for number in 0..<hashes.count {
                body(UnsafeBufferPointer(rebasing: all[Int(starts[number])..<Int(starts[number + 1])]), hashes[number])
            }
        }
    }

    /// The form's number if it has one, else the empty slot where it would go.
    private func find(_ word: UnsafeBufferPointer<UInt8>, hash: UInt64, head: Head) -> (number: Int32?, slot: Int) {
        let check = Self.check(length: word.count, hash: hash)
        return slots.withUnsafeBufferPointer { slots in
            let mask = slots.count - 1
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot].number >= 0 {
                if holds(slots[slot], word, check: check, head: head) { return (slots[slot].number, slot) }
                slot = (slot + 1) & mask
            }
            return (nil, slot)
        }
    }

    /// Whether `slot` holds this form (`check` and `head` made from it).
    private func holds(_ slot: Slot, _ word: UnsafeBufferPointer<UInt8>, check: UInt32, head: Head) -> Bool {
        slot.number >= 0 && slot.check == check && slot.head == head && (word.count <= 16 || equalsPastHead(Int(slot.number), word))
    }

    private func equalsPastHead(_ number: Int, _ word: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = Int(starts[number]) + 16, end = Int(starts[number + 1])
        guard end - start == word.count - 16 else { return false }
        return bytes.withUnsafeBufferPointer { UnsafeBufferPointer(rebasing: $0[start..<end]).elementsEqual(word[16...]) }
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: Slot(), count: slots.count * 2)
        let mask = slots.count - 1
        for entry in old where entry.number >= 0 {
            var slot = Int(truncatingIfNeeded: hashes[Int(entry.number)]) & mask
            while slots[slot].number >= 0 { slot = (slot + 1) & mask }
            slots[slot] = entry
        }
    }
}
