import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file replaced whole: written beside it, then renamed over it, so a reader never sees half a
/// file. (Not `Data.write(options: .atomic)`: its temporary file is readable by its owner only,
/// and so would a page be, to a web server running as someone else.) For the cache's own files:
/// the temporary file is beside the one replaced, and a killed build leaves it there, which the
/// site must never have (a body edit changes the site through `WriteJournal` instead).
enum FileReplacement {
    static func replace(_ url: URL, with data: Data, stage: String = "write") throws {
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        do {
            try data.write(to: temporary)
        } catch {
            throw BuildError(stage: stage, path: url.path, reason: FileSystemFailure.describe(error))
        }
        guard rename(temporary.path, url.path) == 0 else {
            let failure = BuildError.posix(stage: stage, path: url.path)
            try? FileManager.default.removeItem(at: temporary)
            throw failure
        }
    }
}
