import Foundation
import Testing

@testable import GuidebookKit

/// A project's themes/default/ may hold only the templates it changes; the rest come from the
/// theme shipped with Guidebook.
struct ThemeOverrideTests {
    private func project(_ files: [String: String]) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("theme-override-\(UUID().uuidString)")
        for (path, text) in files {
            let file = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: file)
        }
        return root
    }

    @Test func oneOverriddenTemplateChangesOnlyItself() throws {
        let root = try project(["themes/default/templates/footer.mustache": "<footer class=\"site-footer\"><p>Our own footer</p></footer>\n"])
        defer { try? FileManager.default.removeItem(at: root) }
        let (theme, diagnostics) = ThemeLoader.load(
            named: "default", searchFolders: ThemeLoader.searchFolders(projectRoot: root),
            projectRoot: root, configurationLocation: nil)
        #expect(diagnostics.isEmpty)
        let loaded = try #require(theme)
        #expect(loaded.templates.render([String: Any](), withTemplate: "footer")?.contains("Our own footer") == true)
        #expect(loaded.templates.getTemplate(named: "page") != nil, "the page template comes from the shipped theme")
        #expect(loaded.templates.getTemplate(named: "header") != nil)
        #expect(loaded.assetSources.keys.contains("css/guidebook.css"), "without assets/ of its own the project uses the shipped assets")
    }

    /// A single asset is overridden the same way: the project's file replaces the shipped one of
    /// that name, and every other asset still comes from the shipped theme.
    @Test func oneOverriddenAssetChangesOnlyItself() throws {
        let root = try project(["themes/default/assets/css/guidebook.css": "body { color: #1b1b1b; }\n"])
        defer { try? FileManager.default.removeItem(at: root) }
        let (theme, diagnostics) = ThemeLoader.load(
            named: "default", searchFolders: ThemeLoader.searchFolders(projectRoot: root),
            projectRoot: root, configurationLocation: nil)
        #expect(diagnostics.isEmpty)
        let loaded = try #require(theme)
        #expect(loaded.assetSources["css/guidebook.css"]?.path.hasPrefix(root.path) == true)
        let search = try #require(loaded.assetSources["js/search.js"])
        #expect(!search.path.hasPrefix(root.path), "the other assets come from the shipped theme")
    }

    @Test func aSyntaxErrorInTheOverrideIsReportedAtItsFile() throws {
        let root = try project(["themes/default/templates/footer.mustache": "<footer>{{#open}}</footer>\n"])
        defer { try? FileManager.default.removeItem(at: root) }
        let (theme, diagnostics) = ThemeLoader.load(
            named: "default", searchFolders: ThemeLoader.searchFolders(projectRoot: root),
            projectRoot: root, configurationLocation: nil)
        #expect(theme == nil)
        #expect(diagnostics.first?.location?.path == "themes/default/templates/footer.mustache")
    }
}
