import Foundation
import Testing

@testable import GuidebookKit

struct OutputLocationTests {
    /// A project folder with content/, themes/ and guidebook.yml, and a folder of someone else's files beside it.
    final class Project {
        let parent: URL
        var root: URL { parent.appendingPathComponent("project") }

        init() throws {
            parent = FileManager.default.temporaryDirectory.appendingPathComponent("guidebook-location-\(UUID().uuidString)")
            for folder in ["project/content/section", "project/themes/mine", "project/site", "mydocs", "empty", "oldsite/assets", "oldsite/search"] {
                try FileManager.default.createDirectory(at: parent.appendingPathComponent(folder), withIntermediateDirectories: true)
            }
            for (path, text) in [
                "project/guidebook.yml": "title: T\n", "project/content/index.md": "---\ntitle: T\n---\n",
                "mydocs/budget.xlsx": "figures", "oldsite/index.html": "<p>", "oldsite/search/manifest.js": "x",
                "bundle.zip": "PK", "notes.txt": "text",
            ] {
                try Data(text.utf8).write(to: parent.appendingPathComponent(path))
            }
            try FileManager.default.createSymbolicLink(at: parent.appendingPathComponent("linked"), withDestinationURL: parent.appendingPathComponent("empty"))
        }

        deinit { try? FileManager.default.removeItem(at: parent) }

        func url(_ path: String) -> URL { URL(fileURLWithPath: path, relativeTo: root).standardizedFileURL }
    }

    @Test(arguments: [
        (".", "it is the project folder"), ("..", "it contains the project folder"), ("/", "it contains the project folder"),
        ("content", "it is in content/"), ("content/section", "it is in content/"), ("content/new", "it is in content/"),
        ("themes/mine/site", "it is in themes/"), (".guidebook-cache", "it is in .guidebook-cache/"), ("guidebook.yml", "it is a file"),
        ("../mydocs", "was not made by Guidebook"), ("../linked", "symbolic link"), ("content/../content", "it is in content/"),
    ])
    func refusedSiteFolders(path: String, reason: String) throws {
        let project = try Project()
        let refusal = try #require(OutputLocation.checkSiteFolder(project.url(path), projectRoot: project.root))
        #expect(refusal.reason.contains(reason), "\(refusal.reason)")
    }

    @Test(arguments: ["site", "new-site", "../empty", "../oldsite", "../elsewhere/deeper/site"])
    func allowedSiteFolders(path: String) throws {
        let project = try Project()
        #expect(OutputLocation.checkSiteFolder(project.url(path), projectRoot: project.root) == nil)
    }

    @Test func aFolderWithTheMarkerIsGuidebooks() throws {
        let project = try Project()
        let folder = project.url("../mydocs")
        #expect(OutputLocation.checkSiteFolder(folder, projectRoot: project.root) != nil)
        try Data(OutputLocation.markerText.utf8).write(to: folder.appendingPathComponent(OutputLocation.markerName))
        #expect(OutputLocation.checkSiteFolder(folder, projectRoot: project.root) == nil)
    }

    @Test(arguments: [
        ("content/guide.zip", "it is in content/"), ("themes/mine/guide.zip", "it is in themes/"), ("guidebook.yml", "must end in .zip"),
        ("../notes.txt", "must end in .zip"), ("content", "must end in .zip"), ("/nonexistent/folder/guide.zip", "does not exist"),
    ])
    func refusedBundleFiles(path: String, reason: String) throws {
        let project = try Project()
        let refusal = try #require(OutputLocation.checkBundleFile(project.url(path), projectRoot: project.root))
        #expect(refusal.reason.contains(reason), "\(refusal.reason)")
    }

    @Test(arguments: ["guide.zip", "../bundle.zip", "site/guide.zip"])
    func allowedBundleFiles(path: String) throws {
        let project = try Project()
        #expect(OutputLocation.checkBundleFile(project.url(path), projectRoot: project.root) == nil)
    }
}
