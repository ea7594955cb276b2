import Foundation

/// The site as the last build left it, for a full build from the build cache (`CachedBuild`):
/// per page output path, its `RenderFingerprint`s and where its body is in its file and in the
/// print editions (the whole guide's and its section's). A page whose fingerprint is unchanged keeps its file (`OutputConsumer.keep`)
/// instead of being rendered; a print body whose fingerprint is unchanged is copied from the old
/// print edition (`print.html` or the section's) instead of being rendered.
struct PreviousSite: Sendable {
    struct Page: Sendable {
        var fingerprint: PageFingerprint
        var bodyRange: Range<Int>?
        var printFingerprint: UInt64
        var printRange: Range<Int>?
        var sectionPrintFingerprint: UInt64
        var sectionPrintRange: Range<Int>?
        var searchFingerprint: UInt64
        var documents: Range<Int>
    }

    var pages: [String: Page]
    /// The pages' output paths in the order the cache numbers them.
    var order: [String]
    /// The site folder, before the new site takes its place.
    var folder: URL
    /// The index's state and the blob file it reads from (`SearchStage.update`).
    var search: SearchState?
    var blobFile: CacheBlobFile?

    init(cache: BuildCache, folder: URL, blobFile: CacheBlobFile) {
        var pages: [String: Page] = [:]
        for record in cache.pages {
            pages[record.outputPath] = Page(
                fingerprint: PageFingerprint(template: record.templateFingerprint, body: record.bodyFingerprint),
                bodyRange: record.bodyRange,
                printFingerprint: record.printFingerprint, printRange: record.printRange,
                sectionPrintFingerprint: record.sectionPrintFingerprint, sectionPrintRange: record.sectionPrintRange,
                searchFingerprint: record.searchFingerprint, documents: record.documents)
        }
        self.pages = pages
        order = cache.pages.map(\.outputPath)
        self.folder = folder
        search = cache.search
        self.blobFile = blobFile
    }

    /// The old print edition's bytes for a page's body (in `print.html`, or in its section's edition),
    /// when its fingerprint is `fingerprint`; nil when it is not, or the file cannot be read as recorded.
    func printBody(of outputPath: String, inSectionEdition: Bool, fingerprint: UInt64, in file: PrintEditionFile?) -> Data? {
        guard let file, let page = pages[outputPath] else { return nil }
        let (recorded, range) = inSectionEdition ? (page.sectionPrintFingerprint, page.sectionPrintRange) : (page.printFingerprint, page.printRange)
        guard recorded != 0, recorded == fingerprint, let range else { return nil }
        return file.bytes(range)
    }

    func openPrintEdition(_ path: String) -> PrintEditionFile? {
        PrintEditionFile(path: folder.appendingPathComponent(path).path)
    }
}
