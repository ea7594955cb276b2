import Foundation

/// What `guidebook build` keeps in `.guidebook-cache/` so that the next build can rebuild only what
/// an edit changed (`IncrementalBuild`): the files it read (stamp and content hash), per page what
/// a body edit must leave as it was and where its body sits in its HTML and in the print editions,
/// the glossary, the diagnostics, and the search index's state. Anything in `Key` that differs
/// means a full build, which writes a new cache.
public struct BuildCache: Sendable {
    static let formatVersion = 9
    static let folderName = ".guidebook-cache"

    /// Everything outside the content that the site depends on.
    struct Key: Sendable, Equatable {
        var tool: String
        var configurationHash: UInt64
        var themeHash: UInt64
        var includeDrafts: Bool
        var strict: Bool
        var today: String
        var outputFolder: String
        var lastUpdatedHash: UInt64

        /// Until `CachedBuild` sets the real key, after the build that recorded the cache.
        static let unset = Key(
            tool: "", configurationHash: 0, themeHash: 0, includeDrafts: false, strict: false, today: "",
            outputFolder: "", lastUpdatedHash: 0)
    }

    /// A file as last seen: size and modification time first (cheap), the content hash to be sure.
    struct FileRecord: Sendable, Equatable {
        var size: Int
        var modified: Int
        var hash: UInt64
    }

    struct PageRecord: Sendable {
        var contentPath: String
        var sourcePath: String
        var outputPath: String
        /// The bytes before the body: an edit that changes them is not a body edit.
        var frontMatterHash: UInt64
        /// Headings, link destinations and checklist items: what other pages show of this one.
        var structureHash: UInt64
        /// Not a glossary or generated page, and no diagnostic points into it.
        var isEditable: Bool
        /// Where its body is in its HTML file (which `outputListing` vouches for).
        var bodyRange: Range<Int>?
        /// Where its body is in print.html.
        var printRange: Range<Int>?
        /// Where its body is in its top-level section's print edition (`PrintEdition.sectionPath`).
        var sectionPrintRange: Range<Int>?
        /// Its links' rewrites, for its pages and for the print editions (`links(in:)`).
        var links: CacheBlob
        /// What the index takes from the page besides its sections.
        var searchTitle: String
        var searchSummary: String
        var searchTags: [String]
        var searchBreadcrumb: String
        var documents: Range<Int>
        /// What its HTML (`PageFingerprint`), and its body in print.html and in its section's print
        /// edition, were made from (`RenderFingerprint`); 0 for none. A body edit from the cache updates
        /// the body's.
        var templateFingerprint: UInt64 = 0
        var bodyFingerprint: UInt64 = 0
        var printFingerprint: UInt64 = 0
        var sectionPrintFingerprint: UInt64 = 0
        /// What the index took from it (`SearchStage.fingerprint`); 0 for none.
        var searchFingerprint: UInt64 = 0
    }

    var key: Key
    var files: [String: FileRecord]
    var pages: [PageRecord]
    var glossary: [Glossary.Entry]
    var allowsRawHTML: Bool
    var diagnostics: [Diagnostic]
    /// Whether the theme has a print edition (`print.html`, and one for each top-level section).
    var hasPrintEdition: Bool
    /// Every file in the output folder, as the last build left it (`outputListing(of:)`): a site
    /// folder someone changed, or removed, is built again in full, not patched.
    var outputListing: UInt64 = 0
    /// Which `CacheBlobFile` holds this cache's blobs.
    var blobGeneration: UInt64 = 0
    /// When it was written (nanoseconds since 1970): a file changed in the same clock tick as it
    /// was stamped can keep its stamp, so such recent files are read again whatever their stamp.
    var writtenAt: Int = 0
    var search: SearchState?

    static func linksBlob(rewrites: [String: String], printRewrites: [String: String], sectionPrintRewrites: [String: String]) -> CacheBlob {
        .encoding {
            $0.dictionary(rewrites)
            $0.dictionary(printRewrites)
            $0.dictionary(sectionPrintRewrites)
        }
    }

    func links(of page: Int, in blobFile: CacheBlobFile) throws -> (
        rewrites: [String: String], printRewrites: [String: String], sectionPrintRewrites: [String: String]
    ) {
        var reader = try blobFile.reader(of: pages[page].links)
        return (try reader.dictionary(), try reader.dictionary(), try reader.dictionary())
    }

    // MARK: Reading and writing

    static func folder(projectRoot: URL) -> URL { projectRoot.appendingPathComponent(folderName) }

    /// A hash of every file's path, size and modification time under `folder`.
    static func outputListing(of folder: URL) -> UInt64 {
        let files = FileStamp.files(under: folder)
        return ContentHash.fnv1a(files.keys.sorted().map { "\($0)\u{1F}\(files[$0]!.size)\u{1F}\(files[$0]!.modified)" }.joined(separator: "\u{1E}"))
    }

    /// nil when there is none, or it is from another version of the format, or damaged.
    static func load(from folder: URL) -> BuildCache? {
        guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent("build.bin").path) else { return nil }
        var reader = CacheReader(Array(data))
        return try? decode(&reader)
    }

    /// The blobs first (to the new file of a full build, or added to the end of this cache's
    /// file), then the main file, written beside and renamed over the old one: a cache is never
    /// half written, and blobs no main file names are only unused bytes.
    mutating func save(to folder: URL, blobFile: CacheBlobFile) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var blobs = pages.map(\.links) + (search?.blobs ?? [])
        try blobFile.store(&blobs)
        try blobFile.finish()
        for index in pages.indices { pages[index].links = blobs[index] }
        search?.blobs = Array(blobs[pages.count...])
        blobGeneration = blobFile.generation
        writtenAt = Int(Date().timeIntervalSince1970 * 1e9)
        var writer = CacheWriter()
        encode(&writer)
        try FileReplacement.replace(folder.appendingPathComponent("build.bin"), with: Data(writer.bytes), stage: "cache")
        blobFile.removeOthers()
    }

    static func remove(from folder: URL) {
        try? FileManager.default.removeItem(at: folder.appendingPathComponent("build.bin"))
    }

    func encode(_ writer: inout CacheWriter) {
        writer.int(Self.formatVersion)
        writer.string(key.tool)
        writer.uint64(key.configurationHash)
        writer.uint64(key.themeHash)
        writer.bool(key.includeDrafts)
        writer.bool(key.strict)
        writer.string(key.today)
        writer.string(key.outputFolder)
        writer.uint64(key.lastUpdatedHash)
        writer.int(files.count)
        for path in files.keys.sorted() {
            writer.string(path)
            Self.encode(files[path]!, &writer)
        }
        writer.int(pages.count)
        for page in pages { Self.encode(page, &writer) }
        writer.int(glossary.count)
        for entry in glossary {
            writer.string(entry.term)
            writer.string(entry.definition)
            writer.int(entry.page)
            writer.string(entry.headingID)
            writer.bool(entry.isAbbreviation)
        }
        writer.bool(allowsRawHTML)
        writer.int(diagnostics.count)
        for diagnostic in diagnostics { Self.encode(diagnostic, &writer) }
        writer.uint64(outputListing)
        writer.uint64(blobGeneration)
        writer.int(writtenAt)
        writer.bool(hasPrintEdition)
        writer.bool(search != nil)
        if let search { search.encode(&writer) }
    }

    static func decode(_ reader: inout CacheReader) throws -> BuildCache {
        guard try reader.int() == formatVersion else { throw CacheReader.Damaged() }
        let key = Key(
            tool: try reader.string(), configurationHash: try reader.uint64(), themeHash: try reader.uint64(),
            includeDrafts: try reader.bool(), strict: try reader.bool(), today: try reader.string(),
            outputFolder: try reader.string(), lastUpdatedHash: try reader.uint64())
        var files: [String: FileRecord] = [:]
        for _ in 0..<(try reader.count()) { files[try reader.string()] = try decodeFile(&reader) }
        let pages = try (0..<reader.count()).map { _ in try decodePage(&reader) }
        let glossary = try (0..<reader.count()).map { _ in
            Glossary.Entry(
                term: try reader.string(), definition: try reader.string(), page: try reader.int(),
                headingID: try reader.string(), isAbbreviation: try reader.bool())
        }
        let allowsRawHTML = try reader.bool()
        let diagnostics = try (0..<reader.count()).map { _ in try decodeDiagnostic(&reader) }
        let outputListing = try reader.uint64(), blobGeneration = try reader.uint64(), writtenAt = try reader.int()
        let hasPrintEdition = try reader.bool()
        let search = try reader.bool() ? try SearchState.decode(&reader) : nil
        guard reader.isAtEnd, glossary.allSatisfy({ pages.indices.contains($0.page) }) else { throw CacheReader.Damaged() }
        return BuildCache(
            key: key, files: files, pages: pages, glossary: glossary, allowsRawHTML: allowsRawHTML,
            diagnostics: diagnostics, hasPrintEdition: hasPrintEdition, outputListing: outputListing,
            blobGeneration: blobGeneration, writtenAt: writtenAt, search: search)
    }

    private static func encode(_ file: FileRecord, _ writer: inout CacheWriter) {
        writer.int(file.size)
        writer.int(file.modified)
        writer.uint64(file.hash)
    }

    private static func decodeFile(_ reader: inout CacheReader) throws -> FileRecord {
        FileRecord(size: try reader.int(), modified: try reader.int(), hash: try reader.uint64())
    }

    private static func encode(_ page: PageRecord, _ writer: inout CacheWriter) {
        writer.string(page.contentPath)
        writer.string(page.sourcePath)
        writer.string(page.outputPath)
        writer.uint64(page.frontMatterHash)
        writer.uint64(page.structureHash)
        writer.bool(page.isEditable)
        writer.range(page.bodyRange)
        writer.range(page.printRange)
        writer.range(page.sectionPrintRange)
        writer.blob(page.links)
        writer.string(page.searchTitle)
        writer.string(page.searchSummary)
        writer.strings(page.searchTags)
        writer.string(page.searchBreadcrumb)
        writer.range(page.documents)
        writer.uint64(page.templateFingerprint)
        writer.uint64(page.bodyFingerprint)
        writer.uint64(page.printFingerprint)
        writer.uint64(page.sectionPrintFingerprint)
        writer.uint64(page.searchFingerprint)
    }

    private static func decodePage(_ reader: inout CacheReader) throws -> PageRecord {
        PageRecord(
            contentPath: try reader.string(), sourcePath: try reader.string(), outputPath: try reader.string(),
            frontMatterHash: try reader.uint64(), structureHash: try reader.uint64(), isEditable: try reader.bool(),
            bodyRange: try reader.range(),
            printRange: try reader.range(), sectionPrintRange: try reader.range(), links: try reader.storedBlob(),
            searchTitle: try reader.string(), searchSummary: try reader.string(), searchTags: try reader.strings(),
            searchBreadcrumb: try reader.string(), documents: try reader.range() ?? 0..<0, templateFingerprint: try reader.uint64(),
            bodyFingerprint: try reader.uint64(),
            printFingerprint: try reader.uint64(), sectionPrintFingerprint: try reader.uint64(), searchFingerprint: try reader.uint64())
    }

    private static func encode(_ diagnostic: Diagnostic, _ writer: inout CacheWriter) {
        writer.string(diagnostic.severity.rawValue)
        writer.string(diagnostic.code.rawValue)
        writer.string(diagnostic.summary)
        writer.bool(diagnostic.location != nil)
        if let location = diagnostic.location {
            writer.string(location.path)
            writer.int(location.line)
            writer.int(location.column)
        }
        writer.strings(diagnostic.notes)
    }

    private static func decodeDiagnostic(_ reader: inout CacheReader) throws -> Diagnostic {
        guard let severity = Diagnostic.Severity(rawValue: try reader.string()),
            let code = DiagnosticCode(rawValue: try reader.string())
        else { throw CacheReader.Damaged() }
        let summary = try reader.string()
        let location = try reader.bool() ? SourceLocation(path: try reader.string(), line: try reader.int(), column: try reader.int()) : nil
        return Diagnostic(severity, code, summary, at: location, notes: try reader.strings())
    }
}
