import Foundation

extension SiteBuilder {
    /// What a written build reports, with the build cache's record of it when the build keeps one.
    func result(
        _ loaded: LoadedSite, tree: SiteTree, linked: LinkedSite, rendered: RenderedSite, index: SearchStage.Output?,
        diagnostics: [Diagnostic], timings: [StageTiming]
    ) -> BuildResult {
        var result = BuildResult(pagesWritten: rendered.pagesWritten, diagnostics: diagnostics, timings: timings, didWrite: true)
        result.pagesKept = rendered.pages.filter(\.wasKept).count
        result.pagesChecked = loaded.pages.count
        result.searchWasUpdated = index?.wasUpdated ?? false
        if options.keepsPreviewSnapshot {
            result.previewSnapshot = PreviewSnapshot(renderer: rendered.renderer, outlines: rendered.outlines, rewrites: linked.rewrites)
        }
        // With search on, a cache without the index's state (its blobs could not be written) would
        // leave the index behind at the next edit: no cache then.
        // A site written despite errors (`--keep-going`) is not one the cache may build on.
        if options.recordsCache, !diagnostics.contains(where: \.isError), index?.state != nil || !loaded.configuration.hasSearch {
            result.cache = cache(loaded, tree: tree, linked: linked, rendered: rendered, index: index, diagnostics: diagnostics)
        }
        return result
    }

    private func cache(
        _ loaded: LoadedSite, tree: SiteTree, linked: LinkedSite, rendered: RenderedSite, index: SearchStage.Output?, diagnostics: [Diagnostic]
    ) -> BuildCache {
        var bodyRanges: [Int: Range<Int>] = [:]
        var fingerprints: [Int: PageFingerprint] = [:]
        for (job, page) in zip(rendered.jobs, rendered.pages) {
            guard case .page(let number) = job else { continue }
            if let range = page.bodyRange { bodyRanges[number] = range }
            if let fingerprint = page.fingerprint { fingerprints[number] = fingerprint }
        }
        return CacheRecording.cache(
            tree: tree, outlines: rendered.outlines, checklists: rendered.checklists, linked: linked,
            files: loaded.fileRecords, frontMatterHashes: loaded.frontMatterHashes, bodyRanges: bodyRanges,
            printRanges: rendered.printWritten.bodyRanges, fingerprints: fingerprints,
            printFingerprints: rendered.printWritten.fingerprints, sectionPrint: rendered.sectionPrintWritten, search: index?.state,
            pageDocuments: index?.pageDocuments ?? [],
            searchFingerprints: index?.fingerprints ?? [],
            hasPrintEdition: !rendered.printPaths.isEmpty, allowsRawHTML: loaded.configuration.allowsRawHTML,
            diagnostics: diagnostics)
    }
}
