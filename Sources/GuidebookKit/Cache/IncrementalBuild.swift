import Foundation
import GuidebookMarkdown

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A build from the build cache: when the only files that changed are pages whose front matter,
/// headings, links and checklists are as they were (and that have no diagnostics, and are not the
/// glossary), nothing any other page shows has changed. Then only these pages' HTML, their bodies
/// in print.html and in their sections' print editions, and the index files holding their words
/// are written, each file whole, beside the site, then moved in together (`WriteJournal`). Anything
/// else is left to a full build (nil), which writes a new cache.
enum IncrementalBuild {
    /// A page edit ready to be written.
    private struct PageEdit {
        var page: Int
        var bodyHTML: String
        var printHTML: String
        /// In its top-level section's print edition; nil for a page outside every section.
        var sectionPrintHTML: String?
        /// The new body's fingerprints, for a later full build from the cache (`PreviousSite`).
        var bodyFingerprint: UInt64
        var printFingerprint: UInt64
        var sectionPrintFingerprint: UInt64
        var searchFingerprint: UInt64
    }

    static func run(cache: inout BuildCache, blobFile: CacheBlobFile, contentFolder: URL, stamps: [String: FileStamp], outputFolder: URL) -> BuildResult? {
        var clock = StageClock()
        guard BuildCache.outputListing(of: outputFolder) == cache.outputListing,
            let changed = changedFiles(cache: &cache, contentFolder: contentFolder, stamps: stamps)
        else { return nil }
        let pageByContentPath = Dictionary(cache.pages.enumerated().map { ($1.contentPath, $0) }, uniquingKeysWith: { first, _ in first })
        var edits: [PageEdit] = []
        var weighed: [Int: [SearchIndexBuilder.WeighedDocument]] = [:]
        let glossary = GlossaryIndex(Glossary(entries: cache.glossary))
        let pages = cache.pages
        let glossaryFingerprint = RenderFingerprint.glossary(cache.glossary, outputPathOfPage: { pages[$0].outputPath })
        for (path, data) in changed.sorted(by: { $0.key < $1.key }) {
            // A glossary page's text is also the search synonyms of its abbreviations (search/synonyms.js).
            guard let page = pageByContentPath[path], !cache.glossary.contains(where: { $0.page == page }),
                let (edit, documents) = try? bodyEdit(
                    of: page, data: data, cache: cache, glossary: glossary,
                    glossaryFingerprint: glossaryFingerprint, blobFile: blobFile)
            else { return nil }
            edits.append(edit)
            weighed[page] = documents
        }
        clock.lap("load and parse")
        var search = cache.search
        var searchFiles: (write: [SearchShardWriter.File], remove: [String]) = ([], [])
        if var state = search, !edits.isEmpty {
            let stemmer = Stemmer(language: state.language ?? "none")
            var change = SearchState.Change()
            for edit in edits {
                guard let documents = weighed[edit.page],
                    let pageChange = try? state.replace(
                        page: edit.page, documents: cache.pages[edit.page].documents, with: documents,
                        stemmer: stemmer, blobFile: blobFile, site: outputFolder)
                else { return nil }
                change.merge(pageChange)
            }
            guard let files = try? state.changedFiles(after: change, site: outputFolder) else { return nil }
            searchFiles = files
            search = state
        }
        clock.lap("index")
        guard !edits.isEmpty else {
            var result = BuildResult(pagesWritten: [], diagnostics: cache.diagnostics, timings: clock.timings, didWrite: true)
            result.wasIncremental = true
            return result
        }
        // Every changed file is written beside the site, then all are moved in (`WriteJournal`): a
        // build killed at any moment leaves the old site, or one the next build finishes. The cache
        // is changed on a copy, kept only once the site has changed: a build that stops before that
        // leaves the site as the cache describes it, for the full build that follows.
        var updated = cache
        var written: [String] = []
        guard let journal = try? WriteJournal(site: outputFolder) else { return nil }
        do {
            for edit in edits {
                try stagePage(edit, cache: &updated, outputFolder: outputFolder, journal: journal)
                written.append(updated.pages[edit.page].outputPath)
                updated.pages[edit.page].bodyFingerprint = edit.bodyFingerprint
                updated.pages[edit.page].printFingerprint = updated.hasPrintEdition ? edit.printFingerprint : 0
                updated.pages[edit.page].sectionPrintFingerprint = updated.hasPrintEdition ? edit.sectionPrintFingerprint : 0
                updated.pages[edit.page].searchFingerprint = search != nil ? edit.searchFingerprint : 0
            }
            if updated.hasPrintEdition {
                let bodies = edits.map { (page: $0.page, html: $0.printHTML) }
                try stagePrintEdition(PrintEdition.path, bodies: bodies, range: \.printRange, cache: &updated, outputFolder: outputFolder, journal: journal)
                written.append(PrintEdition.path)
                // Each edited page's section edition, in the order the pages' paths sort.
                let bySection = Dictionary(grouping: edits.filter { $0.sectionPrintHTML != nil }) {
                    PrintEdition.sectionPath(ofPageAt: updated.pages[$0.page].outputPath) ?? ""
                }
                for path in bySection.keys.sorted() {
                    try stagePrintEdition(
                        path, bodies: bySection[path]!.map { (page: $0.page, html: $0.sectionPrintHTML ?? "") }, range: \.sectionPrintRange,
                        cache: &updated, outputFolder: outputFolder, journal: journal)
                    written.append(path)
                }
            }
            // The manifest, which names the index files, moved in last, for a reader of the site
            // during the moves; the old index files go after it.
            for file in searchFiles.write.sorted(by: {
                ($0.path == SearchShardWriter.manifestPath ? 1 : 0) < ($1.path == SearchShardWriter.manifestPath ? 1 : 0)
            }) {
                try journal.stage(Data(file.contents.utf8), as: file.path)
            }
            for path in searchFiles.remove { journal.remove(path) }
            clock.lap("write beside the site")
            try journal.commit()
        } catch {
            // Before the commit the site is untouched; after it, a move that failed left the site
            // unlike the cache's listing of it, so the full build that follows builds everything.
            journal.discard()
            return nil
        }
        updated.search = search
        updated.outputListing = BuildCache.outputListing(of: outputFolder)
        cache = updated
        clock.lap("move into the site")
        var result = BuildResult(pagesWritten: written, diagnostics: cache.diagnostics, timings: clock.timings, didWrite: true)
        result.wasIncremental = true
        return result
    }

    /// Content files whose bytes changed since the cache was written; nil when a file came or went.
    /// Files whose stamp changed but whose bytes did not get their new stamp.
    private static func changedFiles(cache: inout BuildCache, contentFolder: URL, stamps: [String: FileStamp]) -> [String: Data]? {
        guard Set(stamps.keys) == Set(cache.files.keys) else { return nil }
        var changed: [String: Data] = [:]
        // A file stamped within two seconds of the cache being written may have changed since
        // without its stamp changing (the clock ticks coarsely): such files are read again.
        for (path, stamp) in stamps where !stamp.matches(cache.files[path]) || stamp.modified >= cache.writtenAt - 2_000_000_000 {
            guard let data = FileManager.default.contents(atPath: contentFolder.appendingPathComponent(path).path) else { return nil }
            let hash = ContentHash.fingerprint(data)
            if hash != cache.files[path]?.hash { changed[path] = data }
            cache.files[path] = stamp.record(hash: hash)
        }
        return changed
    }

    /// The page's new body, when the edit is to its body only; nil otherwise.
    private static func bodyEdit(
        of page: Int, data: Data, cache: BuildCache, glossary: GlossaryIndex, glossaryFingerprint: UInt64,
        blobFile: CacheBlobFile
    ) throws -> (PageEdit, [SearchIndexBuilder.WeighedDocument])? {
        let record = cache.pages[page]
        let sectionEdition = cache.hasPrintEdition ? PrintEdition.sectionPath(ofPageAt: record.outputPath) : nil
        guard record.isEditable, record.bodyRange != nil, (record.printRange != nil) == cache.hasPrintEdition,
            (record.sectionPrintRange != nil) == (sectionEdition != nil), let text = String(data: data, encoding: .utf8)
        else { return nil }
        let parsed = FrontMatterParser.parse(text, path: record.sourcePath)
        guard parsed.diagnostics.isEmpty, let frontMatter = parsed.frontMatter, !parsed.body.isEmpty,
            CacheRecording.frontMatterHash(of: data, bodyByteCount: parsed.body.utf8.count) == record.frontMatterHash
        else { return nil }
        let outline = MarkdownParser.outline(of: parsed.body)
        let checklists = ChecklistBuilder.checklists(pageOutputPath: record.outputPath, pageTitle: frontMatter.title, outline: outline)
        guard CacheRecording.structureHash(outline: outline, checklists: checklists) == record.structureHash else { return nil }
        let pages = cache.pages
        let links = try cache.links(of: page, in: blobFile)
        let bodyHTML = PageRenderer.bodyHTML(
            of: parsed.body, page: page, outputPath: record.outputPath, rewrites: links.rewrites,
            checklists: checklists, glossary: glossary,
            allowsRawHTML: cache.allowsRawHTML, outputPathOfPage: { pages[$0].outputPath })
        guard !bodyHTML.isEmpty else { return nil }
        let printHTML = PageRenderer.printBodyHTML(
            of: parsed.body, outputPath: record.outputPath, rewrites: links.printRewrites,
            allowsRawHTML: cache.allowsRawHTML)
        let sectionPrintHTML = sectionEdition.map { _ in
            PageRenderer.printBodyHTML(
                of: parsed.body, outputPath: record.outputPath, rewrites: links.sectionPrintRewrites, allowsRawHTML: cache.allowsRawHTML)
        }
        let searchPage = SearchPage(
            outputPath: record.outputPath, title: record.searchTitle, summary: record.searchSummary, tags: record.searchTags,
            breadcrumb: record.searchBreadcrumb,
            sections: outline.sections.map { section in
                (headingID: section.heading?.id, heading: section.heading?.text ?? "", text: section.text)
            }, weight: frontMatter.searchWeight)
        let edit = PageEdit(
            page: page, bodyHTML: bodyHTML, printHTML: printHTML, sectionPrintHTML: sectionPrintHTML,
            bodyFingerprint: RenderFingerprint.body(
                parsed.body, outputPath: record.outputPath, rewrites: links.rewrites,
                checklists: checklists, glossary: glossaryFingerprint, allowsRawHTML: cache.allowsRawHTML),
            printFingerprint: RenderFingerprint.printBody(
                parsed.body, outputPath: record.outputPath, rewrites: links.printRewrites,
                allowsRawHTML: cache.allowsRawHTML),
            sectionPrintFingerprint: sectionEdition == nil
                ? 0
                : RenderFingerprint.printBody(
                    parsed.body, outputPath: record.outputPath, rewrites: links.sectionPrintRewrites, allowsRawHTML: cache.allowsRawHTML),
            searchFingerprint: SearchStage.fingerprint(of: searchPage))
        return (edit, SearchIndexBuilder.weigh(searchPage))
    }

    private static func stagePage(_ edit: PageEdit, cache: inout BuildCache, outputFolder: URL, journal: WriteJournal) throws {
        let record = cache.pages[edit.page]
        let url = outputFolder.appendingPathComponent(record.outputPath)
        guard let range = record.bodyRange, let old = FileManager.default.contents(atPath: url.path), range.upperBound <= old.count else {
            throw BuildError(stage: "write", path: url.path, reason: "not as the build cache recorded it")
        }
        let body = Data(edit.bodyHTML.utf8)
        try journal.stage(old.prefix(range.lowerBound) + body + old.suffix(from: range.upperBound), as: record.outputPath)
        cache.pages[edit.page].bodyRange = range.lowerBound..<(range.lowerBound + body.count)
    }

    /// A new print edition (`print.html`, or a section's), written whole beside the site: the old
    /// file's bytes between the edited bodies, and the new bodies in their places. Not changed in
    /// place, so that a build stopped half-way never leaves a half-changed file. `range` is where the
    /// cache records a page's body in this file.
    private static func stagePrintEdition(
        _ path: String, bodies: [(page: Int, html: String)], range: WritableKeyPath<BuildCache.PageRecord, Range<Int>?>,
        cache: inout BuildCache, outputFolder: URL, journal: WriteJournal
    ) throws {
        let url = outputFolder.appendingPathComponent(path)
        let notAsRecorded = BuildError(stage: "write", path: url.path, reason: "not as the build cache recorded it")
        let replacements = bodies.compactMap { body in cache.pages[body.page][keyPath: range].map { (range: $0, page: body.page, body: Array(body.html.utf8)) }
        }
        .sorted { $0.range.lowerBound < $1.range.lowerBound }
        guard !replacements.isEmpty else { return }
        let old = open(url.path, O_RDONLY | O_CLOEXEC)
        guard old >= 0 else { throw notAsRecorded }
        defer { close(old) }
        var info = stat()
        guard fstat(old, &info) == 0 else { throw notAsRecorded }
        let size = Int(info.st_size)
        try journal.stage(as: path) { descriptor, stagedPath in
            var position = 0
            for replacement in replacements {
                guard replacement.range.lowerBound >= position, replacement.range.upperBound <= size else { throw notAsRecorded }
                try copy(position..<replacement.range.lowerBound, of: old, to: descriptor, path: stagedPath, notAsRecorded: notAsRecorded)
                try POSIXWrite.all(replacement.body[...], to: descriptor, path: stagedPath)
                position = replacement.range.upperBound
            }
            try copy(position..<size, of: old, to: descriptor, path: stagedPath, notAsRecorded: notAsRecorded)
        }
        // Every body after an edited one in this file moved by the edits before it.
        let shifts = replacements.map { (at: $0.range.upperBound, by: $0.body.count - $0.range.count, page: $0.page) }
        let isSectionEdition = path != PrintEdition.path
        for index in cache.pages.indices {
            guard let recorded = cache.pages[index][keyPath: range],
                !isSectionEdition || PrintEdition.sectionPath(ofPageAt: cache.pages[index].outputPath) == path
            else { continue }
            if let own = shifts.firstIndex(where: { $0.page == index }) {
                let start = recorded.lowerBound + shifts[..<own].reduce(0) { $0 + $1.by }
                cache.pages[index][keyPath: range] = start..<(start + replacements[own].body.count)
            } else {
                let moved = shifts.filter { $0.at <= recorded.lowerBound }.reduce(0) { $0 + $1.by }
                cache.pages[index][keyPath: range] = (recorded.lowerBound + moved)..<(recorded.upperBound + moved)
            }
        }
    }

    /// Bytes of the old print edition copied to the new one, a few megabytes at a time.
    private static func copy(_ range: Range<Int>, of source: Int32, to target: Int32, path: String, notAsRecorded: BuildError) throws {
        var buffer = [UInt8](repeating: 0, count: min(range.count, 4 << 20))
        var position = range.lowerBound
        while position < range.upperBound {
            let count = min(buffer.count, range.upperBound - position)
            let read = buffer.withUnsafeMutableBytes { pread(source, $0.baseAddress, count, off_t(position)) }
            if read < 0 && errno == EINTR { continue }
            guard read > 0 else { throw notAsRecorded }
            try POSIXWrite.all(buffer[..<read], to: target, path: path)
            position += read
        }
    }
}
