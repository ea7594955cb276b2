/// Per stem, its postings as (document delta, weight) pairs in LEB128, while pages are added to the
/// index; and per stem, its weight in the document being added.
///
/// Raw buffers, with each list's length, capacity, last document and pending weight side by side in
/// one entry, not an array of arrays: at 10,000 pages there are 93,000 lists and millions of
/// postings, and appending to a nested `[UInt8]` read the list's header (to check it was uniquely
/// referenced) and three separate per-stem arrays, each most often a cache miss. This way adding a
/// posting reads one entry and writes at the list's end.
///
/// `@unchecked Sendable`: the builder that owns it changes it from one thread; `finish` reads the
/// lists from several threads at once, after the last change, and lets them go after the last read.
final class StemPostingLists: @unchecked Sendable {
    private struct Entry {
        var bytes: UnsafeMutablePointer<UInt8>?
        var count: Int32 = 0
        var capacity: Int32 = 0
        var lastDocument: Int32 = 0
        /// The stem's weight in the document being added; zero when it has none there.
        var weight: UInt32 = 0
    }

    private var entries: [Entry] = []

    deinit {
        for entry in entries { entry.bytes?.deallocate() }
    }

    var count: Int { entries.count }

    func appendStem() {
        entries.append(Entry())
    }

    /// Adds a document's forms, as stems, and their weights: a document's forms of one stem
    /// ("team", "teams") add up to one posting. `touched` is scratch space, left empty.
    func add<Postings: Sequence>(document: Int32, postings: Postings, touched: inout [Int32])
    where Postings.Element == (stem: Int32, weight: UInt32) {
        entries.withUnsafeMutableBufferPointer { entries in
            for (stem, weight) in postings {
                if entries[Int(stem)].weight == 0 { touched.append(stem) }
                entries[Int(stem)].weight += weight
            }
            for stem in touched {
                Self.append(document: document, to: &entries[Int(stem)])
            }
        }
        touched.removeAll(keepingCapacity: true)
    }

    private static func append(document: Int32, to entry: inout Entry) {
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
        let written = LEB128.write(UInt32(document - entry.lastDocument), entry.weight, to: end)
        entry.count += Int32(written)
        entry.lastDocument = document
        entry.weight = 0
    }

    /// The stem's list, valid until `release(stem)`.
    func withList<Result>(of stem: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        let entry = entries[stem]
        return body(UnsafeBufferPointer(start: entry.bytes, count: Int(entry.count)))
    }

    func release(stem: Int) {
        entries[stem].bytes?.deallocate()
        entries[stem] = Entry()
    }
}
