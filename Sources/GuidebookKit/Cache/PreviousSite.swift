/// The site as the last build left it, for a full build from the build cache (`CachedBuild`):
/// per page output path, its `RenderFingerprint` and where its body is in its file. A page whose
/// fingerprint is unchanged keeps its file (`OutputConsumer.keep`) instead of being rendered.
struct PreviousSite: Sendable {
    struct Page: Sendable {
        var fingerprint: UInt64
        var bodyRange: Range<Int>?
    }

    var pages: [String: Page]

    init(cache: BuildCache) {
        var pages: [String: Page] = [:]
        for record in cache.pages where record.renderFingerprint != 0 {
            pages[record.outputPath] = Page(fingerprint: record.renderFingerprint, bodyRange: record.bodyRange)
        }
        self.pages = pages
    }
}
