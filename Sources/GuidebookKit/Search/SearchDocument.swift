/// One search result target: a page, or one of its H2/H3 sections.
struct SearchDocument: Sendable, Hashable {
    /// Relative to the site root: `governance.html`.
    var pageURL: String
    /// The heading's id, or nil for the part of the page before its first H2/H3.
    var anchor: String?
    var pageTitle: String
    var heading: String
    /// The sections above the page: "Building the work group", or "" for top-level pages.
    var breadcrumb: String
    /// The start of the section's plain text, cut to `SearchIndexBuilder.snippetCharacters` at a word boundary.
    var text: String

    /// The result's link, relative to the site root: `governance.html#steering-groups`.
    var url: String { pageURL + (anchor.map { "#\($0)" } ?? "") }
}

/// One stem in one document, with its BM25 score as a score code (`SearchEncoding.scoreCode`).
/// Eight bytes, not sixteen: a large build holds millions of them at once.
struct SearchPosting: Sendable, Hashable {
    private var documentNumber: Int32
    private var code: UInt8

    init(document: Int, scoreCode: Int) {
        documentNumber = Int32(document)
        code = UInt8(scoreCode)
    }

    var document: Int {
        get { Int(documentNumber) }
        set { documentNumber = Int32(newValue) }
    }

    var scoreCode: Int {
        get { Int(code) }
        set { code = UInt8(newValue) }
    }
}

/// What the index builder takes from one page.
struct SearchPage: Sendable {
    var outputPath: String
    var title: String
    var summary: String
    var tags: [String]
    var breadcrumb: String
    var sections: [(headingID: String?, heading: String, text: String)]
    /// The page's `search_weight`.
    var weight = 1.0
}
