import GuidebookMarkdown

/// The Parse stage's value: each page's outline (headings, links, task lists, sections), by page index.
struct ParsedSite {
    var outlines: [MarkdownOutline]
    var diagnostics: [Diagnostic]
}

enum ParseStage {
    /// Every page's outline, parsed in batches of the reading order; with a `feed`, each batch's
    /// sections are handed to the index as soon as the batch is parsed, so indexing overlaps parsing.
    static func parse(_ pages: [SourcePage], tree: SiteTree, feed: SectionFeed?, allowsRawHTML: Bool) -> ParsedSite {
        let outlines = self.outlines(pages, tree: tree, feed: feed)
        let diagnostics =
            HeadingCheck.check(pages: pages, outlines: outlines)
            + BodyMarkupCheck.check(pages: pages, outlines: outlines, allowsRawHTML: allowsRawHTML)
        return ParsedSite(outlines: outlines, diagnostics: diagnostics)
    }

    private static func outlines(_ pages: [SourcePage], tree: SiteTree, feed: SectionFeed?) -> [MarkdownOutline] {
        guard let feed else { return pages.concurrentMap { MarkdownParser.outline(of: $0.body) } }
        var outlines: [MarkdownOutline?] = Array(repeating: nil, count: pages.count)
        let order = tree.readingOrder + tree.pagesOutsideReadingOrder
        for start in stride(from: 0, to: order.count, by: SearchStage.batchSize) {
            let batch = Array(order[start..<min(start + SearchStage.batchSize, order.count)])
            let parsed = batch.concurrentMap { MarkdownParser.outline(of: pages[$0].body) }
            for (index, outline) in zip(batch, parsed) { outlines[index] = outline }
            feed.give(zip(batch, parsed).map { (index: $0, sections: $1.sections) })
        }
        return outlines.map { $0! }
    }
}

/// The page title is the page's only h1; a `#` heading in the body would be a second one.
enum HeadingCheck {
    static func check(pages: [SourcePage], outlines: [MarkdownOutline]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for (page, outline) in zip(pages, outlines) where outline.headings.contains(where: { $0.level == 1 }) {
            let source = SourceText(page.body)
            for heading in outline.headings where heading.level == 1 {
                diagnostics.append(
                    .warning(
                        .headingLevel, "level 1 heading '\(heading.text)' in the body; the page title is the page's only level 1 heading",
                        at: PageLocation.of(heading.position, in: page, source: source), notes: ["use '##' for the sections of a page"]))
            }
        }
        return diagnostics
    }
}

/// Maps a cmark position in a page body to a location in its file.
enum PageLocation {
    static func of(_ position: MarkdownPosition, in page: SourcePage, source: SourceText) -> SourceLocation {
        SourceLocation(
            path: page.sourcePath, line: page.bodyFirstLine + position.line - 1,
            column: source.characterColumn(line: position.line, utf8Column: position.utf8Column))
    }
}
