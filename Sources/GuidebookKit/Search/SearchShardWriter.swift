import Foundation

/// Cuts the index into classic scripts (they call `Guidebook.register...`, so they load from
/// file://), in format 3 (README, "Search index format"): a manifest with a fixed name, term
/// shards cut over the sorted word forms where the content says (below), and result text in small
/// chunks found through chunk directories. Every other name carries a hash of its content; the same
/// content gives the same bytes, and a query loads a few small files whatever the size of the guide.
enum SearchShardWriter {
    static let folder = "search"
    static let manifestPath = "\(folder)/manifest.js"
    /// A term shard ends before a form whose hash says "cut" once it holds `shardMinimum` bytes of
    /// forms and postings, and before any form that would take it past `shardMaximum`. Cuts chosen
    /// by the forms themselves, not by a running count from the first form, stay where they were
    /// when one stem's postings grow or shrink: an edit rewrites the shards near its words only.
    static let shardMinimum = 12_000
    static let shardMaximum = 32_000
    /// One form in this many is a cut point: about 7 KB of entries past the minimum, on average.
    static let cutPointSpacing: UInt64 = 128
    static let chunkSize = 16
    static let directorySize = 64

    struct File: Sendable {
        var path: String
        var contents: String

        /// The content hash in the name: `terms-0123456789abcdef.js`, `docs-3-0123456789abcdef.js`.
        var hash: String { String(path.dropLast(".js".count).suffix(16)) }
    }

    static func files(for index: SearchIndex) -> [File] {
        written(index).files
    }

    /// The files, and where they came from: what the build cache keeps (`SearchState`).
    struct Layout: Sendable {
        var table: TermTable
        /// The stems, as `table` numbers them.
        var stems: [String]
        /// Per term shard: its forms (in `table.forms`), name and hash.
        var shardRanges: [Range<Int>]
        var shardFirstForms: [String]
        var shardHashes: [String]
        var chunkHashes: [String]
        var directoryHashes: [String]
    }

    static func written(_ index: SearchIndex) -> (files: [File], layout: Layout) {
        var files: [File] = []
        let layout = write(
            table: TermTable(index: index), stems: index.stems, documents: index.documents,
            language: index.language
        ) { files += $0 }
        return (files, layout)
    }

    /// The files, handed to `emit` a batch at a time (term shards, result chunks, their
    /// directories, the manifest) so that they are never all held at once, beside the pages
    /// still being rendered.
    static func write(
        table: TermTable, stems: [String], documents: [SearchDocument], language: String?,
        emit: ([File]) -> Void
    ) -> Layout {
        let ranges = cut(table)
        let firstForms = ranges.map { firstForm(of: $0, in: table) }
        var shardHashes: [String] = []
        for batch in batches(of: Array(zip(ranges, firstForms))) {
            let terms = batch.concurrentMap { termShard(table, range: $0, firstForm: $1) }
            shardHashes += terms.map(\.hash)
            emit(terms)
        }
        let chunks = documentChunks(for: documents, emit: emit)
        emit([
            manifest(
                language: language, documentCount: documents.count,
                shards: Array(zip(firstForms, shardHashes)), directoryHashes: chunks.directoryHashes)
        ])
        return Layout(
            table: table, stems: stems, shardRanges: ranges, shardFirstForms: firstForms, shardHashes: shardHashes,
            chunkHashes: chunks.chunkHashes, directoryHashes: chunks.directoryHashes)
    }

    /// How many files are made before they are handed on.
    static let emitBatchSize = 128

    private static func batches<Element>(of elements: [Element]) -> [[Element]] {
        stride(from: 0, to: elements.count, by: emitBatchSize).map { Array(elements[$0..<min($0 + emitBatchSize, elements.count)]) }
    }

    static func manifest(language: String?, documentCount: Int, shards: [(firstForm: String, hash: String)], directoryHashes: [String]) -> File {
        var manifest = "Guidebook.registerSearchManifest({\"version\":3,\"language\":\(language.map(JSONText.string) ?? "null"),"
        manifest += "\"docCount\":\(documentCount),"
        manifest += "\"score\":{\"min\":\(SearchEncoding.minimumScore),\"step\":\(SearchEncoding.scoreStep)},"
        manifest += "\"maxPostings\":\(SearchIndexBuilder.maxPostings),"
        manifest += "\"shards\":[" + shards.map { "[\(JSONText.string($0.firstForm)),\"\($0.hash)\"]" }.joined(separator: ",") + "],"
        manifest += "\"chunkSize\":\(chunkSize),\"directorySize\":\(directorySize),"
        manifest += "\"directories\":[" + directoryHashes.map { "\"\($0)\"" }.joined(separator: ",") + "]});\n"
        return File(path: manifestPath, contents: manifest)
    }

    /// Chunks of `chunkSize` documents with their pages' titles and links, and directories of
    /// `directorySize` chunk hashes, so the manifest stays small however many chunks there are.
    static func documentChunks(for documents: [SearchDocument], emit: ([File]) -> Void) -> (chunkHashes: [String], directoryHashes: [String]) {
        var chunkHashes: [String] = []
        for starts in batches(of: Array(stride(from: 0, to: documents.count, by: chunkSize))) {
            let files = starts.concurrentMap { chunkFile(number: $0 / chunkSize, documents[$0..<min($0 + chunkSize, documents.count)]) }
            chunkHashes += files.map(\.hash)
            emit(files)
        }
        let directories = stride(from: 0, to: chunkHashes.count, by: directorySize).map { directoryFile(number: $0 / directorySize, chunkHashes: chunkHashes) }
        emit(directories)
        return (chunkHashes, directories.map(\.hash))
    }
}
