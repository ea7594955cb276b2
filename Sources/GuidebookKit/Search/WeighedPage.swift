/// A page ready to join the index: its documents, and its word forms, each once, with their
/// weights in the documents that hold them. Weighed a page at a time, not a section at a time,
/// so the index's serial part (`SearchIndexBuilder.add`) looks each form up once a page: at
/// 10,000 pages those lookups and the postings lists they lead to were mostly cache misses.
struct WeighedPage: Sendable {
    struct Posting: Sendable {
        /// In `forms`.
        var form: Int32
        /// Weights are sums of whole-number boosts.
        var weight: UInt32
    }

    var documents: [SearchDocument] = []
    /// Per document, its length in weighted words (BM25's document length).
    var lengths: [Double] = []
    /// In the order they first come in the page.
    var forms: [String] = []
    /// Per document, the forms it holds, each once.
    var postings: [[Posting]] = []

    /// Documents are the page's text before its first H2/H3 (with the title, summary and tags)
    /// and each H2/H3 section (with its heading). Pure, so pages can be weighed in parallel.
    init(_ page: SearchPage) {
        var counter = Counter()
        for (offset, section) in page.sections.enumerated() {
            let isFirst = offset == 0
            if !isFirst && section.text.isEmpty && section.heading.isEmpty { continue }
            if isFirst {
                counter.count(page.title, boost: SearchIndexBuilder.boosts.title)
                counter.count(page.summary, boost: SearchIndexBuilder.boosts.summary)
                counter.count(page.tags.joined(separator: " "), boost: SearchIndexBuilder.boosts.tags)
            }
            counter.count(section.heading, boost: SearchIndexBuilder.boosts.heading)
            counter.count(section.text, boost: SearchIndexBuilder.boosts.body)
            documents.append(SearchDocument(pageURL: page.outputPath, anchor: section.headingID, pageTitle: page.title,
                                            heading: section.heading, breadcrumb: page.breadcrumb,
                                            text: SearchIndexBuilder.snippet(section.text)))
            let (documentPostings, length) = counter.endDocument()
            postings.append(documentPostings)
            lengths.append(length)
        }
        forms = counter.forms
    }

    /// The same documents as `SearchIndexBuilder.WeighedDocument`s, each with its forms by name.
    var weighedDocuments: [SearchIndexBuilder.WeighedDocument] {
        documents.indices.map { number in
            var weighted: [String: Double] = [:]
            for posting in postings[number] { weighted[forms[Int(posting.form)]] = Double(posting.weight) }
            return SearchIndexBuilder.WeighedDocument(document: documents[number], weighted: weighted, length: lengths[number])
        }
    }

    /// Counts a page's words into the document being weighed, numbering forms for the page.
    /// A struct with mutating methods, not a closure's captures: those were checked for exclusive
    /// access at run time, once per word of the guide.
    private struct Counter {
        var table = FormTable()
        var forms: [String] { table.forms }
        /// By form number, its weight in the document being weighed; `touched` lists the nonzero ones.
        var weights: [UInt32] = []
        var touched: [Int32] = []
        var length = 0.0

        mutating func count(_ text: String, boost: Double) {
            let boost = UInt32(boost)
            Tokeniser.forEachToken(in: text) { token in
                let number = table.number(of: token)
                if Int(number) == weights.count { weights.append(0) }
                if weights[Int(number)] == 0 { touched.append(number) }
                weights[Int(number)] += boost
                length += 1
            }
        }

        mutating func endDocument() -> (postings: [Posting], length: Double) {
            let postings = touched.map { Posting(form: $0, weight: weights[Int($0)]) }
            for number in touched { weights[Int(number)] = 0 }
            touched.removeAll(keepingCapacity: true)
            defer { length = 0 }
            return (postings, length)
        }
    }

    /// A page's word forms, numbered as they first come, found by their bytes: an open-addressing
    /// table with a multiplicative hash, so that a word is a string only the first time the page
    /// uses it. Swift's Dictionary hashes every key with SipHash, and with a string per word that
    /// was the largest part of weighing a large guide's pages.
    private struct FormTable {
        private(set) var forms: [String] = []
        private var bytes: [UInt8] = []
        private var starts: [Int] = [0]
        private var hashes: [UInt64] = []
        /// Form numbers, -1 for empty; a power of two long, at most half full.
        private var slots = [Int32](repeating: -1, count: 1024)

        mutating func number(of word: UnsafeBufferPointer<UInt8>) -> Int32 {
            let hash = ContentHash.fingerprint(UnsafeRawBufferPointer(word))
            let mask = slots.count - 1
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] >= 0 {
                let number = Int(slots[slot])
                if hashes[number] == hash && bytes[starts[number]..<starts[number + 1]].elementsEqual(word) { return Int32(number) }
                slot = (slot + 1) & mask
            }
            let number = Int32(forms.count)
            slots[slot] = number
            forms.append(String(decoding: word, as: UTF8.self))
            bytes += word
            starts.append(bytes.count)
            hashes.append(hash)
            if forms.count * 2 > slots.count { grow() }
            return number
        }

        private mutating func grow() {
            slots = [Int32](repeating: -1, count: slots.count * 2)
            let mask = slots.count - 1
            for (number, hash) in hashes.enumerated() {
                var slot = Int(truncatingIfNeeded: hash) & mask
                while slots[slot] >= 0 { slot = (slot + 1) & mask }
                slots[slot] = Int32(number)
            }
        }
    }
}
