import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes into a temporary folder beside the output folder, then swaps it in, so a failed or
/// interrupted build leaves the previous site exactly as it was, and removed pages disappear.
public final class FileSystemOutput: OutputConsumer, @unchecked Sendable {
    public let outputFolder: URL
    private let stagingFolder: URL
    private let fileManager = FileManager.default

    public init(outputFolder: URL) throws {
        self.outputFolder = outputFolder.standardizedFileURL
        let parent = self.outputFolder.deletingLastPathComponent()
        let name = self.outputFolder.lastPathComponent
        stagingFolder = parent.appendingPathComponent(".\(name).building-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))")
        do {
            try fileManager.createDirectory(at: parent, withIntermediateDirectories: true)
            Self.removeAbandonedFolders(in: parent, outputName: name)
            try fileManager.createDirectory(at: stagingFolder, withIntermediateDirectories: false)
        } catch {
            throw OutputError(path: stagingFolder.path, reason: error.localizedDescription)
        }
    }

    public func write(_ data: Data, to path: String) throws {
        let target = try destination(path)
        do {
            try data.write(to: target)
        } catch {
            throw OutputError(path: target.path, reason: error.localizedDescription)
        }
    }

    public func write(parts: (_ emit: (Data) throws -> Void) throws -> Void, to path: String) throws {
        let target = try destination(path)
        guard FileManager.default.createFile(atPath: target.path, contents: nil), let handle = FileHandle(forWritingAtPath: target.path) else {
            throw OutputError(path: target.path, reason: "cannot create the file")
        }
        defer { try? handle.close() }
        do {
            try parts { try handle.write(contentsOf: $0) }
        } catch let error as OutputError {
            throw error
        } catch {
            throw OutputError(path: target.path, reason: error.localizedDescription)
        }
    }

    public func copyFile(from source: URL, to path: String) throws {
        let target = try destination(path)
        do {
            try fileManager.copyItem(at: source, to: target)
        } catch {
            throw OutputError(path: target.path, reason: error.localizedDescription)
        }
    }

    /// Two renames: the old site steps aside, the new one takes its name; then the old one goes.
    public func commit() throws {
        let parent = outputFolder.deletingLastPathComponent()
        let retired = parent.appendingPathComponent(".\(outputFolder.lastPathComponent).old-\(UUID().uuidString.prefix(8))")
        let hadPrevious = fileManager.fileExists(atPath: outputFolder.path)
        do {
            if hadPrevious { try fileManager.moveItem(at: outputFolder, to: retired) }
            try fileManager.moveItem(at: stagingFolder, to: outputFolder)
        } catch {
            if hadPrevious, !fileManager.fileExists(atPath: outputFolder.path) {
                try? fileManager.moveItem(at: retired, to: outputFolder)
            }
            discard()
            throw OutputError(path: outputFolder.path, reason: error.localizedDescription)
        }
        if hadPrevious { try? fileManager.removeItem(at: retired) }
    }

    /// A build stopped half-way (Ctrl-C, a crash) leaves its staging folder behind; it is removed
    /// by the next build once the process that made it has gone. Retired sites are always removable.
    static func removeAbandonedFolders(in parent: URL, outputName: String) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? []
        for name in names {
            if name.hasPrefix(".\(outputName).old-") {
                try? FileManager.default.removeItem(at: parent.appendingPathComponent(name))
            } else if name.hasPrefix(".\(outputName).building-"),
                      let pid = Int32(name.dropFirst(".\(outputName).building-".count).prefix { $0.isNumber }),
                      kill(pid, 0) != 0 && errno == ESRCH {
                try? FileManager.default.removeItem(at: parent.appendingPathComponent(name))
            }
        }
    }

    public func discard() {
        try? fileManager.removeItem(at: stagingFolder)
    }

    private func destination(_ path: String) throws -> URL {
        precondition(!path.hasPrefix("/") && !path.split(separator: "/").contains(".."), "output paths are checked by OutputPath")
        let target = stagingFolder.appendingPathComponent(path)
        let folder = target.deletingLastPathComponent()
        do {
            try fileManager.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw OutputError(path: folder.path, reason: error.localizedDescription)
        }
        return target
    }
}
