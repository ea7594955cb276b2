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
/// in print.html and the index files holding their words are written, in place, each file
/// replaced whole (written beside, then renamed), the index's manifest last. Anything else is
/// left to a full build (nil), which writes a new cache.
enum IncrementalBuild {
    /// A page edit ready to be written.
    private struct PageEdit {
        var page: Int
        var bodyHTML: String
        var printHTML: String
        /// The new body's fingerprints, for a later full build from the cache (`PreviousSite`).
        var bodyFingerprint: UInt64
        var printFingerprint: UInt64
        var searchFingerprint: UInt64
    }

    static func run(cache: inout BuildCache, blobFile: CacheBlobFile, contentFolder: URL, stamps: [String: FileStamp], outputFolder: URL) -> BuildResult? {
        var clock = StageClock()
        guard BuildCache.outputListing(of: outputFolder) == cache.outputListing,
              let changed = changedFiles(cache: &cache, contentFolder: contentFolder, stamps: stamps) else { return nil }
        let pageByContentPath = Dictionary(cache.pages.enumerated().map { ($1.contentPath, $0) }, uniquingKeysWith: { first, _ in first })
        var edits: [PageEdit] = []
        var weighed: [Int: [SearchIndexBuilder.WeighedDocument]] = [:]
        let glossary = GlossaryIndex(Glossary(entries: cache.glossary))
        let pages = cache.pages
        let glossaryFingerprint = RenderFingerprint.glossary(cache.glossary, outputPathOfPage: { pages[$0].outputPath })
        for (path, data) in changed.sorted(by: { $0.key < $1.key }) {
            guard let page = pageByContentPath[path],
                  let (edit, documents) = try? bodyEdit(of: page, data: data, cache: cache, glossary: glossary,
                                                        glossaryFingerprint: glossaryFingerprint, blobFile: blobFile) else { return nil }
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
                      let pageChange = try? state.replace(page: edit.page, documents: cache.pages[edit.page].documents, with: documents,
                                                          stemmer: stemmer, blobFile: blobFile, site: outputFolder) else { return nil }
                change.merge(pageChange)
            }
            guard let files = try? state.changedFiles(after: change, site: outputFolder) else { return nil }
            searchFiles = files
            search = state
        }
        clock.lap("index")
        do {
            var written: [String] = []
            for edit in edits {
                try writePage(edit, cache: &cache, outputFolder: outputFolder)
                written.append(cache.pages[edit.page].outputPath)
                cache.pages[edit.page].bodyFingerprint = edit.bodyFingerprint
                cache.pages[edit.page].printFingerprint = cache.hasPrintEdition ? edit.printFingerprint : 0
                cache.pages[edit.page].searchFingerprint = search != nil ? edit.searchFingerprint : 0
            }
            if !edits.isEmpty, cache.hasPrintEdition {
                try writePrintEdition(edits, cache: &cache, outputFolder: outputFolder)
                written.append(PrintEdition.path)
            }
            // New index files first and the manifest, which names them, last; then the old ones go.
            for file in searchFiles.write.sorted(by: { ($0.path == SearchShardWriter.manifestPath ? 1 : 0) < ($1.path == SearchShardWriter.manifestPath ? 1 : 0) }) {
                try FileReplacement.replace(outputFolder.appendingPathComponent(file.path), with: Data(file.contents.utf8))
            }
            for path in searchFiles.remove {
                try? FileManager.default.removeItem(at: outputFolder.appendingPathComponent(path))
            }
            cache.search = search
            cache.outputListing = BuildCache.outputListing(of: outputFolder)
            clock.lap("write")
            var result = BuildResult(pagesWritten: written, diagnostics: cache.diagnostics, timings: clock.timings, didWrite: true)
            result.wasIncremental = true
            return result
        } catch {
            // Part of the site may be new: the cache no longer says what is there.
            return nil
        }
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
    private static func bodyEdit(of page: Int, data: Data, cache: BuildCache, glossary: GlossaryIndex, glossaryFingerprint: UInt64,
                                 blobFile: CacheBlobFile) throws -> (PageEdit, [SearchIndexBuilder.WeighedDocument])? {
        let record = cache.pages[page]
        guard record.isEditable, record.bodyRange != nil, (record.printRange != nil) == cache.hasPrintEdition,
              let text = String(data: data, encoding: .utf8) else { return nil }
        let parsed = FrontMatterParser.parse(text, path: record.sourcePath)
        guard parsed.diagnostics.isEmpty, let frontMatter = parsed.frontMatter, !parsed.body.isEmpty,
              CacheRecording.frontMatterHash(of: data, bodyByteCount: parsed.body.utf8.count) == record.frontMatterHash else { return nil }
        let outline = MarkdownParser.outline(of: parsed.body)
        let checklists = ChecklistBuilder.checklists(pageOutputPath: record.outputPath, pageTitle: frontMatter.title, outline: outline)
        guard CacheRecording.structureHash(outline: outline, checklists: checklists) == record.structureHash else { return nil }
        let pages = cache.pages
        let links = try cache.links(of: page, in: blobFile)
        let bodyHTML = PageRenderer.bodyHTML(of: parsed.body, page: page, outputPath: record.outputPath, rewrites: links.rewrites,
                                             checklists: checklists, glossary: glossary,
                                             allowsRawHTML: cache.allowsRawHTML, outputPathOfPage: { pages[$0].outputPath })
        guard !bodyHTML.isEmpty else { return nil }
        let printHTML = PageRenderer.printBodyHTML(of: parsed.body, outputPath: record.outputPath, rewrites: links.printRewrites,
                                                   allowsRawHTML: cache.allowsRawHTML)
        let searchPage = SearchPage(outputPath: record.outputPath, title: record.searchTitle, summary: record.searchSummary, tags: record.searchTags,
                                    breadcrumb: record.searchBreadcrumb, sections: outline.sections.map { section in
                                        (headingID: section.heading?.id, heading: section.heading?.text ?? "", text: section.text)
                                    })
        let edit = PageEdit(page: page, bodyHTML: bodyHTML, printHTML: printHTML,
                            bodyFingerprint: RenderFingerprint.body(parsed.body, outputPath: record.outputPath, rewrites: links.rewrites,
                                                                    checklists: checklists, glossary: glossaryFingerprint, allowsRawHTML: cache.allowsRawHTML),
                            printFingerprint: RenderFingerprint.printBody(parsed.body, outputPath: record.outputPath, rewrites: links.printRewrites,
                                                                          allowsRawHTML: cache.allowsRawHTML),
                            searchFingerprint: SearchStage.fingerprint(of: searchPage))
        return (edit, SearchIndexBuilder.weigh(searchPage))
    }

    private static func writePage(_ edit: PageEdit, cache: inout BuildCache, outputFolder: URL) throws {
        let record = cache.pages[edit.page]
        let url = outputFolder.appendingPathComponent(record.outputPath)
        guard let range = record.bodyRange, let old = FileManager.default.contents(atPath: url.path), range.upperBound <= old.count else {
            throw BuildError(stage: "write", path: url.path, reason: "not as the build cache recorded it")
        }
        let body = Data(edit.bodyHTML.utf8)
        try FileReplacement.replace(url, with: old.prefix(range.lowerBound) + body + old.suffix(from: range.upperBound))
        cache.pages[edit.page].bodyRange = range.lowerBound..<(range.lowerBound + body.count)
    }

    /// print.html is changed in place, from the first edited body on: written whole, the 95 MB of
    /// a 10,000-page guide took more than half a second, most of it the kernel finding room for a
    /// new file. So a reader may see it half changed for some milliseconds, and if the build is
    /// stopped there, the site folder no longer matches the cache's listing of it, so the next
    /// build is a full one.
    private static func writePrintEdition(_ edits: [PageEdit], cache: inout BuildCache, outputFolder: URL) throws {
        let url = outputFolder.appendingPathComponent(PrintEdition.path)
        let notAsRecorded = BuildError(stage: "write", path: url.path, reason: "not as the build cache recorded it")
        guard let size = FileStamp.of(url.path)?.size else { throw notAsRecorded }
        let replacements = edits.compactMap { edit in cache.pages[edit.page].printRange.map { (range: $0, page: edit.page, body: Array(edit.printHTML.utf8)) } }
            .sorted { $0.range.lowerBound < $1.range.lowerBound }
        guard let base = replacements.first?.range.lowerBound else { return }
        guard base <= size else { throw notAsRecorded }
        let file = open(url.path, O_RDWR | O_CLOEXEC)
        guard file >= 0 else { throw BuildError.posix(stage: "write", path: url.path) }
        defer { close(file) }
        // The old bytes from the first edited body on, then the new ones written over them.
        let tail = try [UInt8](unsafeUninitializedCapacity: size - base) { buffer, count in
            let read = pread(file, buffer.baseAddress, size - base, off_t(base))
            guard read == size - base else { throw notAsRecorded }
            count = read
        }
        var oldPosition = base, newPosition = base
        func put(_ bytes: ArraySlice<UInt8>) throws {
            try POSIXWrite.all(bytes, to: file, at: newPosition, path: url.path)
            newPosition += bytes.count
        }
        for replacement in replacements {
            guard replacement.range.lowerBound >= oldPosition, replacement.range.upperBound <= size else { throw notAsRecorded }
            try put(tail[(oldPosition - base)..<(replacement.range.lowerBound - base)])
            try put(replacement.body[...])
            oldPosition = replacement.range.upperBound
        }
        try put(tail[(oldPosition - base)...])
        guard ftruncate(file, off_t(newPosition)) == 0 else { throw BuildError.posix(stage: "write", path: url.path) }
        // Every body after an edited one moved by the edits before it.
        let shifts = replacements.map { (at: $0.range.upperBound, by: $0.body.count - $0.range.count, page: $0.page) }
        for index in cache.pages.indices {
            guard let range = cache.pages[index].printRange else { continue }
            if let own = shifts.firstIndex(where: { $0.page == index }) {
                let start = range.lowerBound + shifts[..<own].reduce(0) { $0 + $1.by }
                cache.pages[index].printRange = start..<(start + replacements[own].body.count)
            } else {
                let moved = shifts.filter { $0.at <= range.lowerBound }.reduce(0) { $0 + $1.by }
                cache.pages[index].printRange = (range.lowerBound + moved)..<(range.upperBound + moved)
            }
        }
    }
}
