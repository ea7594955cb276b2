/// How the build cache's main file holds the index state; the larger parts are blobs.
extension SearchState {
    func encode(_ writer: inout CacheWriter) {
        writer.bool(language != nil)
        if let language { writer.string(language) }
        writer.int(documentCount)
        writer.strings(table.forms)
        writer.ints(table.formStems)
        writer.ints(table.stemTailLengths)
        writer.ints(formPageCounts)
        writer.strings(stems)
        for postings in stemPostings { writer.blob(postings) }
        writer.int(shards.count)
        for shard in shards {
            writer.string(shard.firstForm)
            writer.int(shard.formCount)
            writer.string(shard.hash)
        }
        writer.strings(chunkHashes)
        writer.strings(directoryHashes)
        writer.ints(formIDs)
        writer.int(Int(nextFormID))
        writer.int(pageForms.count)
        for forms in pageForms { writer.blob(forms) }
    }

    static func decode(_ reader: inout CacheReader) throws -> SearchState {
        let language = try reader.bool() ? try reader.string() : nil
        let documentCount = try reader.int()
        let forms = try reader.strings(), formStems = try reader.ints(), tailLengths = try reader.ints()
        let table = SearchShardWriter.TermTable(
            forms: forms, formStems: formStems, stemTails: Array(repeating: "", count: tailLengths.count),
            stemTailLengths: tailLengths)
        let formPageCounts = try reader.ints()
        let stems = try reader.strings()
        let stemPostings = try stems.map { _ in try reader.storedBlob() }
        let shards = try (0..<reader.count()).map { _ in
            Shard(firstForm: try reader.string(), formCount: try reader.int(), hash: try reader.string())
        }
        let state = SearchState(
            language: language, documentCount: documentCount, table: table, formPageCounts: formPageCounts, stems: stems,
            stemPostings: stemPostings, shards: shards, chunkHashes: try reader.strings(),
            directoryHashes: try reader.strings(), formIDs: try reader.ints(), nextFormID: Int32(clamping: try reader.int()),
            pageForms: try (0..<reader.count()).map { _ in try reader.storedBlob() })
        guard formStems.count == forms.count, formPageCounts.count == forms.count, tailLengths.count == stems.count,
            state.formIDs.count == forms.count, state.formIDs.allSatisfy({ $0 >= 0 && $0 < state.nextFormID }),
            state.directoryHashes.count == (state.chunkHashes.count + SearchShardWriter.directorySize - 1) / SearchShardWriter.directorySize,
            formStems.allSatisfy({ $0 >= 0 && Int($0) < stems.count })
        else { throw CacheReader.Damaged() }
        return state
    }

    /// A page's forms by number (`formIDs`), as `CacheReader.ints` reads them back. Unsorted: sorted
    /// numbers could be written as smaller differences, but sorting them costs more than it saves.
    static func pageFormsBlob(_ ids: [Int32]) -> CacheBlob {
        .pending(
            [UInt8](unsafeUninitializedCapacity: 5 * (ids.count + 1)) { buffer, count in
                count = LEB128.write(UInt32(ids.count), to: buffer.baseAddress!)
                for id in ids { count += LEB128.write(UInt32(id), to: buffer.baseAddress! + count) }
            })
    }
}
