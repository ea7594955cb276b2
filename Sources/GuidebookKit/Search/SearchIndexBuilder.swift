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
    /// Per document, what its page's `search_weight` adds to its score codes (almost always 0).
    private var codeShifts: [Int8] = []
    private let stemmer: Stemmer
    /// Word forms numbered as they first come, each with its stem's number; stems numbered as
    /// they first come, by their bytes too. Numbers and flat lists, not a dictionary per document,
    /// so a large guide's index stays small in memory.
    private var formTable = FormTable(capacity: Self.initialFormCapacity)
    private var forms: [String] = []
    private var formStems: [Int32] = []
    private var stemTable = FormTable(capacity: 1 << 14)
    /// Per stem, (document delta, weight) pairs as LEB128 bytes, most of them a byte each (weights
    /// are whole numbers). Per stem, not per form: far fewer lists to add to, and none to merge
    /// when the index is finished. A class: a builder is one index's, used once and never copied.
    private var postingLists = StemPostingLists()

    init(stemmer: Stemmer) {
        self.stemmer = stemmer
    }

    /// Room for this many documents (a page's sections at most), and for the word forms of this
    /// many bytes of text, so that the documents are not copied and the form table not rehashed
    /// as they grow.
    mutating func reserveCapacity(documents count: Int, textBytes: Int) {
        documents.reserveCapacity(count)
        lengths.reserveCapacity(count)
        let forms = min(textBytes / Self.textBytesPerForm, Self.maximumReservedForms)
        if forms > Self.initialFormCapacity, formTable.count == 0 { formTable = FormTable(capacity: forms, reservingForms: true) }
    }

    /// The benchmark's guide of 10,000 pages has a form for every 160 bytes of text (60 MB, 370,000
    /// forms); a guide in plain English has fewer, and a table reserved too large costs only its slots.
    static let textBytesPerForm = 160
    static let maximumReservedForms = 1 << 21
    static let initialFormCapacity = 1 << 16

    /// One document ready to be added: its result text and its weighted word forms.
    struct WeighedDocument: Sendable {
        var document: SearchDocument
        var weighted: [String: Double]
        var length: Double
        var codeShift = 0
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
        let (numbers, stems) = number(page.formTable)
        let firstDocument = Int32(documents.count)
        for (offset, documentPostings) in page.postings.enumerated() {
            postingLists.add(
                document: firstDocument + Int32(offset),
                postings: documentPostings.lazy.map { (stem: stems[Int($0.form)], weight: $0.weight) })
        }
        documents += page.documents
        lengths += page.lengths
        codeShifts += repeatElement(Int8(clamping: page.codeShift), count: page.documents.count)
        return numbers
    }

    /// Numbers a page's forms by the bytes and hashes its table holds, stemming each new one;
    /// with each form's stem, so adding the page's postings looks each up once a page.
    private mutating func number(_ pageForms: FormTable) -> (numbers: [Int32], stems: [Int32]) {
        let numbers = formTable.number(formsOf: pageForms)
        for number in forms.count..<formTable.count {
            // Made a string once and kept for the index's term table.
            var form = formTable.form(number)
            forms.append(form)
            formStems.append(form.withUTF8 { stemNumber(of: $0) })
        }
        // Looked up after, not as each form is numbered: these loads do not wait on each other.
        let stems = formStems.withUnsafeBufferPointer { formStems in numbers.map { formStems[Int($0)] } }
        return (numbers, stems)
    }

    private mutating func stemNumber(of form: UnsafeBufferPointer<UInt8>) -> Int32 {
        // A hyphenated compound is its own stem, so "multi-agency" stays apart from "agency".
        let number = form.contains(UInt8(ascii: "-")) ? stemTable.number(of: form) : stemmer.withStem(of: form) { stemTable.number(of: $0) }
        if Int(number) == postingLists.count { postingLists.appendStem() }
        return number
    }

    var formCount: Int { formTable.count }

    /// Scores each stem in each document (stems in parallel). `keepsAllPostings` for the build
    /// cache, which keeps the postings pruning drops. Consumes the stems' postings as it goes: a
    /// batch of stems is scored, then its lists are let go, so the full lists and the pruned ones
    /// are never all held at once.
    mutating func finish(keepsAllPostings: Bool = false) -> SearchIndex {
        postingLists.flush()
        // Forms are found by number from here on: the table's lookups are let go.
        formTable = FormTable()
        let stems = stemTable.forms
        stemTable = FormTable()
        var documentCounts = [Int](repeating: 0, count: stems.count)
        var tails = [String](repeating: "", count: stems.count)
        var allPostings = [[UInt8]](repeating: [], count: keepsAllPostings ? stems.count : 0)
        let rows = lengths.map(Self.scoreRow)
        let codeShifts = codeShifts
        for start in stride(from: 0, to: stems.count, by: Self.finishBatchSize) {
            let batch = start..<min(start + Self.finishBatchSize, stems.count)
            let scored = Array(batch).concurrentMap { [lengths, postingLists, codeShifts] stem -> FinishedStem in
                postingLists.withList(of: stem) { bytes in
                    Self.postingCount(bytes) <= Self.maxPostings
                        ? Self.finishedStem(bytes, rows: rows, lengths: lengths, codeShifts: codeShifts, keepsAllPostings: keepsAllPostings)
                        : Self.finishedStem(Self.score(bytes, rows: rows, lengths: lengths, codeShifts: codeShifts), keepsAllPostings: keepsAllPostings)
                }
            }
            for (stem, result) in zip(batch, scored) {
                documentCounts[stem] = result.count
                tails[stem] = result.tail
                if keepsAllPostings { allPostings[stem] = result.all }
                postingLists.release(stem: stem)
            }
        }
        postingLists = StemPostingLists()
        return SearchIndex(
            documents: documents, forms: forms, formStems: formStems, stems: stems,
            stemDocumentCounts: documentCounts, stemTails: tails, stemAllPostings: allPostings, language: stemmer.algorithm)
    }

    /// A stem as the index files and the build cache take it: how many documents hold it, the end
    /// of its entry (`SearchShardWriter.tail`) and, for the cache, all its postings encoded.
    private struct FinishedStem {
        var count: Int
        var tail: String
        var all: [UInt8]
    }

    /// How many (document delta, weight) pairs a list holds: a LEB128 number ends at each byte
    /// below 0x80.
    private static func postingCount(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var ends = 0
        for byte in bytes where byte < 0x80 { ends += 1 }
        return ends / 2
    }

    /// The usual stem, with at most `maxPostings` postings, all kept: encoded straight from the
    /// list, a posting at a time, with no array of postings in between.
    private static func finishedStem(
        _ bytes: UnsafeBufferPointer<UInt8>, rows: [Int32], lengths: [Double], codeShifts: [Int8],
        keepsAllPostings: Bool
    ) -> FinishedStem {
        var postingBytes: [UInt8] = []
        postingBytes.reserveCapacity(bytes.count)
        var offset = 0, document: UInt32 = 0, previous = 0, count = 0
        while offset < bytes.count {
            document += LEB128.read(bytes, at: &offset)
            let weight = LEB128.read(bytes, at: &offset)
            count += 1
            SearchEncoding.appendVarint(Int(document) - previous, to: &postingBytes)
            let code = scoreCode(weight: weight, row: rows[Int(document)], length: lengths[Int(document)])
            postingBytes.append(SearchEncoding.digitByte(SearchEncoding.shifted(code, by: Int(codeShifts[Int(document)]))))
            previous = Int(document)
        }
        return FinishedStem(
            count: count, tail: SearchShardWriter.tail(postingBytes: postingBytes, documentCount: count),
            all: keepsAllPostings ? postingBytes : [])
    }

    /// A stem with all its postings scored, pruned to the best.
    private static func finishedStem(_ postings: [SearchPosting], keepsAllPostings: Bool) -> FinishedStem {
        let bestBytes = SearchEncoding.postingBytes(best(postings))
        return FinishedStem(
            count: postings.count, tail: SearchShardWriter.tail(postingBytes: bestBytes, documentCount: postings.count),
            all: keepsAllPostings ? SearchEncoding.postingBytes(postings) : [])
    }

    static let finishBatchSize = 4096

    /// One stem's postings, all of them, with BM25's term-frequency part as a score code.
    private static func score(_ bytes: UnsafeBufferPointer<UInt8>, rows: [Int32], lengths: [Double], codeShifts: [Int8]) -> [SearchPosting] {
        var result: [SearchPosting] = []
        result.reserveCapacity(postingCount(bytes))
        var offset = 0, document: UInt32 = 0
        while offset < bytes.count {
            document += LEB128.read(bytes, at: &offset)
            let weight = LEB128.read(bytes, at: &offset)
            let code = scoreCode(weight: weight, row: rows[Int(document)], length: lengths[Int(document)])
            result.append(SearchPosting(document: Int(document), scoreCode: SearchEncoding.shifted(code, by: Int(codeShifts[Int(document)]))))
        }
        return result
    }
}
