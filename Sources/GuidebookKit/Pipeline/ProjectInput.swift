import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

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
    /// Files and folders under content/ that cannot be published: unreadable, or links leading
    /// outside the project or nowhere (`FolderWalk`).
    public var loadDiagnostics: [Diagnostic] = []

    public init(
        root: URL, configurationText: String?, contentFolderName: String = "content", contentFiles: [String: Data],
        lastUpdated: [String: Date] = [:]
    ) {
        self.root = root
        self.configurationText = configurationText
        self.contentFolderName = contentFolderName
        self.contentFiles = contentFiles
        self.lastUpdated = lastUpdated
    }

    /// Reads a project folder. A missing content folder reads as empty (a diagnostic later);
    /// an unreadable file, or one that links outside the project, is a diagnostic (`loadDiagnostics`).
    public static func read(root: URL, contentFolder: URL? = nil) throws -> ProjectInput {
        let (configurationText, configurationProblems) = readConfiguration(root.appendingPathComponent(SiteConfiguration.fileName))
        let content = contentFolder ?? root.appendingPathComponent("content")
        let contentFolderName = ProjectPath.display(content, projectRoot: root)
        let walked = FolderWalk.walk(content, allowedRoot: root)
        var problems = configurationProblems + walked.diagnostics(folderName: contentFolderName)
        let relatives = walked.files.keys.sorted()
        let read = relatives.concurrentMap { relative -> (data: Data?, failure: String?) in
            let descriptor = open(content.path + "/" + relative, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else { return (nil, String(cString: strerror(errno))) }
            close(descriptor)
            return (FileManager.default.contents(atPath: content.path + "/" + relative), "it could not be read to the end")
        }
        var files: [String: Data] = [:]
        var stamps: [String: FileStamp] = [:]
        for (relative, result) in zip(relatives, read) {
            guard let data = result.data else {
                problems.append(
                    .error(
                        .unreadableFile, "cannot be read: \((result.failure ?? "").lowercased())", at: SourceLocation(path: "\(contentFolderName)/\(relative)"),
                        notes: ["give the account running Guidebook permission to read it, or move it out of the project"]))
                continue
            }
            files[relative] = data
            stamps[relative] = walked.files[relative]
        }
        let markdownPaths = files.keys.filter { $0.hasSuffix(".md") }
        var input = ProjectInput(
            root: root, configurationText: configurationText,
            contentFolderName: contentFolderName, contentFiles: files,
            lastUpdated: LastUpdated.read(contentFolder: content, paths: markdownPaths))
        input.stamps = stamps
        input.loadDiagnostics = problems
        return input
    }
}

extension ProjectInput {
    /// guidebook.yml's text: nil when there is none; empty, with a diagnostic, when it cannot be read as text.
    static func readConfiguration(_ url: URL) -> (String?, [Diagnostic]) {
        var status = stat()
        guard lstat(url.path, &status) == 0 else { return (nil, []) }
        let location = SourceLocation(path: SiteConfiguration.fileName)
        guard stat(url.path, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
            return (
                "",
                [
                    .error(
                        .invalidConfiguration, "\(SiteConfiguration.fileName) is not a file (a folder, or a link leading nowhere)", at: location,
                        notes: ["make it a text file with at least 'title: Your guide title'"])
                ]
            )
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            return (
                "",
                [
                    .error(
                        .unreadableFile, "cannot be read: \(String(cString: strerror(errno)).lowercased())", at: location,
                        notes: ["give the account running Guidebook permission to read it"])
                ]
            )
        }
        guard let text = String(data: data, encoding: .utf8) else {
            let (line, column) = UTF8Validation.firstInvalidPosition(in: data)
            return (
                "",
                [
                    .error(
                        .invalidEncoding, "file is not valid UTF-8", at: SourceLocation(path: SiteConfiguration.fileName, line: line, column: column),
                        notes: ["save the file as UTF-8"])
                ]
            )
        }
        return (text, [])
    }
}

/// An environment failure (unreadable folder, disk full), with the path and the stage it stopped.
public struct BuildError: Error, CustomStringConvertible {
    public var stage: String
    public var path: String
    public var reason: String
    public var description: String { path.isEmpty ? "\(stage): \(reason)" : "\(stage): \(path): \(reason)" }
}
