/// The documentation tools `guidebook import` reads, and where each keeps its pages and its title.
public enum ImportFormat: String, Sendable, CaseIterable {
    case mkdocs
    case jekyll
    case hugo
    case techDocs = "tech-docs"
    case markdown

    /// The page file endings the tool reads, longest first (`.html.md.erb` before `.md`).
    var pageSuffixes: [String] {
        switch self {
        case .techDocs: return [".html.md.erb", ".html.md", ".md.erb", ".md"]
        case .jekyll: return [".markdown", ".md"]
        default: return [".md", ".markdown"]
        }
    }

    /// Names of the front matter field that orders pages in a folder.
    var orderKeys: [String] {
        switch self {
        case .hugo, .techDocs: return ["weight"]
        case .jekyll: return ["nav_order", "weight"]
        case .mkdocs, .markdown: return ["order", "weight"]
        }
    }
}
