import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Every file under a folder (content/ or a theme), with what is wrong with the rest: only files
/// that are really inside the project may be published. A symbolic link is followed when it leads
/// to a file or folder inside `allowedRoot`; one leading outside it, one leading nowhere, a folder
/// link that leads back into its own path, and anything unreadable are problems, never skipped in
/// silence. Names starting with a dot are left out, as editors' and tools' own files.
struct FolderWalk {
    enum Problem: Sendable, Equatable {
        case linksOutside(target: String)
        case danglingLink
        case loop
        case unreadable(reason: String)
        /// Two names that are the same text in another Unicode normalisation (NFC and NFD).
        case normalisationTwin
    }

    /// Paths relative to the walked folder.
    var files: [String: FileStamp] = [:]
    var problems: [(path: String, problem: Problem)] = []

    static func walk(_ folder: URL, allowedRoot: URL) -> FolderWalk {
        var walk = FolderWalk()
        let root = realPath(allowedRoot.path) ?? allowedRoot.standardizedFileURL.path
        var status = stat()
        // A missing folder is empty (the loader says so); an unreadable one is a problem.
        guard stat(folder.path, &status) == 0 else { return walk }
        walk.visit(folder.path, relative: "", allowedRoot: root, ancestors: [realPath(folder.path) ?? folder.path])
        return walk
    }

    private mutating func visit(_ path: String, relative: String, allowedRoot: String, ancestors: Set<String>) {
        guard let directory = opendir(path) else {
            problems.append((relative.isEmpty ? "" : String(relative.dropLast()), .unreadable(reason: String(cString: strerror(errno)))))
            return
        }
        var folders: [(name: String, real: String)] = []
        var names: Set<String> = []
        while let entry = readdir(directory) {
            let name = withUnsafePointer(to: entry.pointee.d_name) { pointer in
                pointer.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            guard !name.hasPrefix(".") else { continue }
            let child = path + "/" + name
            // Swift compares strings by canonical equivalence: a second spelling of a name is seen here.
            if names.contains(name) {
                problems.append((relative + name, .normalisationTwin))
                continue
            }
            names.insert(name)
            var info = stat()
            guard lstat(child, &info) == 0 else {
                problems.append((relative + name, .unreadable(reason: String(cString: strerror(errno)))))
                continue
            }
            var kind = info.st_mode & S_IFMT
            var real = child
            if kind == S_IFLNK {
                guard stat(child, &info) == 0, let target = Self.realPath(child) else {
                    problems.append((relative + name, errno == ELOOP ? .loop : .danglingLink))
                    continue
                }
                guard allowedRoot == "/" || target == allowedRoot || target.hasPrefix(allowedRoot + "/") else {
                    problems.append((relative + name, .linksOutside(target: target)))
                    continue
                }
                kind = info.st_mode & S_IFMT
                real = target
            } else if kind == S_IFDIR {
                real = Self.realPath(child) ?? child
            }
            if kind == S_IFDIR {
                // A folder that holds the one being walked (or is it) would walk it again, forever.
                guard !ancestors.contains(where: { $0 == real || $0.hasPrefix(real + "/") }) else {
                    problems.append((relative + name, .loop))
                    continue
                }
                folders.append((name, real))
            } else if kind == S_IFREG {
                guard access(child, R_OK) == 0 else {
                    problems.append((relative + name, .unreadable(reason: String(cString: strerror(errno)))))
                    continue
                }
                files[relative + name] = FileStamp.stamp(of: info)
            }
        }
        closedir(directory)
        for folder in folders {
            visit(path + "/" + folder.name, relative: relative + folder.name + "/", allowedRoot: allowedRoot, ancestors: ancestors.union([folder.real]))
        }
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The problems as diagnostics, at `folderName/path`.
    func diagnostics(folderName: String) -> [Diagnostic] {
        problems.map { path, problem in
            let shown = path.isEmpty ? folderName : "\(folderName)/\(path)"
            let location = SourceLocation(path: shown)
            switch problem {
            case .linksOutside(let target):
                return .error(
                    .unsafePath, "symbolic link leads outside the project, to '\(target)'; only the project's own files are published",
                    at: location, notes: ["copy the file into the project, or remove the link"])
            case .danglingLink:
                return .error(.unsafePath, "symbolic link leads to nothing", at: location, notes: ["remove the link or make it point to a file in the project"])
            case .loop:
                return .error(.unsafePath, "symbolic link leads back into a folder that holds it (a loop)", at: location, notes: ["remove the link"])
            case .unreadable(let reason):
                return .error(
                    .unreadableFile, "cannot be read: \(reason.lowercased())", at: location,
                    notes: ["give the account running Guidebook permission to read it, or move it out of the project"])
            case .normalisationTwin:
                return .error(
                    .duplicateOutput, "two names in this folder are the same text written two ways (Unicode NFC and NFD), so one page would be lost",
                    at: location, notes: ["rename one of them; copying files from a Mac can make such names"])
            }
        }
    }
}
