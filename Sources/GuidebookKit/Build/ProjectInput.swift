import Foundation

/// Everything a build reads, read up front: guidebook.yml and every file under the content folder.
/// Tests make one in memory; `ProjectInput.read` makes one from disk.
public struct ProjectInput: Sendable {
    public var root: URL
    public var configurationText: String?
    /// How the content folder is named relative to the root, for diagnostics ("content").
    public var contentFolderName: String
    /// Content-relative path -> bytes.
    public var contentFiles: [String: Data]
    /// Content-relative path -> when it last changed (git, else the file's time); see `LastUpdated`.
    public var lastUpdated: [String: Date]
    /// Content-relative path -> size and modification time, taken before the file was read (so an
    /// edit while it is read looks like a change to the next build, never the other way round).
    var stamps: [String: FileStamp] = [:]

    public init(root: URL, configurationText: String?, contentFolderName: String = "content", contentFiles: [String: Data],
                lastUpdated: [String: Date] = [:]) {
        self.root = root
        self.configurationText = configurationText
        self.contentFolderName = contentFolderName
        self.contentFiles = contentFiles
        self.lastUpdated = lastUpdated
    }

    /// Reads a project folder. A missing content folder reads as empty (a diagnostic later);
    /// an unreadable file is an environment error.
    public static func read(root: URL, contentFolder: URL? = nil) throws -> ProjectInput {
        let fileManager = FileManager.default
        let configurationURL = root.appendingPathComponent(SiteConfiguration.fileName)
        var configurationText: String?
        if fileManager.fileExists(atPath: configurationURL.path) {
            do {
                configurationText = try String(contentsOf: configurationURL, encoding: .utf8)
            } catch {
                throw BuildError(stage: "load", path: configurationURL.path, reason: "cannot read it as UTF-8 text: \(error.localizedDescription)")
            }
        }
        let content = contentFolder ?? root.appendingPathComponent("content")
        let walked = FileStamp.files(under: content)
        let relatives = walked.keys.sorted()
        let read = relatives.concurrentMap { relative -> (data: Data?, stamp: FileStamp?, failure: String?) in
            let url = content.appendingPathComponent(relative)
            let stamp = walked[relative]
            do {
                return (try Data(contentsOf: url), stamp, nil)
            } catch {
                return (nil, nil, error.localizedDescription)
            }
        }
        var files: [String: Data] = [:]
        var stamps: [String: FileStamp] = [:]
        for (relative, result) in zip(relatives, read) {
            guard let data = result.data else {
                throw BuildError(stage: "load", path: content.appendingPathComponent(relative).path, reason: result.failure ?? "unreadable")
            }
            files[relative] = data
            stamps[relative] = result.stamp
        }
        let markdownPaths = files.keys.filter { $0.hasSuffix(".md") }
        var input = ProjectInput(root: root, configurationText: configurationText,
                                 contentFolderName: ProjectPath.display(content, projectRoot: root), contentFiles: files,
                                 lastUpdated: LastUpdated.read(contentFolder: content, paths: markdownPaths))
        input.stamps = stamps
        return input
    }
}

/// An environment failure (unreadable folder, disk full), with the path and the stage it stopped.
public struct BuildError: Error, CustomStringConvertible {
    public var stage: String
    public var path: String
    public var reason: String
    public var description: String { "\(stage): \(path): \(reason)" }
}
