import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Removes a folder and everything in it, unlinking files from several threads at once. Removing
/// the retired site is the last thing a build does: at 10,000 pages that is 16,700 files whose
/// blocks the file system must free, 1.5-3 s one file at a time on this machine's disk (it mostly
/// waits for the disk, so threads overlap the waits), and FileManager's removeItem is one at a time.
enum FolderRemoval {
    static let threadCount = 16

    /// Best effort, as `try? FileManager.removeItem`: what cannot be removed is left, and
    /// `removeAbandonedFolders` tries again next build.
    static func remove(_ path: String) {
        var (files, folders) = listing(of: path)
        let chunkSize = max(1, (files.count + threadCount - 1) / threadCount)
        let group = DispatchGroup()
        let queue = DispatchQueue(label: "guidebook.folder-removal", attributes: .concurrent)
        for start in stride(from: 0, to: files.count, by: chunkSize) {
            let chunk = Array(files[start..<min(start + chunkSize, files.count)])
            // Not concurrentPerform: it runs as many at once as there are cores, and this waits on the disk.
            queue.async(group: group) {
                for file in chunk { _ = unlink(file) }
            }
        }
        files = []
        group.wait()
        // Listed parents first, so in reverse each folder is empty when its turn comes.
        for folder in folders.reversed() { _ = rmdir(folder) }
        folders = []
    }

    /// Every file and folder under `path` (folders with `path` first), from the entries' own types:
    /// no stat per file.
    private static func listing(of path: String) -> (files: [String], folders: [String]) {
        var files: [String] = [], folders = [path]
        var next = 0
        while next < folders.count {
            let folder = folders[next]
            next += 1
            guard let stream = opendir(folder) else { continue }
            defer { closedir(stream) }
            while let entry = readdir(stream) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { bytes in
                    String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
                }
                if name == "." || name == ".." { continue }
                let child = folder + "/" + name
                if Int32(entry.pointee.d_type) == Int32(DT_DIR) {
                    folders.append(child)
                } else if Int32(entry.pointee.d_type) == Int32(DT_UNKNOWN) {
                    var status = stat()
                    if lstat(child, &status) == 0, status.st_mode & S_IFMT == S_IFDIR { folders.append(child) } else { files.append(child) }
                } else {
                    files.append(child)
                }
            }
        }
        return (files, folders)
    }
}
