/// Per stem, its postings as (document delta, weight) pairs in LEB128, while pages are added to the
/// index.
///
/// Postings come in a document at a time but are written a batch at a time, in stem order, so
/// that a batch walks the lists from first to last, not at random: sorted by stem (a counting
/// sort, stable, so each stem's documents stay in order), it writes each list's new postings together.
///
/// Raw buffers, with each list's length, capacity and last document side by side in one entry,
/// not an array of arrays, whose appends read each inner array's header (to check that it is
/// uniquely referenced).
///
/// `@unchecked Sendable`: the builder that owns it changes it from one thread; `finish` reads the
/// lists from several threads at once, after the last change, and lets them go after the last read.
final class StemPostingLists: @unchecked Sendable {
    private struct Entry {
        var bytes: UnsafeMutablePointer<UInt8>?
        var count: Int32 = 0
        var capacity: Int32 = 0
        var lastDocument: Int32 = 0
    }

    /// One form's weight in one document, as it came.
    private struct Pending {
        var stem: Int32
        var document: Int32
        var weight: UInt32
    }

    private var entries: [Entry] = []
    private var pending: [Pending] = []
    /// Scratch for the counting sort: per stem, where its postings go (zero between batches).
    private var bucketStarts: [Int32] = []
    /// Scratch for the counting sort: the pending postings in stem order. Kept, as `pending` is,
    /// so that each batch reuses the same memory.
    private var sorted: [Pending] = []
    /// Postings held before they are written: by default about 1.5 MB of them, a few hundred
    /// pages, whose stems' entries are then mostly visited once each.
    private let batchSize: Int

    init(batchSize: Int = 1 << 17) {
        self.batchSize = batchSize
    }

    deinit {
        for entry in entries { entry.bytes?.deallocate() }
    }

    var count: Int { entries.count }

    func appendStem() {
        entries.append(Entry())
    }

    /// Adds a document's forms, as stems, with their weights: a document's forms of one stem
    /// ("team", "teams") add up to one posting. Documents come in increasing order.
    func add<Postings: Sequence>(document: Int32, postings: Postings)
    where Postings.Element == (stem: Int32, weight: UInt32) {
        for (stem, weight) in postings { pending.append(Pending(stem: stem, document: document, weight: weight)) }
        if pending.count >= batchSize { flush() }
    }

    /// Writes the pending postings into their lists, a stem at a time.
    func flush() {
        guard !pending.isEmpty else { return }
        if bucketStarts.count < entries.count + 1 { bucketStarts += repeatElement(0, count: entries.count + 1 - bucketStarts.count) }
        if sorted.count < pending.count { sorted = Array(repeating: Pending(stem: 0, document: 0, weight: 0), count: pending.count) }
        let count = pending.count
        sorted.withUnsafeMutableBufferPointer { sorted in
            bucketStarts.withUnsafeMutableBufferPointer { starts in
                for posting in pending { starts[Int(posting.stem) + 1] += 1 }
                for stem in 0..<entries.count { starts[stem + 1] += starts[stem] }
                for posting in pending {
                    sorted[Int(starts[Int(posting.stem)])] = posting
                    starts[Int(posting.stem)] += 1
                }
                // Each start is now the next stem's: zero again for the next batch.
                starts.update(repeating: 0)
            }
            entries.withUnsafeMutableBufferPointer { entries in
                var index = 0
                while index < count {
                    let posting = sorted[index]
                    var weight = posting.weight
                    index += 1
                    while index < count, sorted[index].stem == posting.stem, sorted[index].document == posting.document {
                        weight += sorted[index].weight
                        index += 1
                    }
                    Self.append(document: posting.document, weight: weight, to: &entries[Int(posting.stem)])
                }
            }
        }
        pending.removeAll(keepingCapacity: true)
    }

    private static func append(document: Int32, weight: UInt32, to entry: inout Entry) {
        // Two LEB128 numbers of up to 32 bits each take at most ten bytes.
        if entry.capacity - entry.count < 10 {
            let capacity = max(16, Int(entry.capacity) * 2)
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
            if let old = entry.bytes {
                grown.update(from: old, count: Int(entry.count))
                old.deallocate()
            }
            entry.bytes = grown
            entry.capacity = Int32(capacity)
        }
        let end = entry.bytes! + Int(entry.count)
        let written = LEB128.write(UInt32(document - entry.lastDocument), weight, to: end)
        entry.count += Int32(written)
        entry.lastDocument = document
    }

    /// The stem's list, valid until `release(stem)`; after `flush`.
    func withList<Result>(of stem: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        let entry = entries[stem]
        return body(UnsafeBufferPointer(start: entry.bytes, count: Int(entry.count)))
    }

    func release(stem: Int) {
        entries[stem].bytes?.deallocate()
        entries[stem] = Entry()
    }
}
