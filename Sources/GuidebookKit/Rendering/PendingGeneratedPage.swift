import Foundation

/// A generated page, made by the worker that renders it: the contexts of the pages that list every
/// page are large, so they are made one at a time and let go, not all held to the end of the build.
struct PendingGeneratedPage: Sendable {
    var outputPath: String
    var make: @Sendable () -> GeneratedPage

    init(_ outputPath: String, make: @escaping @Sendable () -> GeneratedPage) {
        self.outputPath = outputPath
        self.make = make
    }
}

extension GeneratedPages {
    /// The pages the build generates, those the theme has a template for: My checklists, search
    /// (with search on), 404, tags and the review status.
    static func pending(
        theme: Theme, configuration: SiteConfiguration, tree: SiteTree, checklists: [[Checklist]], graph: LinkGraph,
        lastUpdated: [Date?], today: CalendarDate, diagnostics: [Diagnostic]
    ) -> [PendingGeneratedPage] {
        func has(_ template: String) -> Bool { theme.templates.getTemplate(named: template) != nil }
        var pages: [PendingGeneratedPage] = []
        if has("checklists") {
            pages.append(PendingGeneratedPage(checklistsPath) { Self.checklists(tree: tree, checklists: checklists) })
        }
        if configuration.hasSearch, has("search") {
            pages.append(PendingGeneratedPage(searchPath) { Self.search() })
        }
        if has("404") {
            pages.append(PendingGeneratedPage(notFoundPath) { Self.notFound() })
        }
        if has("tags") {
            pages.append(PendingGeneratedPage(tagsPath) { Self.tags(tree: tree, graph: graph) })
        }
        if has("status") {
            pages.append(PendingGeneratedPage(statusPath) { Self.status(tree: tree, lastUpdated: lastUpdated, today: today, diagnostics: diagnostics) })
        }
        return pages
    }

}
