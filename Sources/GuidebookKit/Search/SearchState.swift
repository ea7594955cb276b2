import Foundation

/// The index between builds, as the build cache keeps it: enough to put a page's new documents in
/// place of its old ones and write only the index files that change, byte for byte as a clean
/// build would write them. Possible because a posting's score depends on its own document only
/// (`SearchIndexBuilder`) and shards are cut where the word forms say (`SearchShardWriter.cut`).
/// What only some builds need (a stem's postings, a page's word forms) is in blobs, read when
/// needed; a shard's entries and a chunk's documents are read from the site's own files of them.
struct SearchState: Sendable {
    /// A term shard; its entries are read back from its file in the site (`shardEntries`) when
    /// a shard beside it must be written again.
    struct Shard: Sendable, Equatable {
        var firstForm: String
        var formCount: Int
        var hash: String
    }

    var language: String?
    var documentCount: Int
    /// Word forms in JavaScript's order with their stems' numbers, and each stem's entry length.
    var table: SearchShardWriter.TermTable
    /// Per word form (as `table.forms`), how many pages use it: at zero it leaves the index.
    var formPageCounts: [Int32]
    /// Per stem number: the stem, and all its postings (not pruned), encoded as in the index.
    var stems: [String]
    var stemPostings: [CacheBlob]
    var shards: [Shard]
    /// Per chunk of `SearchShardWriter.chunkSize` documents, its file's hash. Its documents are in
    /// that file in the site (`chunkDocuments`), not in the cache: the cache holds no second copy of the result text.
    var chunkHashes: [String]
    /// Chunks whose documents `replace` changed, until `changedFiles` writes them.
    var changedChunks: [Int: [SearchDocument]] = [:]
    var directoryHashes: [String]
    /// Per word form (as `table.forms`), its number in `pageForms`: it keeps it while it is in the
    /// index, however other forms come and go around it. `nextFormID` is the next new form's.
    var formIDs: [Int32]
    var nextFormID: Int32
    /// `formIDs` the other way round (-1 for a number no form has), made when `replace` first needs
    /// it and kept until forms come or go, so that a title edit, which replaces hundreds of pages
    /// with mostly the same forms, makes it once.
    private var positionOfID: [Int32] = []
    /// Per page (by page number), the numbers (`formIDs`) of the word forms its documents use, as
    /// `pageFormsBlob` writes them. Numbers, not the forms' text: under a third of the bytes to write.
    var pageForms: [CacheBlob]

    /// Every blob, in a fixed order, for `CacheBlobFile.store`.
    var blobs: [CacheBlob] {
        get { stemPostings + pageForms }
        set {
            stemPostings = Array(newValue.prefix(stemPostings.count))
            pageForms = Array(newValue.dropFirst(stemPostings.count))
        }
    }

    /// From a full build's index. Each blob goes through `store` as it is made (into the cache's
    /// file), so that they are not all held at once; `pageForms` are each page's word forms, stored
    /// already, by the numbers `formIDs` gives the forms of `layout.table`; `formPageCounts`, how
    /// many pages use each of those forms. `layout` numbers the stems as `index` does.
    init(
        index: SearchIndex, layout: SearchShardWriter.Layout, pageForms: [CacheBlob], formIDs: [Int32],
        formPageCounts: [Int32], store: (CacheBlob) throws -> CacheBlob
    ) throws {
        language = index.language
        documentCount = index.documents.count
        table = layout.table
        chunkHashes = layout.chunkHashes
        directoryHashes = layout.directoryHashes
        stems = layout.stems
        stemPostings = try index.stemAllPostings.map { try store(.pending($0)) }
        self.formPageCounts = formPageCounts
        shards = layout.shardRanges.indices.map { number in
            Shard(firstForm: layout.shardFirstForms[number], formCount: layout.shardRanges[number].count, hash: layout.shardHashes[number])
        }
        self.pageForms = pageForms
        self.formIDs = formIDs
        nextFormID = (formIDs.max() ?? -1) + 1
        // Only their lengths are kept; a build from the cache reads them from the blobs.
        table.stemTails = Array(repeating: "", count: table.stemTails.count)
    }

    init(
        language: String?, documentCount: Int, table: SearchShardWriter.TermTable, formPageCounts: [Int32], stems: [String],
        stemPostings: [CacheBlob], shards: [Shard], chunkHashes: [String], directoryHashes: [String],
        formIDs: [Int32], nextFormID: Int32, pageForms: [CacheBlob]
    ) {
        self.language = language
        self.documentCount = documentCount
        self.table = table
        self.formPageCounts = formPageCounts
        self.stems = stems
        self.stemPostings = stemPostings
        self.shards = shards
        self.chunkHashes = chunkHashes
        self.directoryHashes = directoryHashes
        self.formIDs = formIDs
        self.nextFormID = nextFormID
        self.pageForms = pageForms
    }

    // MARK: Changing one page

    /// What `replace` changed, for `changedFiles`.
    struct Change {
        var stems: Set<Int32> = []
        var newForms: Set<String> = []
        /// Forms no page uses any more: a shard that held one is written again, even when it
        /// starts where it did and holds as many forms (it may have taken one from the next).
        var removedForms: Set<String> = []
        var chunks: Set<Int> = []

        mutating func merge(_ other: Change) {
            stems.formUnion(other.stems)
            newForms.formUnion(other.newForms)
            removedForms.formUnion(other.removedForms)
            chunks.formUnion(other.chunks)
        }
    }

    /// Puts a page's new documents in place of its old ones (numbered `range`); nil when their
    /// number changed, which would renumber every later document. `site` is the site the state
    /// was made with, for the documents beside the page's (`chunkDocuments`).
    mutating func replace(
        page: Int, documents range: Range<Int>, with weighed: [SearchIndexBuilder.WeighedDocument],
        stemmer: Stemmer, blobFile: CacheBlobFile, site: URL
    ) throws -> Change? {
        guard weighed.count == range.count, range.upperBound <= documentCount, page < pageForms.count else { return nil }
        var change = Change()
        // Forms the page no longer uses may leave the index; their stems lose the page's postings.
        if positionOfID.isEmpty {
            positionOfID = [Int32](repeating: -1, count: Int(nextFormID))
            for (position, id) in formIDs.enumerated() { positionOfID[Int(id)] = Int32(position) }
        }
        var oldForms = try blobFile.reader(of: pageForms[page])
        for id in try oldForms.ints() {
            guard id >= 0, id < positionOfID.count, positionOfID[Int(id)] >= 0 else { return nil }
            let position = Int(positionOfID[Int(id)])
            formPageCounts[position] -= 1
            change.stems.insert(table.formStems[position])
        }
        var idsUsed: [Int32] = []
        var formsUsed: Set<String> = []
        for document in weighed { formsUsed.formUnion(document.weighted.keys) }
        var stemOfForm: [String: Int32] = [:]
        var stemNumbers: [String: Int32]?
        for form in formsUsed.sorted() {
            let (found, position) = position(of: form)
            if found {
                formPageCounts[position] += 1
                stemOfForm[form] = table.formStems[position]
                idsUsed.append(formIDs[position])
            } else {
                // As `SearchIndexBuilder.stemNumber(of:)`: a hyphenated compound is its own stem.
                let stem = form.contains("-") ? form : stemmer.stem(form)
                if stemNumbers == nil { stemNumbers = Dictionary(stems.enumerated().map { ($1, Int32($0)) }, uniquingKeysWith: { first, _ in first }) }
                let number =
                    stemNumbers![stem]
                    ?? {
                        let number = Int32(stems.count)
                        stems.append(stem)
                        stemPostings.append(.pending([]))
                        table.stemTails.append("")
                        table.stemTailLengths.append(0)
                        stemNumbers![stem] = number
                        return number
                    }()
                table.forms.insert(form, at: position)
                table.formStems.insert(number, at: position)
                formPageCounts.insert(1, at: position)
                formIDs.insert(nextFormID, at: position)
                positionOfID = []
                idsUsed.append(nextFormID)
                nextFormID += 1
                stemOfForm[form] = number
                change.newForms.insert(form)
            }
            change.stems.insert(stemOfForm[form]!)
        }
        for position in formPageCounts.indices.reversed() where formPageCounts[position] <= 0 {
            change.removedForms.insert(table.forms[position])
            table.forms.remove(at: position)
            table.formStems.remove(at: position)
            formPageCounts.remove(at: position)
            formIDs.remove(at: position)
            positionOfID = []
        }
        // The page's postings per stem, from its new documents.
        var newPostings: [Int32: [SearchPosting]] = [:]
        for (offset, document) in weighed.enumerated() {
            var weightOfStem: [Int32: Double] = [:]
            for (form, weight) in document.weighted { weightOfStem[stemOfForm[form]!, default: 0] += weight }
            for (stem, weight) in weightOfStem {
                newPostings[stem, default: []].append(
                    SearchPosting(
                        document: range.lowerBound + offset,
                        scoreCode: SearchEncoding.shifted(
                            SearchIndexBuilder.scoreCode(weight: weight, length: document.length),
                            by: document.codeShift)))
            }
        }
        var changedStems: Set<Int32> = []
        for stem in change.stems {
            let old = try SearchEncoding.decodePostings(try blobFile.bytes(of: stemPostings[Int(stem)]))
            // In document order, so the page's postings go where its documents are.
            let start = old.partitioningIndex { $0.document >= range.lowerBound }
            let end = old[start...].partitioningIndex { $0.document >= range.upperBound }
            let new = newPostings[stem, default: []].sorted { $0.document < $1.document }
            let isChanged = Array(old[start..<end]) != new
            let postings = isChanged ? Array(old[..<start]) + new + Array(old[end...]) : old
            // Set even when unchanged: a new form of this stem may put it in a shard to be written.
            table.setTail(SearchShardWriter.tail(postings: SearchIndexBuilder.best(postings), documentCount: postings.count), of: stem)
            if isChanged {
                stemPostings[Int(stem)] = .pending(SearchEncoding.postingBytes(postings))
                changedStems.insert(stem)
            }
        }
        change.stems = changedStems
        for number in Set(range.map { $0 / SearchShardWriter.chunkSize }).sorted() {
            var documents = try chunkDocuments(number, site: site)
            let first = number * SearchShardWriter.chunkSize
            for (offset, document) in weighed.enumerated() where (first..<(first + documents.count)).contains(range.lowerBound + offset) {
                documents[range.lowerBound + offset - first] = document.document
            }
            changedChunks[number] = documents
            change.chunks.insert(number)
        }
        pageForms[page] = Self.pageFormsBlob(idsUsed)
        return change
    }

    /// Where `form` is, or would go, in `table.forms` (JavaScript's order).
    func position(of form: String) -> (found: Bool, position: Int) {
        let position = table.forms.partitioningIndex { !SearchEncoding.precedesInJavaScript($0, form) }
        return (position < table.forms.count && table.forms[position] == form, position)
    }
}
