import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs the built `guidebook` executable, as an editor or CI would.
struct GuidebookProcess {
    struct Outcome {
        var status: Int32
        var standardOutput: String
        var standardError: String
    }

    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var executable: URL {
        let candidates = [".build/debug/guidebook", ".build/release/guidebook"].map { repositoryRoot.appendingPathComponent($0) }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }

    /// Runs the command; with a `hangGuard`, kills it (SIGKILL) if it is still running after that many
    /// seconds, so a hang fails the test with status 9 instead of stalling the run.
    static func run(_ arguments: [String], in folder: URL, hangGuard: Double? = nil) throws -> Outcome {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = folder
        // Help text wraps at the terminal width; pin it so golden files compare.
        process.environment = ProcessInfo.processInfo.environment.merging(["COLUMNS": "80"]) { _, pinned in pinned }
        let output = Pipe(), error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        if let hangGuard {
            DispatchQueue.global().asyncAfter(deadline: .now() + hangGuard) {
                if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            }
        }
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(
            status: process.terminationStatus, standardOutput: String(decoding: outputData, as: UTF8.self),
            standardError: String(decoding: errorData, as: UTF8.self))
    }
}

/// A copy of a fixture project in a temporary folder, removed when the test ends.
final class ProjectCopy {
    let root: URL

    init(fixture: String = "basic") throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("guidebook-e2e-\(UUID().uuidString)")
        let source = GuidebookProcess.repositoryRoot.appendingPathComponent("Tests/Fixtures/sites/\(fixture)")
        try FileManager.default.copyItem(at: source, to: root)
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    func write(_ text: String, to path: String) throws {
        try write(Data(text.utf8), to: path)
    }

    func write(_ data: Data, to path: String) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    func remove(_ path: String) throws {
        try FileManager.default.removeItem(at: root.appendingPathComponent(path))
    }

    func build(_ extra: [String] = []) throws -> GuidebookProcess.Outcome {
        try GuidebookProcess.run(["build"] + extra, in: root)
    }

    /// Every file under site/ with its bytes, to compare before and after a failed build.
    func siteSnapshot() -> [String: Data] {
        let site = root.appendingPathComponent("site")
        var snapshot: [String: Data] = [:]
        guard let enumerator = FileManager.default.enumerator(atPath: site.path) else { return [:] }
        while let path = enumerator.nextObject() as? String {
            if let data = FileManager.default.contents(atPath: site.appendingPathComponent(path).path) { snapshot[path] = data }
        }
        return snapshot
    }
}
