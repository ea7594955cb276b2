import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Watches folders (recursively) and single files with Linux inotify — no polling of the tree —
/// and calls `onChange` with the paths that changed once things have been quiet for `debounce`,
/// so saving ten files at once gives one rebuild. The only place the server calls the C library.
public final class FileWatcher: @unchecked Sendable {
    private let descriptor: Int32
    private var folderOfWatch: [Int32: String] = [:]
    private let lock = NSLock()
    private let queue = DispatchQueue(label: "guidebook.watcher")
    private var pending: DispatchWorkItem?
    private let debounce: DispatchTimeInterval
    private let onChange: @Sendable (Set<String>) -> Void
    /// Paths changed since `onChange` was last called; only touched on `queue`.
    private var changedPaths: Set<String> = []
    private let fileNames: Set<String>
    /// Folders watched only for `fileNames` in them (the project folder, for guidebook.yml).
    private let fileOnlyFolders: Set<String>
    /// The folders watched with everything under them: one deleted and made again (a `git
    /// checkout` of another branch can do that to content/) is watched again when it comes back.
    private let rootFolders: Set<String>

    public enum WatchError: Error, CustomStringConvertible {
        case unavailable(String)
        public var description: String {
            switch self {
            case .unavailable(let reason): return "cannot watch files: \(reason)"
            }
        }
    }

    /// `folders` are watched with everything under them; `files` are watched through their folder, by name.
    public init(folders: [URL], files: [URL], debounce: DispatchTimeInterval = .milliseconds(50), onChange: @escaping @Sendable (Set<String>) -> Void) throws {
        #if os(Linux)
            descriptor = inotify_init1(Int32(IN_CLOEXEC))
            guard descriptor >= 0 else { throw WatchError.unavailable(String(cString: strerror(errno))) }
        #else
            throw WatchError.unavailable("file watching needs Linux inotify")
        #endif
        self.debounce = debounce
        self.onChange = onChange
        fileNames = Set(files.map(\.lastPathComponent))
        fileOnlyFolders = Set(files.map { $0.deletingLastPathComponent().path }).union(folders.map { $0.deletingLastPathComponent().path })
        rootFolders = Set(folders.map(\.path))
        for folder in folders { addRecursively(folder.path) }
        for folder in fileOnlyFolders { add(folder) }
        let thread = Thread { [weak self] in self?.readLoop() }
        thread.name = "guidebook file watcher"
        thread.start()
    }

    private static let mask = UInt32(IN_MODIFY | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_CLOSE_WRITE | IN_DELETE_SELF | IN_ATTRIB)

    private func add(_ path: String) {
        let watch = inotify_add_watch(descriptor, path, Self.mask)
        guard watch >= 0 else { return }
        lock.withLock { folderOfWatch[watch] = path }
    }

    private func addRecursively(_ path: String) {
        add(path)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else { return }
        for name in names where !name.hasPrefix(".") {
            var isDirectory: ObjCBool = false
            let child = path + "/" + name
            if FileManager.default.fileExists(atPath: child, isDirectory: &isDirectory), isDirectory.boolValue { addRecursively(child) }
        }
    }

    private func readLoop() {
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count <= 0 {
                if count < 0 && errno == EINTR { continue }
                return
            }
            var offset = 0
            var changed: Set<String> = []
            while offset < count {
                let (watch, mask, name, length) = buffer.withUnsafeBytes { raw -> (Int32, UInt32, String, Int) in
                    let event = raw.load(fromByteOffset: offset, as: inotify_event.self)
                    let nameStart = offset + MemoryLayout<inotify_event>.size
                    let nameBytes = raw[nameStart..<(nameStart + Int(event.len))].prefix { $0 != 0 }
                    return (event.wd, event.mask, String(decoding: nameBytes, as: UTF8.self), MemoryLayout<inotify_event>.size + Int(event.len))
                }
                offset += length
                if let path = handle(watch: watch, mask: mask, name: name) { changed.insert(path) }
            }
            if !changed.isEmpty { schedule(changed) }
        }
    }

    /// The path an event is about, if it matters. New folders are watched too; editors' temporary
    /// and hidden files are ignored.
    private func handle(watch: Int32, mask: UInt32, name: String) -> String? {
        guard let folder = lock.withLock({ folderOfWatch[watch] }) else { return nil }
        // The folder itself is gone; if it comes back, it is watched anew.
        if mask & UInt32(IN_IGNORED) != 0 {
            lock.withLock { _ = folderOfWatch.removeValue(forKey: watch) }
            return nil
        }
        if name.hasPrefix(".") || name.hasSuffix("~") || name.hasSuffix(".swp") { return nil }
        let path = name.isEmpty ? folder : folder + "/" + name
        // Checked first: a folder made in the project folder (the site, swapped in by each build) is
        // not watched, or each build's own files would start the next one.
        if fileOnlyFolders.contains(folder) {
            if rootFolders.contains(path) {
                if mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 { addRecursively(path) }
                return path
            }
            return fileNames.contains(name) ? path : nil
        }
        if mask & UInt32(IN_ISDIR) != 0 && mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 { addRecursively(path) }
        return path
    }

    private func schedule(_ paths: Set<String>) {
        queue.async { [self] in
            changedPaths.formUnion(paths)
            pending?.cancel()
            let work = DispatchWorkItem { [self] in
                let paths = changedPaths
                changedPaths = []
                onChange(paths)
            }
            pending = work
            queue.asyncAfter(deadline: .now() + debounce, execute: work)
        }
    }

    deinit { close(descriptor) }
}
