import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where a build may put its site or its zip. The site folder is replaced whole at every build, so
/// it must be Guidebook's alone: never the project, never inside what editors keep (content/,
/// themes/), never a file, and never a folder of someone else's files. A folder is Guidebook's
/// when it holds the marker file every build writes (or, once, when an earlier version built it).
public enum OutputLocation {
    /// Written into every site folder a build makes; its presence lets the next build replace the folder.
    public static let markerName = ".guidebook-site"
    public static let markerText = "This folder is a site built by Guidebook. The next build replaces everything in it.\n"

    /// Why a folder or file may not be written, in words for the person who chose it.
    public struct Refusal: Error, CustomStringConvertible, Equatable {
        public var path: String
        public var reason: String
        public var fix: String
        public var description: String { "cannot write to '\(path.escapingControlCharacters())': \(reason)\nnote: \(fix)" }
    }

    /// nil when `output` may be replaced by a build of the project at `projectRoot`.
    public static func checkSiteFolder(_ output: URL, projectRoot: URL) -> Refusal? {
        let shown = output.path
        let target = resolved(output), root = resolved(projectRoot)
        func refuse(_ reason: String, _ fix: String = "choose a new or empty folder, such as the default <source>/site") -> Refusal {
            Refusal(path: shown, reason: reason, fix: fix)
        }
        if target == root { return refuse("it is the project folder, and building there would replace content/ and guidebook.yml") }
        if isInside(root, target) { return refuse("it contains the project folder") }
        for (name, what) in protectedFolders where isInside(target, root + "/" + name) || target == root + "/" + name {
            return refuse("it is in \(name)/, \(what)")
        }
        var status = stat()
        guard lstat(output.path, &status) == 0 else {
            var ancestor = output.deletingLastPathComponent()
            while lstat(ancestor.path, &status) != 0, ancestor.path != "/" { ancestor.deleteLastPathComponent() }
            guard stat(ancestor.path, &status) == 0, status.st_mode & S_IFMT == S_IFDIR else {
                return refuse("'\(ancestor.path)' is a file, so no folder can be made inside it")
            }
            return nil
        }
        switch status.st_mode & S_IFMT {
        case S_IFDIR: break
        case S_IFLNK: return refuse("it is a symbolic link", "give the folder's real path")
        default: return refuse("it is a file, not a folder")
        }
        if isOwned(output) { return nil }
        return refuse(
            "the folder is not empty and was not made by Guidebook (it has no \(markerName) file)",
            "choose a new or empty folder; a build replaces everything in its output folder")
    }

    /// nil when a bundle may be written to `zip`: a new file or an earlier zip, outside content/ and themes/.
    public static func checkBundleFile(_ zip: URL, projectRoot: URL) -> Refusal? {
        let shown = zip.path
        let target = resolved(zip), root = resolved(projectRoot)
        for (name, what) in protectedFolders where isInside(target, root + "/" + name) {
            return Refusal(path: shown, reason: "it is in \(name)/, \(what)", fix: "write the zip outside content/ and themes/, such as in the project folder")
        }
        guard zip.pathExtension.lowercased() == "zip" else {
            return Refusal(path: shown, reason: "a bundle's name must end in .zip", fix: "add .zip to the name")
        }
        var status = stat()
        if lstat(zip.path, &status) == 0, status.st_mode & S_IFMT != S_IFREG {
            return Refusal(path: shown, reason: "it exists and is not a file", fix: "choose another name for the zip")
        }
        var isFolder: ObjCBool = false
        let parent = zip.deletingLastPathComponent()
        guard FileManager.default.fileExists(atPath: parent.path, isDirectory: &isFolder), isFolder.boolValue else {
            return Refusal(path: shown, reason: "the folder '\(parent.path)' does not exist", fix: "create the folder first, or choose another place")
        }
        return nil
    }

    /// Folders of the project that hold editors' files, and what they hold.
    static let protectedFolders = [
        ("content", "which holds the guide's pages"), ("themes", "which holds the project's themes"),
        (".guidebook-cache", "which holds the build cache"), (".git", "which holds the project's history"),
    ]

    /// Empty, or marked as a Guidebook site, or recognisably one an earlier version built (pages, its
    /// theme's assets and its search manifest, and nothing else at the top but Guidebook's own pages).
    static func isOwned(_ folder: URL) -> Bool {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return false }
        if names.isEmpty || names.contains(markerName) { return true }
        let fileManager = FileManager.default
        return fileManager.fileExists(atPath: folder.appendingPathComponent("index.html").path)
            && fileManager.fileExists(atPath: folder.appendingPathComponent(SearchShardWriter.manifestPath).path)
            && fileManager.fileExists(atPath: folder.appendingPathComponent("assets").path)
            && !names.contains { $0.hasSuffix(".md") || $0 == SiteConfiguration.fileName }
    }

    /// The path with symbolic links and `..` resolved, for the part that exists.
    static func resolved(_ url: URL) -> String {
        var existing = url.standardizedFileURL
        var rest: [String] = []
        while !FileManager.default.fileExists(atPath: existing.path), existing.path != "/" {
            rest.insert(existing.lastPathComponent, at: 0)
            existing.deleteLastPathComponent()
        }
        let base = existing.resolvingSymlinksInPath().path
        return ([base == "/" ? "" : base] + rest).joined(separator: "/")
    }

    /// Whether `path` is strictly inside `folder`.
    static func isInside(_ path: String, _ folder: String) -> Bool {
        path.hasPrefix(folder.hasSuffix("/") ? folder : folder + "/")
    }
}
