/// One search result target: a page, or one of its H2/H3 sections.
struct SearchDocument: Sendable, Hashable {
    /// Relative to the site root, with the heading's fragment: `governance.html#steering-groups`.
    var url: String
    var pageTitle: String
    var heading: String
    /// The sections above the page: "Building the work group", or "" for top-level pages.
    var breadcrumb: String
    /// The section's plain text, cut to `SearchIndexBuilder.snippetCharacters` at a word boundary.
    var text: String
}

/// What the index builder takes from one page.
struct SearchPage: Sendable {
    var outputPath: String
    var title: String
    var summary: String
    var tags: [String]
    var breadcrumb: String
    var sections: [(headingID: String?, heading: String, text: String)]
}
