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
    /// that file in the site (`chunkDocuments`), not in the cache: they were a quarter of its bytes.
    var chunkHashes: [String]
    /// Chunks whose documents `replace` changed, until `changedFiles` writes them.
    private var changedChunks: [Int: [SearchDocument]] = [:]
    var directoryHashes: [String]
    /// Per word form (as `table.forms`), its number in `pageForms`: it keeps it while it is in the
    /// index, however other forms come and go around it. `nextFormID` is the next new form's.
    var formIDs: [Int32]
    var nextFormID: Int32
    /// `formIDs` the other way round (-1 for a number no form has), made when `replace` first needs
    /// it and kept until forms come or go: a title edit replaces hundreds of pages, most with the
    /// same forms as before, and this was made again for each of them.
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
                // As `SearchIndexBuilder.finish`: a hyphenated compound is its own stem.
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

    /// Where the first of `forms` that is in `table.forms` is there.
    private func stemPosition(ofAnyOf forms: [String]) -> Int? {
        for form in forms {
            let (found, position) = position(of: form)
            if found { return position }
        }
        return nil
    }

    /// Where `form` is, or would go, in `table.forms` (JavaScript's order).
    func position(of form: String) -> (found: Bool, position: Int) {
        let position = table.forms.partitioningIndex { !SearchEncoding.precedesInJavaScript($0, form) }
        return (position < table.forms.count && table.forms[position] == form, position)
    }

    // MARK: Writing what changed

    /// The index files a change made different, and the ones they replace. Shards that hold no
    /// changed stem or new form and start and end where they did keep their files.
    mutating func changedFiles(after change: Change, site: URL) throws -> (write: [SearchShardWriter.File], remove: [String]) {
        var write: [SearchShardWriter.File] = []
        var remove: [String] = []
        let ranges = SearchShardWriter.cut(table)
        let old = Dictionary(shards.map { ($0.firstForm, $0) }, uniquingKeysWith: { first, _ in first })
        let oldFirstForms = shards.map(\.firstForm)
        var kept: Set<String> = []
        var newShards: [Shard] = []
        var tailsRead: Set<Int> = []
        for range in ranges {
            let firstForm = SearchShardWriter.firstForm(of: range, in: table)
            let lastForm = table.forms[range.upperBound - 1]
            if let previous = old[firstForm], previous.formCount == range.count,
                !range.contains(where: { change.stems.contains(table.formStems[$0]) || change.newForms.contains(table.forms[$0]) }),
                !change.removedForms.contains(where: {
                    !SearchEncoding.precedesInJavaScript($0, firstForm) && !SearchEncoding.precedesInJavaScript(lastForm, $0)
                })
            {
                newShards.append(previous)
                kept.insert(previous.hash)
                continue
            }
            // The other stems' entries come from the old shards that held these forms.
            let firstOld = max(0, oldFirstForms.partitioningIndex { SearchEncoding.precedesInJavaScript(firstForm, $0) } - 1)
            let endOld = oldFirstForms.partitioningIndex { SearchEncoding.precedesInJavaScript(lastForm, $0) }
            for number in firstOld..<max(firstOld + 1, endOld) where number < shards.count && tailsRead.insert(number).inserted {
                for entry in try shardEntries(number, site: site) {
                    // The entry's stem, by any of its forms still in the index (a stem's forms all share it).
                    guard let position = stemPosition(ofAnyOf: entry.forms) else { continue }
                    let stem = table.formStems[position]
                    if !change.stems.contains(stem) { table.stemTails[Int(stem)] = entry.tail }
                }
            }
            // Every entry's end must be known by now; one that is not means the cache is not what it says.
            guard range.allSatisfy({ !table.stemTails[Int(table.formStems[$0])].isEmpty }) else { throw CacheReader.Damaged() }
            let file = SearchShardWriter.termShard(table, range: range, firstForm: firstForm)
            newShards.append(Shard(firstForm: firstForm, formCount: range.count, hash: file.hash))
            kept.insert(file.hash)
            write.append(file)
        }
        remove += shards.filter { !kept.contains($0.hash) }.map { "\(SearchShardWriter.folder)/terms-\($0.hash).js" }
        shards = newShards
        var directories: Set<Int> = []
        for number in change.chunks.sorted() {
            let file = SearchShardWriter.chunkFile(number: number, try chunkDocuments(number, site: site)[...])
            changedChunks[number] = nil
            // A chunk whose documents read back as written (the same text) keeps its file.
            guard file.hash != chunkHashes[number] else { continue }
            remove.append("\(SearchShardWriter.folder)/docs-\(number)-\(chunkHashes[number]).js")
            chunkHashes[number] = file.hash
            write.append(file)
            directories.insert(number / SearchShardWriter.directorySize)
        }
        for number in directories.sorted() {
            guard number < directoryHashes.count else { throw CacheReader.Damaged() }
            let file = SearchShardWriter.directoryFile(number: number, chunkHashes: chunkHashes)
            remove.append("\(SearchShardWriter.folder)/chunks-\(number)-\(directoryHashes[number]).js")
            directoryHashes[number] = file.hash
            write.append(file)
        }
        write.append(
            SearchShardWriter.manifest(
                language: language, documentCount: documentCount,
                shards: shards.map { ($0.firstForm, $0.hash) }, directoryHashes: directoryHashes))
        return (write, remove.filter { path in !write.contains { $0.path == path } })
    }

    // MARK: Blobs

    /// A page's forms by number (`formIDs`), as `CacheReader.ints` reads them back. Unsorted: sorting
    /// the numbers of the 10 million word uses of a large guide's pages, to write differences,
    /// took more time than the third fewer bytes saved in writing them.
    static func pageFormsBlob(_ ids: [Int32]) -> CacheBlob {
        .pending(
            [UInt8](unsafeUninitializedCapacity: 5 * (ids.count + 1)) { buffer, count in
                count = LEB128.write(UInt32(ids.count), to: buffer.baseAddress!)
                for id in ids { count += LEB128.write(UInt32(id), to: buffer.baseAddress! + count) }
            })
    }

    /// A term shard's entries, read back from its file in `site`, which must still be the file the
    /// state names: its entries' ends are not kept in the cache, as they were (11 MB at 10,000 pages).
    func shardEntries(_ number: Int, site: URL) throws -> [(forms: [String], tail: String)] {
        let hash = shards[number].hash
        guard let entries = SearchShardWriter.entries(inShardScript: try Self.indexFile("terms-\(hash).js", hash: hash, site: site))
        else { throw CacheReader.Damaged() }
        return entries
    }

    /// The text of an index file of `site`, which must be the one its name's hash says.
    private static func indexFile(_ name: String, hash: String, site: URL) throws -> String {
        let path = site.appendingPathComponent("\(SearchShardWriter.folder)/\(name)").path
        guard let data = FileManager.default.contents(atPath: path) else { throw CacheReader.Damaged() }
        let text = String(decoding: data, as: UTF8.self)
        guard ContentHash.hex(text) == hash else { throw CacheReader.Damaged() }
        return text
    }

    /// A chunk's documents: as `replace` left them, or read back from the chunk's file in `site`,
    /// which must still be the file the state names (its name carries its text's hash).
    func chunkDocuments(_ number: Int, site: URL) throws -> [SearchDocument] {
        if let changed = changedChunks[number] { return changed }
        guard number < chunkHashes.count else { throw CacheReader.Damaged() }
        let hash = chunkHashes[number]
        guard
            let documents = SearchShardWriter.documents(
                inChunkScript: try Self.indexFile("docs-\(number)-\(hash).js", hash: hash, site: site),
                number: number)
        else { throw CacheReader.Damaged() }
        return documents
    }
}
