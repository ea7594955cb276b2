import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file's size and modification time (nanoseconds), from one `stat`: how the build cache tells,
/// without reading it, that a file is as it was. Not FileManager's attributes: every build looks
/// at every file of the guide, and they cost far more.
struct FileStamp: Sendable, Equatable {
    var size: Int
    var modified: Int

    static func of(_ path: String) -> FileStamp? {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return stamp(of: info)
    }

    /// Every file under `folder` (relative paths), with its stamp, as `FolderWalk` finds them (names
    /// starting with a dot left out). Links are followed wherever they lead: where that matters
    /// (content, themes) the walk itself is checked first.
    static func files(under folder: URL) -> [String: FileStamp] {
        FolderWalk.walk(folder, allowedRoot: URL(fileURLWithPath: "/")).files
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
