import Foundation

/// Why `guidebook import` will not start (a usage error: nothing is written).
public enum ImportRefusal: Error, Sendable, CustomStringConvertible {
    case sourceMissing(String)
    case outputNotEmpty(String)
    case outputInsideSource(String)

    public var description: String {
        switch self {
        case .sourceMissing(let path): return "source folder '\(path)' does not exist"
        case .outputNotEmpty(let path): return "output folder '\(path)' is not empty; import writes only into a new or empty folder"
        case .outputInsideSource(let path): return "output folder '\(path)' is inside the source folder, which import never changes"
        }
    }

    /// The refusal for importing `source` into `output`, or nil when it may go ahead.
    public static func check(source: URL, output: URL) -> ImportRefusal? {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: source.path, isDirectory: &isFolder), isFolder.boolValue else {
            return .sourceMissing(source.path)
        }
        let sourcePath = source.resolvingSymlinksInPath().standardizedFileURL.path
        let outputPath = output.resolvingSymlinksInPath().standardizedFileURL.path
        if outputPath == sourcePath || outputPath.hasPrefix(sourcePath + "/") { return .outputInsideSource(output.path) }
        if FileManager.default.fileExists(atPath: output.path) {
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: output.path)) ?? ["?"]
            if !entries.isEmpty { return .outputNotEmpty(output.path) }
        }
        return nil
    }
}
