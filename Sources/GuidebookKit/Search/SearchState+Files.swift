import Foundation

/// The site's index files: which a change makes different, and reading shards and chunks back.
extension SearchState {
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

    /// Where the first of `forms` that is in `table.forms` is there.
    private func stemPosition(ofAnyOf forms: [String]) -> Int? {
        for form in forms {
            let (found, position) = position(of: form)
            if found { return position }
        }
        return nil
    }

    // MARK: Reading the site's files back

    /// A term shard's entries, read back from its file in `site`, which must still be the file the
    /// state names: the cache keeps no second copy of its entries' ends.
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
