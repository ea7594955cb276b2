import Foundation
import GuidebookKit

/// A small site built in memory: `TestSite(["index.md": "---\ntitle: Home\n---\n"]).build()`.
public struct TestSite {
    public var configuration: String
    public var files: [String: String]
    public var binaryFiles: [String: Data] = [:]

    public init(_ files: [String: String], configuration: String = "title: Test Guide\n") {
        self.files = files
        self.configuration = configuration
    }

    public var input: ProjectInput {
        var data = binaryFiles
        for (path, text) in files { data[path] = Data(text.utf8) }
        return ProjectInput(root: URL(fileURLWithPath: "/nonexistent-test-project"), configurationText: configuration, contentFiles: data)
    }

    /// The day review dates are checked against, fixed so tests do not age.
    public static let today = CalendarDate(year: 2026, month: 11, day: 29)

    public func build(
        drafts: Bool = false, strict: Bool = false, today: CalendarDate = TestSite.today,
        keepsPreviewSnapshot: Bool = false
    ) throws -> (BuildResult, MemoryOutput) {
        let output = MemoryOutput()
        var options = BuildOptions(
            includeDrafts: drafts, strict: strict,
            themeSearchFolders: ThemeLoader.searchFolders(projectRoot: input.root), today: today)
        options.keepsPreviewSnapshot = keepsPreviewSnapshot
        let result = try SiteBuilder(options: options).build(input, into: output)
        return (result, output)
    }

    /// A page with front matter.
    public static func page(_ title: String, order: Int? = nil, _ body: String = "", extra: String = "") -> String {
        var front = "---\ntitle: \(title)\n"
        if let order { front += "order: \(order)\n" }
        front += extra
        return front + "---\n" + body
    }
}
