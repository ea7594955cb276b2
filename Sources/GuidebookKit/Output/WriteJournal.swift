import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Changes to some files of a site, made so that a build killed at any moment leaves the site as it
/// was or wholly changed (a body edit from the build cache changes a few files, where a full build
/// swaps the whole folder). The new files are written and synced in a folder beside the site
/// (`.site.journal-<pid>`: renames work there, and nothing temporary is ever inside the site, where
/// a reader or a web server would see it), then a small journal naming their places is committed,
/// then they are renamed into place. The next build looks before it reads the site (`recover`):
/// it finishes the renames of a committed journal, and deletes a folder without one.
final class WriteJournal {
    /// What a committed journal holds: where each staged file goes (file `i` to `renames[i]`), what
    /// is removed, and which folder the site was, so that a journal outlived by a full build (which
    /// puts a new folder in the site's place) is never applied to the new site.
    private struct Entry: Codable {
        var site: [UInt64]
        var renames: [String] = []
        var removals: [String] = []
    }

    static let journalName = "journal"
    let site: URL
    let folder: URL
    private var entry: Entry

    /// An empty journal folder for the site; throws when the site is not a folder.
    init(site: URL) throws {
        self.site = site.standardizedFileURL
        folder = Self.folder(beside: self.site, pid: getpid())
        guard let identity = Self.identity(of: self.site.path) else { throw BuildError.posix(stage: "write", path: self.site.path) }
        entry = Entry(site: identity)
        // One left by an earlier process with this id (a container's first process always has the
        // same one) was dealt with by `recover` before the site was read.
        FolderRemoval.remove(folder.path)
        guard mkdir(folder.path, 0o777) == 0 else { throw BuildError.posix(stage: "write", path: folder.path) }
    }

    static func folder(beside site: URL, pid: Int32) -> URL {
        site.deletingLastPathComponent().appendingPathComponent("\(folderPrefix(site.lastPathComponent))\(pid)")
    }

    static func folderPrefix(_ siteName: String) -> String { ".\(siteName).journal-" }

    /// The file at `path` in the site will have these bytes.
    func stage(_ data: Data, as path: String) throws {
        try stage(as: path) { descriptor, staged in try POSIXWrite.all(Array(data)[...], to: descriptor, path: staged) }
    }

    /// The file at `path` in the site will have what `write` writes to the descriptor.
    func stage(as path: String, write: (_ descriptor: Int32, _ stagedPath: String) throws -> Void) throws {
        let staged = folder.path + "/\(entry.renames.count)"
        // 0o666 less the umask, as the full build's files (not 0o600, which a web server running
        // as someone else could not read).
        let descriptor = open(staged, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { throw BuildError.posix(stage: "write", path: staged) }
        do {
            try write(descriptor, staged)
        } catch {
            close(descriptor)
            throw error
        }
        guard close(descriptor) == 0 else { throw BuildError.posix(stage: "write", path: staged) }
        entry.renames.append(path)
    }

    /// The file at `path` in the site will be gone.
    func remove(_ path: String) {
        entry.removals.append(path)
    }

    /// Commits the journal, then makes the changes. Once the journal is committed the site is, for
    /// the next build, the new one: if a rename fails here (it should not: the same folder, the same
    /// file system), the rest are still made, and the error says the site is not as planned.
    func commit() throws {
        // The staged files are synced before the journal that names them, or after a power cut
        // the journal could move empty files into the site.
        guard Self.sync(entry.renames.indices.map { folder.path + "/\($0)" }) else {
            throw BuildError(stage: "write", path: folder.path, reason: "the new files could not be written to the disk")
        }
        let uncommitted = folder.path + "/\(Self.journalName).new"
        let journal = folder.path + "/\(Self.journalName)"
        let data = try JSONEncoder().encode(entry)
        let descriptor = open(uncommitted, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw BuildError.posix(stage: "write", path: uncommitted) }
        defer { close(descriptor) }
        try POSIXWrite.all(Array(data)[...], to: descriptor, path: uncommitted)
        guard fsync(descriptor) == 0 else { throw BuildError.posix(stage: "write", path: uncommitted) }
        // The rename is the commit, and the folder's sync makes it last.
        guard rename(uncommitted, journal) == 0 else { throw BuildError.posix(stage: "write", path: journal) }
        _ = Self.sync([folder.path])
        let finished = Self.apply(entry, from: folder.path, to: site.path)
        FolderRemoval.remove(folder.path)
        if !finished { throw BuildError(stage: "write", path: site.path, reason: "some changed files could not be moved into place") }
    }

    /// Nothing was changed in the site: the staged files go.
    func discard() {
        FolderRemoval.remove(folder.path)
    }

    /// Finishes or undoes the journal folder `name` beside `site` (a killed build's): a committed
    /// journal whose site is still that folder has its renames finished; otherwise the site is as
    /// it was, and the staged files are deleted.
    static func recover(_ name: String, beside site: URL) {
        let folder = site.deletingLastPathComponent().appendingPathComponent(name).path
        if let data = FileManager.default.contents(atPath: folder + "/" + journalName),
            let entry = try? JSONDecoder().decode(Entry.self, from: data),
            identity(of: site.path) == entry.site
        {
            _ = apply(entry, from: folder, to: site.path)
        }
        FolderRemoval.remove(folder)
    }

    /// Renames the staged files into place and removes the removed; again after a kill, a staged
    /// file already moved is simply no longer there. False when something could not be done.
    private static func apply(_ entry: Entry, from folder: String, to site: String) -> Bool {
        var finished = true
        var changedFolders: Set<String> = []
        for (index, path) in entry.renames.enumerated() {
            let target = site + "/" + path
            if rename(folder + "/\(index)", target) != 0 && errno != ENOENT { finished = false }
            changedFolders.insert((target as NSString).deletingLastPathComponent)
        }
        for path in entry.removals {
            let target = site + "/" + path
            if unlink(target) != 0 && errno != ENOENT { finished = false }
            changedFolders.insert((target as NSString).deletingLastPathComponent)
        }
        // The moves are made to last before the journal that would redo them is deleted (where
        // the file system can sync a folder: some network ones cannot).
        _ = sync(Array(changedFolders))
        return finished
    }

    /// The folder's device and inode: a full build's swap puts another folder in the site's place.
    private static func identity(of path: String) -> [UInt64]? {
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else { return nil }
        return [UInt64(info.st_dev), UInt64(info.st_ino)]
    }

    /// Files or folders synced to the disk, many at once: each fsync mostly waits for the disk, and
    /// waiting ones share the file system's commits (a body edit's 90 files took 60-170 ms more
    /// synced one at a time on this machine). Not concurrentPerform, which runs one a core.
    private static func sync(_ paths: [String]) -> Bool {
        let failed = SyncFailure()
        let group = DispatchGroup()
        let queue = DispatchQueue(label: "guidebook.write-journal", attributes: .concurrent)
        let chunkSize = max(1, (paths.count + FolderRemoval.threadCount - 1) / FolderRemoval.threadCount)
        for start in stride(from: 0, to: paths.count, by: chunkSize) {
            let chunk = paths[start..<min(start + chunkSize, paths.count)]
            queue.async(group: group) {
                for path in chunk {
                    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
                    if descriptor < 0 || fsync(descriptor) != 0 { failed.happened.withLock { $0 = true } }
                    if descriptor >= 0 { close(descriptor) }
                }
            }
        }
        group.wait()
        return !failed.happened.withLock { $0 }
    }
}

private final class SyncFailure: Sendable {
    let happened = Mutex(false)
}
