import Foundation
import GuidebookMarkdown
import ZIPFoundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The offline edition: one zip holding a single folder with the whole site, whose index.html
/// opens the guide from disk. The same files give the same bytes: entries in path order,
/// one fixed timestamp, fixed permissions.
public enum BundleWriter {
    /// Midday, so the DOS date in the zip is the same day in every time zone around the UK.
    static let fixedDate = Date(timeIntervalSince1970: 946_728_000)  // 2000-01-01 12:00 UTC

    /// `guide-title-2026-11-29`: the zip's name without `.zip`, and its top-level folder.
    public static func name(title: String, on date: CalendarDate) -> String {
        let slug = HeadingIDGenerator.slug(title)
        return "\(slug.isEmpty ? "guide" : slug)-\(date)"
    }

    /// Writes `files` (site path -> bytes) under `folder/` into a zip at `destination`, replacing it
    /// only once the new zip is complete.
    public static func write(files: [String: Data], folder: String, to destination: URL) throws {
        let temporary = destination.deletingLastPathComponent()
            .appendingPathComponent(".\(destination.lastPathComponent).\(UUID().uuidString.prefix(8)).partial")
        defer { try? FileManager.default.removeItem(at: temporary) }
        do {
            let archive = try Archive(url: temporary, accessMode: .create)
            for directory in directories(of: files.keys, under: folder) {
                try archive.addEntry(
                    with: directory + "/", type: .directory, uncompressedSize: Int64(0), modificationDate: fixedDate,
                    permissions: 0o755, provider: { (_: Int64, _: Int) in Data() })
            }
            for path in files.keys.sorted() {
                let data = files[path]!
                try archive.addEntry(
                    with: "\(folder)/\(path)", type: .file, uncompressedSize: Int64(data.count),
                    modificationDate: fixedDate, permissions: 0o644, compressionMethod: .deflate,
                    provider: { (position: Int64, size: Int) in data.subdata(in: Int(position)..<Int(position) + size) })
            }
        } catch {
            throw OutputError(path: destination.path, reason: "the zip could not be written there; check that the folder is writable and the disk has room")
        }
        // One rename: an earlier zip of that name is replaced whole or not at all.
        guard rename(temporary.path, destination.path) == 0 else {
            throw OutputError(path: destination.path, reason: FileSystemFailure.lastError())
        }
    }

    /// Every folder the files sit in, parents first.
    static func directories(of paths: Dictionary<String, Data>.Keys, under folder: String) -> [String] {
        var result: Set<String> = [folder]
        for path in paths {
            var parent = OutputPath.folder(of: path)
            while !parent.isEmpty {
                result.insert("\(folder)/\(parent)")
                parent = OutputPath.folder(of: parent)
            }
        }
        return result.sorted()
    }
}
