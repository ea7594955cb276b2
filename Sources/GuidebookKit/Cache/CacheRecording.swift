import Foundation
import GuidebookMarkdown

/// What a full build records for the build cache, gathered from the stages' results.
enum CacheRecording {
    /// Content hashes of every file read, with the stamps taken before reading.
    static func files(_ contents: [String: Data], stamps: [String: FileStamp]) -> [String: BuildCache.FileRecord] {
        let paths = Array(contents.keys)
        let hashes = paths.concurrentMap { ContentHash.fingerprint(contents[$0]!) }
        var records: [String: BuildCache.FileRecord] = [:]
        for (path, hash) in zip(paths, hashes) {
            // A file with no stamp gets one that matches nothing, so the next build reads it again.
            records[path] = (stamps[path] ?? FileStamp(size: -1, modified: -1)).record(hash: hash)
        }
        return records
    }

    /// Per page, a hash of the file's bytes before its body: the front matter, as written.
    static func frontMatterHashes(_ pages: [SourcePage], files: [String: Data]) -> [UInt64] {
        pages.map { page in
            guard let data = files[page.contentPath], !page.isGenerated else { return 0 }
            return frontMatterHash(of: data, bodyByteCount: page.body.utf8.count)
        }
    }

    /// The body is the end of the file (`FrontMatterParser` hands it on as it is).
    static func frontMatterHash(of data: Data, bodyByteCount: Int) -> UInt64 {
        ContentHash.fingerprint(data.prefix(max(0, data.count - bodyByteCount)))
    }

    /// What other pages show of a page and what its diagnostics depend on: headings (level, text,
    /// id), link destinations and checklists. A body edit leaves it as it was.
    static func structureHash(outline: MarkdownOutline, checklists: [Checklist]) -> UInt64 {
        var writer = CacheWriter()
        for part in PreviewSnapshot.structure(of: outline) { writer.strings(part) }
        writer.checklists(checklists)
        return ContentHash.fingerprint(writer.bytes)
    }

    static func cache(
        tree: SiteTree, outlines: [MarkdownOutline], checklists: [[Checklist]], linked: LinkedSite,
        files: [String: BuildCache.FileRecord], frontMatterHashes: [UInt64], bodyRanges: [Int: Range<Int>],
        printRanges: [Int: Range<Int>], fingerprints: [Int: PageFingerprint], printFingerprints: [Int: UInt64],
        sectionPrint: PrintEditionWriter.Written,
        search: SearchState?, pageDocuments: [Range<Int>], searchFingerprints: [UInt64],
        hasPrintEdition: Bool, allowsRawHTML: Bool, diagnostics: [Diagnostic]
    ) -> BuildCache {
        let pathsWithDiagnostics = Set(diagnostics.compactMap(\.location?.path))
        let pages = tree.pages.indices.map { index -> BuildCache.PageRecord in
            let page = tree.pages[index]
            let searchPage = SearchStage.searchPage(index, tree: tree, sections: [])
            return BuildCache.PageRecord(
                contentPath: page.contentPath, sourcePath: page.sourcePath, outputPath: page.outputPath,
                frontMatterHash: index < frontMatterHashes.count ? frontMatterHashes[index] : 0,
                structureHash: structureHash(outline: outlines[index], checklists: checklists[index]),
                isEditable: !page.isGenerated && !page.frontMatter.isGlossary && !pathsWithDiagnostics.contains(page.sourcePath),
                bodyRange: bodyRanges[index], printRange: printRanges[index], sectionPrintRange: sectionPrint.bodyRanges[index],
                links: BuildCache.linksBlob(
                    rewrites: linked.rewrites[index], printRewrites: linked.printRewrites[index],
                    sectionPrintRewrites: linked.sectionPrintRewrites[index]),
                searchTitle: searchPage.title, searchSummary: searchPage.summary, searchTags: searchPage.tags,
                searchBreadcrumb: searchPage.breadcrumb, documents: index < pageDocuments.count ? pageDocuments[index] : 0..<0,
                templateFingerprint: fingerprints[index]?.template ?? 0, bodyFingerprint: fingerprints[index]?.body ?? 0,
                printFingerprint: printFingerprints[index] ?? 0, sectionPrintFingerprint: sectionPrint.fingerprints[index] ?? 0,
                searchFingerprint: index < searchFingerprints.count ? searchFingerprints[index] : 0)
        }
        return BuildCache(
            key: .unset,
            files: files, pages: pages, glossary: linked.glossary.entries, allowsRawHTML: allowsRawHTML,
            diagnostics: diagnostics, hasPrintEdition: hasPrintEdition, search: search)
    }
}

extension CacheWriter {
    /// Everything of a page's checklists that its HTML shows, for hashes of what a page is made of.
    mutating func checklists(_ checklists: [Checklist]) {
        for checklist in checklists {
            strings([checklist.id, checklist.elementID, checklist.title, checklist.headingID ?? "\u{0}"])
            for item in checklist.items {
                strings([item.id, item.text])
                bool(item.isChecked)
            }
        }
    }
}
