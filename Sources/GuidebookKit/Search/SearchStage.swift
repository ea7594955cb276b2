import GuidebookMarkdown

/// The Index stage: every page's sections into the index, then the index into files.
enum SearchStage {
    static func build(tree: SiteTree, outlines: [MarkdownOutline], language: String) -> [SearchShardWriter.File] {
        let weighed = tree.readingOrder.concurrentMap { index in
            let page = tree.pages[index]
            let breadcrumb = tree.ancestors(of: index).dropFirst().map { tree.pages[$0].frontMatter.title }.joined(separator: " › ")
            let sections = outlines[index].sections.map { section in
                (headingID: section.heading?.id, heading: section.heading?.text ?? "", text: section.text)
            }
            return SearchIndexBuilder.weigh(SearchPage(outputPath: page.outputPath, title: page.frontMatter.title, summary: page.frontMatter.summary ?? "",
                                                       tags: page.frontMatter.tags, breadcrumb: breadcrumb, sections: sections))
        }
        var builder = SearchIndexBuilder()
        weighed.forEach { builder.add($0) }
        return SearchShardWriter.files(for: builder.finish(stemmer: Stemmer(language: language)))
    }
}
