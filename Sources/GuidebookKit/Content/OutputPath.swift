/// The mapping from content paths to site paths: `a/b.md` -> `a/b.html`, `a/index.md` -> `a/index.html`.
/// Spaces in names become hyphens; names that cannot be a safe URL segment are rejected.
public enum OutputPath {
    /// The site path for a content path, or the problem with one of its segments.
    public static func map(contentPath: String) -> Result<String, OutputPathError> {
        var segments: [String] = []
        for segment in contentPath.split(separator: "/", omittingEmptySubsequences: false) {
            if let reason = unsafeReason(String(segment)) {
                return .failure(OutputPathError(segment: String(segment), reason: reason))
            }
            segments.append(segment.replacingSpaces())
        }
        var path = segments.joined(separator: "/")
        if path.hasSuffix(".md") { path = String(path.dropLast(3)) + ".html" }
        return .success(path)
    }

    static func unsafeReason(_ segment: String) -> String? {
        if segment.isEmpty { return "it is empty" }
        if segment == "." || segment == ".." { return "'\(segment)' would leave its folder" }
        if segment.hasPrefix(".") { return "it starts with '.'" }
        if segment.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            return "it contains a control character"
        }
        let reserved: Set<Character> = ["/", "\\", "?", "#", "%", ":", "*", "\"", "<", ">", "|", "&", "'", "`", "[", "]", "{", "}", "^", "+", ";", "=", "@", "$", ","]
        if let bad = segment.first(where: { reserved.contains($0) }) { return "it contains '\(bad)'" }
        if segment.first!.isWhitespace || segment.last!.isWhitespace { return "it starts or ends with a space" }
        return nil
    }

    /// The folder part of a site path: `a/b.html` -> `a`, `b.html` -> "".
    public static func folder(of path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "" }
        return String(path[..<slash])
    }

    /// A relative URL from the page at `from` to the file at `to` (both site paths), ending in a file name.
    /// Split as bytes, not Characters: every link and every navigation entry of every page comes here.
    public static func relativeURL(from: String, to: String) -> String {
        let slash = UInt8(ascii: "/")
        let fromFolder = folder(of: from).utf8.split(separator: slash)
        let target = to.utf8.split(separator: slash)
        var common = 0
        while common < fromFolder.count, common < target.count - 1, fromFolder[common].elementsEqual(target[common]) { common += 1 }
        let ups = Array(repeating: "..", count: fromFolder.count - common)
        return (ups + target[common...].map { String(Substring($0)) }).joined(separator: "/")
    }
}

public struct OutputPathError: Error, Equatable, Sendable {
    public var segment: String
    public var reason: String
}

private extension Substring {
    func replacingSpaces() -> String {
        var result = ""
        var previousWasSpace = false
        for character in self {
            if character == " " {
                if !previousWasSpace { result.append("-") }
                previousWasSpace = true
            } else {
                result.append(character)
                previousWasSpace = false
            }
        }
        return result
    }
}
