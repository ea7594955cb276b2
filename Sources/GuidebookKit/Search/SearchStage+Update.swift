import GuidebookMarkdown

extension SearchStage {
    /// A full build from the build cache (a title edit, say) whose pages are the last build's, in
    /// the same reading order: each page whose search fingerprint changed has its new documents put in
    /// place of its old ones in the cached index (`SearchState.replace`); the index files that
    /// changed are written and the others kept. nil when that cannot be done (a page's number of
    /// documents changed, the cache does not read, files cannot be kept): the index is then built
    /// in full.
    static func update(
        tree: SiteTree, sections: [[MarkdownSection]], fingerprints: [UInt64], previous: PreviousSite,
        cacheBlobs: CacheBlobFile, write: ([SearchShardWriter.File]) -> String?,
        keep: ([String]) throws -> Bool
    ) -> Output? {
        guard var state = previous.search, let oldBlobs = previous.blobFile,
            previous.order == tree.pages.map(\.outputPath),
            keepsDocumentNumbers(tree: tree, previous: previous, documentCount: state.documentCount)
        else { return nil }
        let stemmer = Stemmer(language: state.language ?? "none")
        var change = SearchState.Change()
        var pageDocuments: [Range<Int>] = []
        for index in tree.pages.indices {
            guard let old = previous.pages[tree.pages[index].outputPath], old.searchFingerprint != 0 else { return nil }
            pageDocuments.append(old.documents)
            guard old.searchFingerprint != fingerprints[index] else { continue }
            let weighed = weigh(page: index, tree: tree, sections: sections[index])
            guard
                let pageChange = try? state.replace(
                    page: index, documents: old.documents, with: weighed, stemmer: stemmer, blobFile: oldBlobs, site: previous.folder)
            else { return nil }
            change.merge(pageChange)
        }
        guard let files = try? state.changedFiles(after: change, site: previous.folder) else { return nil }
        // Every other index file of the old site stays as it is (the synonyms are the build's to write).
        let written = Set(files.write.map(\.path)).union([SearchSynonyms.path]), removed = Set(files.remove)
        let oldFiles = FileStamp.files(under: previous.folder.appendingPathComponent(SearchShardWriter.folder)).keys
            .map { "\(SearchShardWriter.folder)/\($0)" }.filter { !written.contains($0) && !removed.contains($0) }.sorted()
        do {
            guard try keep(oldFiles) else { return nil }
        } catch {
            return Output(failure: "\(error)", pageDocuments: pageDocuments)
        }
        if let failure = write(files.write) { return Output(failure: failure, pageDocuments: pageDocuments) }
        // The new cache has a blob file of its own: the state's blobs are copied into it.
        let blobs = try? state.blobs.map { try cacheBlobs.store(.pending(try oldBlobs.bytes(of: $0))) }
        guard let blobs else { return Output(failure: nil, pageDocuments: pageDocuments, fingerprints: fingerprints) }
        state.blobs = blobs
        return Output(failure: nil, state: state, pageDocuments: pageDocuments, fingerprints: fingerprints, wasUpdated: true)
    }

    /// Whether the last build's documents keep their numbers: `build` numbers them in reading
    /// order, so each page's must start where the one before it in the new reading order ended.
    /// An `order` or title edit can reorder pages while `previous.order` (the pages by output
    /// path) stays as it was; the index is then built again, as it numbers every later document anew.
    static func keepsDocumentNumbers(tree: SiteTree, previous: PreviousSite, documentCount: Int) -> Bool {
        var next = 0
        for index in tree.readingOrder {
            guard let old = previous.pages[tree.pages[index].outputPath], old.documents.lowerBound == next else { return false }
            next = old.documents.upperBound
        }
        return next == documentCount
    }
}
