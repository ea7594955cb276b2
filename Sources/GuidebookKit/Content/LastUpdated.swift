import Foundation

/// When each page last changed: the last git commit that touched it when the project is in a git
/// repository (one `git log` for the whole content folder), otherwise the file's modification time.
public enum LastUpdated {
    /// Content-relative path -> date. Files git does not know (new, uncommitted) fall back to their modification time.
    public static func read(contentFolder: URL, paths: [String]) -> [String: Date] {
        var dates = gitDates(contentFolder: contentFolder)
        for path in paths where dates[path] == nil {
            let url = contentFolder.appendingPathComponent(path)
            if let modified = try? FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate] as? Date {
                dates[path] = modified
            }
        }
        return dates
    }

    /// `git log --name-only` newest first: the first date seen for a file is its last change.
    static func gitDates(contentFolder: URL) -> [String: Date] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "git", "-c", "core.quotePath=false", "-C", contentFolder.path, "log", "--format=@%ct", "--name-only", "--relative", "--no-renames", "--", ".",
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return [:] }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return [:] }
        return parse(String(decoding: data, as: UTF8.self))
    }

    static func parse(_ log: String) -> [String: Date] {
        var dates: [String: Date] = [:]
        var current: Date?
        for line in log.split(separator: "\n") {
            if line.hasPrefix("@"), let seconds = TimeInterval(line.dropFirst()) {
                current = Date(timeIntervalSince1970: seconds)
            } else if let current, dates[String(line)] == nil {
                dates[String(line)] = current
            }
        }
        return dates
    }
}
