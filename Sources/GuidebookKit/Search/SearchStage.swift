import GuidebookMarkdown

/// The Index stage: every page's sections into the index, then the index into files.
enum SearchStage {
    /// What the stage gives the build: the first write failure, and for the build cache the
    /// index's state, each page's documents and each page's search fingerprint.
    struct Output {
        var failure: String?
        var state: SearchState?
        var pageDocuments: [Range<Int>]
        var fingerprints: [UInt64] = []
        /// The last build's index was changed where pages changed, not built again (`update`).
        var wasUpdated = false
    }

    /// `sections` gives each page's sections (by page index) as they are parsed, taken a batch at
    /// a time in reading order and let go once weighed; when it is cancelled, so is the index.
    /// With `cacheBlobs`, also what the build cache needs to change the index later (`SearchState`),
    /// its larger parts already stored there; with `previous` too, the last build's index is
    /// changed where pages changed, if it can be (`update`).
    /// The files go to `write` (which returns the first failure), before the cache's state is made;
    /// `keep` keeps the old site's files (false when it cannot, before keeping any).
    static func build(
        tree: SiteTree, sections feed: SectionFeed, language: String, cacheBlobs: CacheBlobFile? = nil,
        previous: PreviousSite? = nil, write: ([SearchShardWriter.File]) -> String?,
        keep: ([String]) throws -> Bool = { _ in false }
    ) -> Output {
        let keepsState = cacheBlobs != nil
        // Needed first only to compare with the last build's; otherwise each page's is made as it
        // is weighed, in parallel, from the same `SearchPage`.
        let fingerprintsFirst = keepsState && previous != nil
        var fingerprints = [UInt64](repeating: 0, count: keepsState ? tree.pages.count : 0)
        var feed = feed
        if fingerprintsFirst, let cacheBlobs, let previous {
            guard let sections = feed.take(Array(tree.pages.indices)) else { return cancelled(tree) }
            fingerprints = tree.pages.indices.map { fingerprint(page: $0, tree: tree, sections: sections[$0]) }
            if let updated = update(
                tree: tree, sections: sections, fingerprints: fingerprints, previous: previous,
                cacheBlobs: cacheBlobs, write: write, keep: keep)
            {
                return updated
            }
            feed = SectionFeed(sections)
        }
        var builder = SearchIndexBuilder(stemmer: Stemmer(language: language))
        // For the build cache: per page, the numbers of its word forms in the builder's numbering
        // (stored in the cache's blob file as each page joins, so they are not all held), and per
        // form number, how many pages use it. The numbers stay the forms' numbers in the cache.
        var pageForms: [CacheBlob?] = Array(repeating: nil, count: keepsState ? tree.pages.count : 0)
        var pageCountOfForm: [Int32] = []
        var pageDocuments: [Range<Int>] = Array(repeating: 0..<0, count: tree.pages.count)
        var documentCount = 0
        // In batches, so only a batch of pages' word counts is held before it joins the index.
        for start in stride(from: 0, to: tree.readingOrder.count, by: batchSize) {
            let batch = Array(tree.readingOrder[start..<min(start + batchSize, tree.readingOrder.count)])
            guard let pageSections = feed.take(batch) else { return cancelled(tree) }
            if start == 0 {
                // The rest of the guide is still being parsed: its size is guessed from the first batch
                // (exact for a guide of one batch).
                let scale = Double(tree.readingOrder.count) / Double(batch.count)
                let documents = pageSections.reduce(0) { $0 + $1.count }
                let textBytes = pageSections.reduce(0) { total, page in page.reduce(total) { $0 + $1.text.utf8.count } }
                builder.reserveCapacity(documents: Int(Double(documents) * scale), textBytes: Int(Double(textBytes) * scale))
            }
            let weighed = Array(zip(batch, pageSections)).concurrentMap { index, sections in
                let source = searchPage(index, tree: tree, sections: sections)
                let page = WeighedPage(source)
                return (page, keepsState && !fingerprintsFirst ? fingerprint(of: source) : 0)
            }
            for (index, (page, pageFingerprint)) in zip(batch, weighed) {
                if keepsState && !fingerprintsFirst { fingerprints[index] = pageFingerprint }
                let numbers = builder.add(page)
                pageDocuments[index] = documentCount..<(documentCount + page.documents.count)
                documentCount += page.documents.count
                guard let cacheBlobs else { continue }
                pageForms[index] = try? cacheBlobs.store(SearchState.pageFormsBlob(numbers))
                if pageCountOfForm.count < builder.formCount { pageCountOfForm += repeatElement(0, count: builder.formCount - pageCountOfForm.count) }
                for number in numbers { pageCountOfForm[Int(number)] += 1 }
            }
        }
        if keepsState && !fingerprintsFirst {
            // Pages outside the reading order join no batch.
            let unweighed = tree.pagesOutsideReadingOrder
            guard let sections = feed.take(unweighed) else { return cancelled(tree) }
            for (index, pageSections) in zip(unweighed, sections) {
                fingerprints[index] = fingerprint(page: index, tree: tree, sections: pageSections)
            }
        }
        var index = builder.finish(keepsAllPostings: keepsState)
        let order = SearchEncoding.javaScriptOrder(of: index.forms)
        let table = SearchShardWriter.TermTable(index: index, order: order)
        let formPageCounts = keepsState ? order.map { pageCountOfForm[$0] } : []
        // The table holds what the files need of these; the peak of a large build is near here.
        index.forms = []
        index.formStems = []
        index.stemTails = []
        var failure: String?
        let layout = SearchShardWriter.write(table: table, stems: index.stems, documents: index.documents, language: index.language) { files in
            if failure == nil { failure = write(files) }
        }
        guard let cacheBlobs, failure == nil else { return Output(failure: failure, pageDocuments: pageDocuments) }
        // Pages outside the reading order use no forms; a page's forms that could not be stored
        // (the blob file failed) mean no state to keep.
        let noForms = try? cacheBlobs.store(SearchState.pageFormsBlob([]))
        let storedPageForms = pageForms.compactMap { $0 ?? noForms }
        let state =
            storedPageForms.count < pageForms.count
            ? nil
            : try? SearchState(
                index: index, layout: layout, pageForms: storedPageForms,
                formIDs: order.map { Int32($0) }, formPageCounts: formPageCounts,
                store: cacheBlobs.store)
        return Output(failure: nil, state: state, pageDocuments: pageDocuments, fingerprints: fingerprints)
    }

    /// What a cancelled index gives: nothing written, no state (the build is failing).
    private static func cancelled(_ tree: SiteTree) -> Output {
        Output(failure: nil, pageDocuments: Array(repeating: 0..<0, count: tree.pages.count))
    }

    /// Everything the index takes from a page, hashed: when it is as the last build recorded it,
    /// the page's documents in the cached index are still right.
    static func fingerprint(page index: Int, tree: SiteTree, sections: [MarkdownSection]) -> UInt64 {
        fingerprint(of: searchPage(index, tree: tree, sections: sections))
    }

    /// Each text hashed where it is, not copied into one buffer first (a copy of the whole guide's
    /// text, every full build).
    static func fingerprint(of page: SearchPage) -> UInt64 {
        var combined = ContentHash.Combined()
        for text in [page.outputPath, page.title, page.summary, page.breadcrumb] { combined.add(text) }
        combined.add(count: page.tags.count)
        combined.add(count: SearchEncoding.codeShift(forWeight: page.weight))
        for tag in page.tags { combined.add(tag) }
        combined.add(count: page.sections.count)
        for section in page.sections {
            combined.add(count: section.headingID == nil ? 0 : 1)
            combined.add(section.headingID ?? "")
            combined.add(section.heading)
            combined.add(section.text)
        }
        return combined.value
    }

    static let batchSize = 256

    static func weigh(page index: Int, tree: SiteTree, sections: [MarkdownSection]) -> [SearchIndexBuilder.WeighedDocument] {
        SearchIndexBuilder.weigh(searchPage(index, tree: tree, sections: sections))
    }

    /// What the index takes from a page: its title, summary, tags and place, and its sections.
    static func searchPage(_ index: Int, tree: SiteTree, sections: [MarkdownSection]) -> SearchPage {
        let page = tree.pages[index]
        return SearchPage(
            outputPath: page.outputPath, title: page.frontMatter.title, summary: page.frontMatter.summary ?? "",
            tags: page.frontMatter.tags, breadcrumb: breadcrumb(of: index, in: tree),
            sections: sections.map { section in
                (headingID: section.heading?.id, heading: section.heading?.text ?? "", text: section.text)
            }, weight: page.frontMatter.searchWeight)
    }

    static func breadcrumb(of index: Int, in tree: SiteTree) -> String {
        tree.ancestors(of: index).dropFirst().map { tree.pages[$0].frontMatter.title }.joined(separator: " › ")
    }
}
