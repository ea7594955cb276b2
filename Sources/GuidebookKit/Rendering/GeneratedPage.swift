/// A page Guidebook makes itself (`GeneratedPages`: search, My checklists, tags, status, the
/// print edition, 404): not in the section tree or the reading order, linked from the site header
/// or footer.
struct GeneratedPage: Sendable {
    var outputPath: String
    var title: String
    var summary: String
    /// Rendered by the theme's template of the same name into the page body.
    var templateName: String
    var context: [String: any Sendable]
    /// The template is a whole document of its own, not a body inside page.mustache (the print edition).
    var isStandalone = false
    /// The page's content uses the whole width beside the navigation (a wide table).
    var isWide = false
}
