import Foundation

/// Builds the search index: documents (page sections), word forms tied to Snowball stems, and per
/// stem and document the term-frequency part of BM25 with field boosts. That part depends on the
/// document alone (the average length is a constant, not the guide's), and the browser multiplies
/// it by the stem's idf from its document count: so an edit to one page changes only the postings
/// of that page's words, and a rebuild from the build cache can rewrite only the shards holding them.
struct SearchIndexBuilder {
    /// Short, so result text stays a small part of the index (issue 6's size budget).
    static let snippetCharacters = 100
    /// A stem keeps only its best-scoring postings: the words in most sections of a large guide
    /// rank nothing on their own, and their full lists would be most of what a query loads.
    static let maxPostings = 500
    /// Field boosts: a word in the title counts as much as ten in the body.
    static let boosts = (title: 10.0, heading: 5.0, summary: 3.0, tags: 3.0, body: 1.0)
    static let k1 = 1.2, b = 0.75
    /// BM25's average document length, fixed (in weighted words): near the average section of the
    /// shipped guide and of the benchmark's, and independent of every other page.
    static let averageLength = 120.0

    private(set) var documents: [SearchDocument] = []
    private var lengths: [Double] = []
    /// Word forms numbered as they first come; per form, its documents and weighted frequency.
    /// Numbers and flat lists, not a dictionary per document: at 10,000 pages that was a gigabyte.
    private var formTable = FormTable(capacity: 1 << 16)
    /// Per form, (document delta, weight) pairs as LEB128 bytes: weights are whole numbers, and
    /// this is a third of the memory pairs of `Int32` and `Float` took (86 MB at 10,000 pages).
    private var formPostings: [[UInt8]] = []
    private var formLastDocument: [Int32] = []

    /// One document ready to be added: its result text and its weighted word forms.
    struct WeighedDocument: Sendable {
        var document: SearchDocument
        var weighted: [String: Double]
        var length: Double
    }

    /// A page's documents each with its forms by name (`WeighedPage`), for changing one page's
    /// documents in the build cache's index (`SearchState.replace`).
    static func weigh(_ page: SearchPage) -> [WeighedDocument] {
        WeighedPage(page).weighedDocuments
    }

    @discardableResult
    mutating func add(_ page: SearchPage) -> [Int32] {
        add(WeighedPage(page))
    }

    /// Returns the numbers of the word forms the page uses, each once (for the build cache's
    /// record of which page uses which forms).
    @discardableResult
    mutating func add(_ page: WeighedPage) -> [Int32] {
        // Numbered first (new forms grow the lists), once per page, by the bytes and hashes the
        // page's table holds, then appended through buffer pointers: through the nested arrays'
        // accessors, the serial part of indexing took a fifth longer.
        var numbers: [Int32] = []
        numbers.reserveCapacity(page.formTable.count)
        page.formTable.forEachForm { word, hash in
            let number = formTable.number(of: word, hash: hash)
            if Int(number) == formPostings.count {
                formPostings.append([])
                formLastDocument.append(0)
            }
            numbers.append(number)
        }
        let firstDocument = Int32(documents.count)
        formPostings.withUnsafeMutableBufferPointer { postings in
            formLastDocument.withUnsafeMutableBufferPointer { lastDocument in
                for (offset, documentPostings) in page.postings.enumerated() {
                    let document = firstDocument + Int32(offset)
                    for posting in documentPostings {
                        let number = Int(numbers[Int(posting.form)])
                        LEB128.append(UInt32(document - lastDocument[number]), posting.weight, to: &postings[number])
                        lastDocument[number] = document
                    }
                }
            }
        }
        documents += page.documents
        lengths += page.lengths
        return numbers
    }

    var formCount: Int { formTable.count }

    /// Stems every word form once, then scores each stem in each document (stems in parallel).
    /// `keepsAllPostings` for the build cache, which keeps the postings pruning drops.
    /// Consumes the forms' postings as it goes: a batch of stems is scored, then its forms' lists
    /// are let go, so the full lists and the pruned ones are never all held at once.
    mutating func finish(stemmer: Stemmer, keepsAllPostings: Bool = false) -> SearchIndex {
        let forms = formTable.forms
        // Forms are found by number from here on: the table's lookups (20 MB at 10,000 pages) go.
        formTable = FormTable()
        var stems: [String] = [], formStems: [Int32] = [], formsOfStem: [[Int]] = []
        var stemNumbers: [String: Int32] = [:]
        formStems.reserveCapacity(forms.count)
        for (number, form) in forms.enumerated() {
            // A hyphenated compound is its own stem, so "multi-agency" stays apart from "agency".
            let stem = form.utf8.contains(UInt8(ascii: "-")) ? form : stemmer.stem(form)
            let stemNumber = stemNumbers[stem] ?? Int32(stems.count)
            if Int(stemNumber) == stems.count {
                stemNumbers[stem] = stemNumber
                stems.append(stem)
                formsOfStem.append([])
            }
            formStems.append(stemNumber)
            formsOfStem[Int(stemNumber)].append(number)
        }
        stemNumbers = [:]
        var postings = [[SearchPosting]](repeating: [], count: stems.count)
        var documentCounts = [Int](repeating: 0, count: stems.count)
        var allPostings = [[UInt8]](repeating: [], count: keepsAllPostings ? stems.count : 0)
        for start in stride(from: 0, to: stems.count, by: Self.finishBatchSize) {
            let batch = start..<min(start + Self.finishBatchSize, stems.count)
            let scored = Array(batch).concurrentMap { [self, formsOfStem] stem -> (best: [SearchPosting], count: Int, all: [UInt8]) in
                let postings = score(merging: formsOfStem[stem])
                return (Self.best(postings), postings.count, keepsAllPostings ? SearchEncoding.postingBytes(postings) : [])
            }
            for (stem, result) in zip(batch, scored) {
                postings[stem] = result.best
                documentCounts[stem] = result.count
                if keepsAllPostings { allPostings[stem] = result.all }
                for number in formsOfStem[stem] { formPostings[number] = [] }
            }
        }
        formPostings = []
        formLastDocument = []
        return SearchIndex(documents: documents, forms: forms, formStems: formStems, stems: stems, stemPostings: postings,
                           stemDocumentCounts: documentCounts, stemAllPostings: allPostings, language: stemmer.algorithm)
    }

    static let finishBatchSize = 4096

    /// One stem's postings, all of them: its forms' weights added per document, then BM25's
    /// term-frequency part as a score code.
    private func score(merging formNumbers: [Int]) -> [SearchPosting] {
        var result: [SearchPosting] = []
        func append(document: UInt32, weight: UInt32) {
            result.append(SearchPosting(document: Int(document), scoreCode: Self.scoreCode(weight: weight, length: lengths[Int(document)])))
        }
        if formNumbers.count == 1 {
            forEachPosting(ofForm: formNumbers[0], append)
            return result
        }
        // Each as one number, document above weight, so a plain sort puts them in document order.
        var all: [UInt64] = []
        for number in formNumbers {
            forEachPosting(ofForm: number) { all.append(UInt64($0) << 32 | UInt64($1)) }
        }
        all.sort()
        var index = 0
        while index < all.count {
            let document = UInt32(all[index] >> 32)
            var weight: UInt32 = 0
            while index < all.count, UInt32(all[index] >> 32) == document {
                weight += UInt32(truncatingIfNeeded: all[index])
                index += 1
            }
            append(document: document, weight: weight)
        }
        return result
    }

    private func forEachPosting(ofForm number: Int, _ body: (_ document: UInt32, _ weight: UInt32) -> Void) {
        formPostings[number].withUnsafeBufferPointer { bytes in
            var offset = 0, document: UInt32 = 0
            while offset < bytes.count {
                document += LEB128.read(bytes, at: &offset)
                body(document, LEB128.read(bytes, at: &offset))
            }
        }
    }

    /// A document's score code for a stem, from the stem's weighted count in it and its length.
    /// Weights and lengths are sums of whole numbers, so the order they were added in never matters.
    static func scoreCode(weight: Double, length: Double) -> Int {
        SearchEncoding.scoreCode(termScore(weight: weight, length: length))
    }

    /// The same, from a table for the usual weights and lengths: a logarithm for each of the
    /// millions of postings of a large guide was a noticeable part of finishing its index.
    static func scoreCode(weight: UInt32, length: Double) -> Int {
        let row = Int(exactly: length) ?? Int.max
        guard weight < tabledWeights, row < tabledLengths else { return scoreCode(weight: Double(weight), length: length) }
        return Int(scoreCodeTable[row * tabledWeights + Int(weight)])
    }

    private static let tabledWeights = 32, tabledLengths = 4096
    private static let scoreCodeTable: [UInt8] = (0..<(tabledLengths * tabledWeights)).map { entry in
        UInt8(scoreCode(weight: Double(entry % tabledWeights), length: Double(entry / tabledWeights)))
    }

    /// BM25 without its idf: `tf * (k1 + 1) / (tf + k1 * (1 - b + b * length / averageLength))`.
    static func termScore(weight tf: Double, length: Double) -> Double {
        tf * (k1 + 1) / (tf + k1 * (1 - b + b * length / averageLength))
    }

    /// The `maxPostings` highest score codes (ties to the earlier document), in document order.
    /// By code, not by exact score, so that a rebuild from the build cache, which keeps codes only,
    /// keeps the same postings; and by counting, as there are only `SearchEncoding.digitCount` codes.
    static func best(_ postings: [SearchPosting]) -> [SearchPosting] {
        guard postings.count > maxPostings else { return postings }
        var countOfCode = [Int](repeating: 0, count: SearchEncoding.digitCount)
        for posting in postings { countOfCode[posting.scoreCode] += 1 }
        // The lowest code kept, and how many postings with it fit (the earliest documents).
        var threshold = SearchEncoding.digitCount - 1, above = 0
        while above + countOfCode[threshold] < maxPostings {
            above += countOfCode[threshold]
            threshold -= 1
        }
        var room = maxPostings - above
        return postings.filter { posting in
            if posting.scoreCode > threshold { return true }
            guard posting.scoreCode == threshold, room > 0 else { return false }
            room -= 1
            return true
        }
    }

    /// At most `snippetCharacters`, cut at a space, white space folded.
    static func snippet(_ text: String) -> String {
        // Only the start is kept, so only the start is looked at: scalars, not characters (grapheme
        // breaking was a noticeable part of indexing 90,000 sections), gathered as UTF-8 bytes.
        var folded: [UInt8] = []
        folded.reserveCapacity(snippetCharacters + 8)
        var count = 0, lastSpaceByteCount: Int?
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if isWhitespace(scalar) {
                pendingSpace = !folded.isEmpty
                continue
            }
            if pendingSpace {
                if count + 1 > snippetCharacters { break }
                lastSpaceByteCount = folded.count
                folded.append(0x20)
                count += 1
                pendingSpace = false
            }
            if count + 1 > snippetCharacters {
                // Cut at the last space, unless there is none: then at the limit.
                if let lastSpaceByteCount { folded.removeSubrange(lastSpaceByteCount...) }
                break
            }
            UTF8.encode(scalar) { folded.append($0) }
            count += 1
        }
        return String(decoding: folded, as: UTF8.self)
    }

    private static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII ? scalar.value == 0x20 || (0x09...0x0D).contains(scalar.value) : scalar.properties.isWhitespace
    }
}

/// The finished index, ready to be cut into shards. Forms and stems are numbered: at 10,000 pages
/// there are 370,000 forms, and dictionaries keyed by them were a large part of finishing the index.
struct SearchIndex: Sendable {
    var documents: [SearchDocument]
    /// Word forms by number, each with its stem's number.
    var forms: [String]
    var formStems: [Int32]
    /// Stems by number; per stem, its postings in document order (at most
    /// `SearchIndexBuilder.maxPostings`), the documents that hold it (counted before the postings
    /// were pruned), and for the build cache every posting, encoded as in the index.
    var stems: [String]
    var stemPostings: [[SearchPosting]]
    var stemDocumentCounts: [Int]
    var stemAllPostings: [[UInt8]]
    var language: String?

    /// Each form's stem, by name.
    var stemOfForm: [String: String] {
        Dictionary(uniqueKeysWithValues: zip(forms, formStems.map { stems[Int($0)] }))
    }

    /// Each stem's postings, by name.
    var postings: [String: [SearchPosting]] {
        Dictionary(uniqueKeysWithValues: zip(stems, stemPostings))
    }
}
