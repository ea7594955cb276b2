import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes into a temporary folder beside the output folder, then swaps it in, so a failed or
/// interrupted build leaves the previous site exactly as it was, and removed pages disappear.
public final class FileSystemOutput: OutputConsumer, @unchecked Sendable {
    public let outputFolder: URL
    private let stagingFolder: URL
    private let stagingPath: String
    private let fileManager = FileManager.default
    /// Folders already made in the staging folder: a site has tens of thousands of files in a few
    /// dozen folders, and asking the file system about each parent for each file was a noticeable cost.
    private let madeFolders = Mutex<Set<String>>([""])
    /// Held while the new site takes the old one's place, when something reads the output folder
    /// as it changes (`serve`): between the two renames there is no site folder.
    private let swapLock: NSLock?
    /// Files the new site shares with the old one are hard links to the old files, not copies: a
    /// build from the build cache leaves untouched what did not change (the same inode, the same
    /// time), and the site still changes all at once, at `commit`.
    private let keepsUnchangedFiles: Bool

    public init(outputFolder: URL, swapLock: NSLock? = nil, keepsUnchangedFiles: Bool = false) throws {
        self.swapLock = swapLock
        self.keepsUnchangedFiles = keepsUnchangedFiles
        self.outputFolder = outputFolder.standardizedFileURL
        let parent = self.outputFolder.deletingLastPathComponent()
        let name = self.outputFolder.lastPathComponent
        stagingFolder = parent.appendingPathComponent(".\(name).building-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))")
        do {
            try fileManager.createDirectory(at: parent, withIntermediateDirectories: true)
            Self.removeAbandonedFolders(in: parent, outputName: name)
            try fileManager.createDirectory(at: stagingFolder, withIntermediateDirectories: false)
        } catch {
            throw OutputError(path: stagingFolder.path, reason: FileSystemFailure.describe(error))
        }
        stagingPath = stagingFolder.path
    }

    public func write(_ data: Data, to path: String) throws {
        if keepsUnchangedFiles, previousFile(path, holds: data), try keep(path) { return }
        try write(parts: { emit in try emit(data) }, to: path, comparing: false)
    }

    public func keep(_ path: String) throws -> Bool {
        guard keepsUnchangedFiles else { return false }
        let target = try destination(path)
        // Where the file system has no hard links, the file is written instead.
        return link(outputFolder.path + "/" + path, target) == 0
    }

    /// Whether the old site's file at `path` has these bytes (read only when the size is the same).
    private func previousFile(_ path: String, holds data: Data) -> Bool {
        let old = outputFolder.path + "/" + path
        guard let stamp = FileStamp.of(old), stamp.size == data.count, let bytes = FileManager.default.contents(atPath: old) else { return false }
        return bytes == data
    }

    /// A file too large to hold whole (a print edition) is compared with the old site's as its parts
    /// are written, and kept as `write(_:to:)` keeps one when it comes out the same.
    public func write(parts: (_ emit: (Data) throws -> Void) throws -> Void, to path: String) throws {
        try write(parts: parts, to: path, comparing: keepsUnchangedFiles)
    }

    /// Plain POSIX calls on path strings: Foundation's URL and Data writing cost more than the
    /// writing itself for the many small files of a site (pages, index shards).
    private func write(parts: (_ emit: (Data) throws -> Void) throws -> Void, to path: String, comparing: Bool) throws {
        let target = try destination(path)
        // A kept file is a hard link to the old site's: writing through it would change that too.
        if keepsUnchangedFiles { unlink(target) }
        // 0o666 less the umask, as Foundation would create it.
        let descriptor = open(target, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { throw OutputError(path: target, reason: Self.lastError) }
        let oldPath = outputFolder.path + "/" + path
        let old = comparing ? open(oldPath, O_RDONLY | O_CLOEXEC) : -1
        defer { if old >= 0 { close(old) } }
        var isSame = old >= 0, compared = 0
        do {
            try parts { data in
                if isSame {
                    isSame = Self.file(old, holds: data, at: compared)
                    compared += data.count
                }
                try data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
                    var offset = 0
                    while offset < bytes.count {
                        let written = systemWrite(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                        if written < 0 && errno == EINTR { continue }
                        guard written > 0 else { throw OutputError(path: target, reason: written < 0 ? Self.lastError : "nothing was written") }
                        offset += written
                    }
                }
            }
        } catch {
            close(descriptor)
            throw error
        }
        // A network drive or a full quota may only say so when the file is closed.
        guard close(descriptor) == 0 else { throw OutputError(path: target, reason: Self.lastError) }
        // The same bytes, and no more: a hard link to the old file takes the new one's place (where
        // the file system has none, the new file stays).
        var status = stat()
        if isSame, fstat(old, &status) == 0, Int(status.st_size) == compared {
            let linked = target + ".kept"
            if link(oldPath, linked) == 0, rename(linked, target) != 0 { unlink(linked) }
        }
    }

    /// Whether the open file has `data`'s bytes at `offset`.
    private static func file(_ descriptor: Int32, holds data: Data, at offset: Int) -> Bool {
        var bytes = [UInt8](repeating: 0, count: data.count)
        var done = 0
        while done < bytes.count {
            let read = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress! + done, $0.count - done, off_t(offset + done)) }
            if read < 0 && errno == EINTR { continue }
            guard read > 0 else { return false }
            done += read
        }
        guard !bytes.isEmpty else { return true }
        return data.withUnsafeBytes { new in bytes.withUnsafeBytes { memcmp(new.baseAddress!, $0.baseAddress!, $0.count) == 0 } }
    }

    private static var lastError: String { FileSystemFailure.lastError() }

    public func copyFile(from source: URL, to path: String) throws {
        if keepsUnchangedFiles, let data = FileManager.default.contents(atPath: source.path), previousFile(path, holds: data), try keep(path) { return }
        let target = try destination(path)
        do {
            try fileManager.copyItem(atPath: source.path, toPath: target)
        } catch {
            throw OutputError(path: target, reason: FileSystemFailure.describe(error))
        }
    }

    /// Two renames: the old site steps aside, the new one takes its name; then the old one goes.
    /// Killed between the two, a build leaves no site folder, and the next build puts the old one
    /// back (`removeAbandonedFolders`). (Linux's renameat2 can exchange the two folders in one
    /// step, but Swift's Glibc module does not declare it.)
    /// The marker goes in last, so a folder holding it is a whole site; the folder replaced must be
    /// Guidebook's own (the commands check this first, with a clearer message; this is the backstop).
    public func commit() throws {
        let parent = outputFolder.deletingLastPathComponent()
        let retired = parent.appendingPathComponent(".\(outputFolder.lastPathComponent).old-\(getpid())-\(UUID().uuidString.prefix(8))")
        let hadPrevious = fileManager.fileExists(atPath: outputFolder.path)
        if hadPrevious, !OutputLocation.isOwned(outputFolder) {
            discard()
            throw OutputError(path: outputFolder.path, reason: "the folder is not empty and was not made by Guidebook; nothing in it was changed")
        }
        try write(Data(OutputLocation.markerText.utf8), to: OutputLocation.markerName)
        do {
            swapLock?.lock()
            defer { swapLock?.unlock() }
            if hadPrevious { try fileManager.moveItem(at: outputFolder, to: retired) }
            try fileManager.moveItem(at: stagingFolder, to: outputFolder)
        } catch {
            if hadPrevious, !fileManager.fileExists(atPath: outputFolder.path) {
                try? fileManager.moveItem(at: retired, to: outputFolder)
            }
            discard()
            throw OutputError(path: outputFolder.path, reason: FileSystemFailure.describe(error))
        }
        if hadPrevious { FolderRemoval.remove(retired.path) }
    }

    /// A build stopped half-way (Ctrl-C, a crash, kill -9) leaves folders beside the output; the
    /// next build deals with them, before anything reads the output, once the process that made
    /// them has gone: a body edit's journal is finished or undone (`WriteJournal`); a site retired by
    /// a build stopped between its two renames goes back in place, so the output is as it was; and
    /// staging folders and retired sites are removed.
    static func removeAbandonedFolders(in parent: URL, outputName: String) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? []
        let output = parent.appendingPathComponent(outputName)
        let journalPrefix = WriteJournal.folderPrefix(outputName)
        for name in names where name.hasPrefix(journalPrefix) && isAbandoned(Int32(name.dropFirst(journalPrefix.count)), evenIfOurs: true) {
            WriteJournal.recover(name, beside: output)
        }
        // `.site.old-<pid>-<id>` and `.site.building-<pid>-<id>`; an earlier version's
        // `.site.old-<id>` names no process, and is always abandoned.
        func owner(_ name: String, _ prefix: String) -> Int32? {
            let rest = name.dropFirst(prefix.count)
            return rest.firstIndex(of: "-").flatMap { Int32(rest[..<$0]) }
        }
        let retiredPrefix = ".\(outputName).old-", buildingPrefix = ".\(outputName).building-"
        var retired = names.filter { $0.hasPrefix(retiredPrefix) && (owner($0, retiredPrefix).map { isAbandoned($0, evenIfOurs: true) } ?? true) }
        // Killed between the two renames: no output folder, the old site retired and the new one
        // still staged, by one process. The old site goes back. (A retired site without its staged
        // successor may be half removed, and is never put back.)
        var status = stat()
        if lstat(output.path, &status) != 0 && errno == ENOENT,
            let interrupted = retired.first(where: { name in
                owner(name, retiredPrefix).map { pid in names.contains { $0.hasPrefix("\(buildingPrefix)\(pid)-") } } ?? false
            }),
            rename(parent.appendingPathComponent(interrupted).path, output.path) == 0
        {
            retired.removeAll { $0 == interrupted }
        }
        for name in retired {
            FolderRemoval.remove(parent.appendingPathComponent(name).path)
        }
        for name in names where name.hasPrefix(buildingPrefix) && isAbandoned(owner(name, buildingPrefix)) {
            FolderRemoval.remove(parent.appendingPathComponent(name).path)
        }
        // A preview server's page, killed before it was renamed in (`replaceFile`).
        let previewPrefix = ".\(outputName).preview-"
        for name in names where name.hasPrefix(previewPrefix) && isAbandoned(Int32(name.dropFirst(previewPrefix.count).prefix { $0.isNumber })) {
            unlink(parent.appendingPathComponent(name).path)
        }
    }

    /// The same, for the folder that holds `outputFolder`: a build from the build cache calls it
    /// before it reads the site, which a body edit then changes without a `FileSystemOutput`.
    static func removeAbandonedFolders(beside outputFolder: URL) {
        let output = outputFolder.standardizedFileURL
        removeAbandonedFolders(in: output.deletingLastPathComponent(), outputName: output.lastPathComponent)
    }

    /// Whether the process that named a folder has ended. `evenIfOurs`: for folders this process
    /// makes only after this cleanup, whose owner with our id must be an earlier process (in a
    /// container, the first process always has the same id).
    private static func isAbandoned(_ pid: Int32?, evenIfOurs: Bool = false) -> Bool {
        guard let pid else { return false }
        return (evenIfOurs && pid == getpid()) || (kill(pid, 0) != 0 && errno == ESRCH)
    }

    /// One file of a built site replaced whole, for the preview server's early page: written beside
    /// the site folder (never inside it, where a reader would see a temporary file) and renamed in.
    public static func replaceFile(_ path: String, in site: URL, with data: Data) throws {
        let temporary = site.deletingLastPathComponent().appendingPathComponent(".\(site.lastPathComponent).preview-\(getpid()).tmp").path
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { throw OutputError(path: temporary, reason: lastError) }
        do {
            try POSIXWrite.all(Array(data)[...], to: descriptor, path: temporary)
        } catch {
            close(descriptor)
            unlink(temporary)
            throw error
        }
        close(descriptor)
        guard rename(temporary, site.path + "/" + path) == 0 else {
            let failure = OutputError(path: site.path + "/" + path, reason: lastError)
            unlink(temporary)
            throw failure
        }
    }

    public func discard() {
        try? fileManager.removeItem(at: stagingFolder)
    }

    /// The file's path in the staging folder, its folder made if it is the first file there.
    private func destination(_ path: String) throws -> String {
        precondition(!path.hasPrefix("/") && !path.split(separator: "/").contains(".."), "output paths are checked by OutputPath")
        let folder = OutputPath.folder(of: path)
        if !madeFolders.withLock({ $0.contains(folder) }) {
            let folderPath = stagingPath + "/" + folder
            do {
                try fileManager.createDirectory(atPath: folderPath, withIntermediateDirectories: true)
            } catch {
                throw OutputError(path: folderPath, reason: FileSystemFailure.describe(error))
            }
            madeFolders.withLock { _ = $0.insert(folder) }
        }
        return stagingPath + "/" + path
    }
}

// The class's own `write` methods hide the C function's name.
#if canImport(Glibc)
    private let systemWrite = Glibc.write
#elseif canImport(Darwin)
    private let systemWrite = Darwin.write
#endif
