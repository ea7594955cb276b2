import GuidebookMarkdown

/// The Index stage: every page's sections into the index, then the index into files.
enum SearchStage {
    /// `sections` is each page's sections (by page index), given up a batch at a time once weighed.
    static func build(tree: SiteTree, sections: consuming [[MarkdownSection]], language: String) -> [SearchShardWriter.File] {
        var builder = SearchIndexBuilder()
        // In batches, so only a batch of pages' word counts is held before it joins the index.
        for start in stride(from: 0, to: tree.readingOrder.count, by: batchSize) {
            let batch = Array(tree.readingOrder[start..<min(start + batchSize, tree.readingOrder.count)])
            let pageSections = batch.map { sections[$0] }
            for index in batch { sections[index] = [] }
            Array(zip(batch, pageSections)).concurrentMap { weigh(page: $0.0, tree: tree, sections: $0.1) }.forEach { builder.add($0) }
        }
        return SearchShardWriter.files(for: builder.finish(stemmer: Stemmer(language: language)))
    }

    static let batchSize = 256

    static func weigh(page index: Int, tree: SiteTree, sections: [MarkdownSection]) -> [SearchIndexBuilder.WeighedDocument] {
        let page = tree.pages[index]
        let breadcrumb = tree.ancestors(of: index).dropFirst().map { tree.pages[$0].frontMatter.title }.joined(separator: " › ")
        let sections = sections.map { section in
            (headingID: section.heading?.id, heading: section.heading?.text ?? "", text: section.text)
        }
        return SearchIndexBuilder.weigh(SearchPage(outputPath: page.outputPath, title: page.frontMatter.title, summary: page.frontMatter.summary ?? "",
                                                   tags: page.frontMatter.tags, breadcrumb: breadcrumb, sections: sections))
    }
}
