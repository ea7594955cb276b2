import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file's size and modification time (nanoseconds), from one `stat`: how the build cache tells,
/// without reading it, that a file is as it was. FileManager's attributes cost ten times as much,
/// and a large guide has ten thousand files to look at.
struct FileStamp: Sendable, Equatable {
    var size: Int
    var modified: Int

    static func of(_ path: String) -> FileStamp? {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return stamp(of: info)
    }

    /// Every file under `folder` (relative paths), with its stamp; names starting with a dot, and
    /// what is inside such folders, are left out, and links to folders are not followed. One
    /// directory read and one `stat` a file: FileManager's enumerator, with a `fileExists` a file,
    /// took a third of a second over a 10,000-page guide.
    static func files(under folder: URL) -> [String: FileStamp] {
        var result: [String: FileStamp] = [:]
        walk(folder.path, relative: "", into: &result)
        return result
    }

    private static func walk(_ path: String, relative: String, into result: inout [String: FileStamp]) {
        guard let directory = opendir(path) else { return }
        defer { closedir(directory) }
        var folders: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafePointer(to: entry.pointee.d_name) { pointer in
                pointer.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            guard !name.hasPrefix(".") else { continue }
            let child = path + "/" + name
            var info = stat()
            guard lstat(child, &info) == 0 else { continue }
            var kind = info.st_mode & S_IFMT
            if kind == S_IFLNK {
                guard stat(child, &info) == 0 else { continue }
                kind = info.st_mode & S_IFMT
                if kind == S_IFDIR { continue }
            }
            if kind == S_IFDIR {
                folders.append(name)
            } else if kind == S_IFREG {
                result[relative + name] = stamp(of: info)
            }
        }
        for name in folders { walk(path + "/" + name, relative: relative + name + "/", into: &result) }
    }

    static func stamp(of info: stat) -> FileStamp {
        #if canImport(Darwin)
        let time = info.st_mtimespec
        #else
        let time = info.st_mtim
        #endif
        return FileStamp(size: Int(info.st_size), modified: Int(time.tv_sec) * 1_000_000_000 + Int(time.tv_nsec))
    }

    func record(hash: UInt64) -> BuildCache.FileRecord {
        BuildCache.FileRecord(size: size, modified: modified, hash: hash)
    }

    func matches(_ record: BuildCache.FileRecord?) -> Bool {
        record.map { $0.size == size && $0.modified == modified } ?? false
    }
}
