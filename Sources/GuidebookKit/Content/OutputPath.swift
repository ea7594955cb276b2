/// The mapping from content paths to site paths: `a/b.md` -> `a/b.html`, `a/index.md` -> `a/index.html`.
/// Names keep their letters (any script), digits and most punctuation; the characters that mean
/// something in a URL or a file system are spelt out or left out (`Q&A` -> `Q-and-A`,
/// `Children's services` -> `Childrens-services`), and spaces become hyphens. Only names that
/// cannot be made safe are rejected: control characters, a backslash, a leading dot, or nothing left.
public enum OutputPath {
    /// The site path for a content path, or the problem with one of its segments.
    public static func map(contentPath: String) -> Result<String, OutputPathError> {
        var segments: [String] = []
        for segment in contentPath.split(separator: "/", omittingEmptySubsequences: false) {
            if let reason = unsafeReason(String(segment)) {
                return .failure(OutputPathError(segment: String(segment), reason: reason))
            }
            let name = webName(segment)
            guard !name.isEmpty, name != ".md", !name.hasPrefix(".") else {
                return .failure(
                    OutputPathError(segment: String(segment), reason: "nothing is left of it once the characters a web address cannot hold are left out"))
            }
            segments.append(name)
        }
        var path = segments.joined(separator: "/")
        if path.hasSuffix(".md") { path = String(path.dropLast(3)) + ".html" }
        return .success(path)
    }

    /// Why a name cannot be made into a web name, or nil.
    static func unsafeReason(_ segment: String) -> String? {
        if segment.isEmpty { return "it is empty" }
        if segment == "." || segment == ".." { return "'\(segment)' would leave its folder" }
        if segment.hasPrefix(".") { return "it starts with '.'" }
        if segment.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            return "it contains a control character"
        }
        if segment.contains("\\") { return "it contains '\\'" }
        if segment.first!.isWhitespace || segment.last!.isWhitespace { return "it starts or ends with a space" }
        return nil
    }

    /// Characters spelt out in a web name, and characters left out of it (they mean something in a
    /// URL, or cannot be in a file name on Windows).
    static let spelledOut: [Character: String] = ["&": " and ", "+": " plus ", "%": " percent ", "@": " at "]
    static let leftOut: Set<Character> = [
        "?", "#", ":", "*", "\"", "<", ">", "|", "'", "\u{2019}", "\u{2018}", "\u{201C}", "\u{201D}",
        "`", "[", "]", "{", "}", "^", ";", "=", "$", ",",
    ]

    /// The segment as a web name: characters spelt out or left out, then each run of spaces one hyphen.
    static func webName(_ segment: Substring) -> String {
        guard segment.contains(where: { $0 == " " || spelledOut[$0] != nil || leftOut.contains($0) }) else { return String(segment) }
        var spelled = ""
        for character in segment where !leftOut.contains(character) {
            if let words = spelledOut[character] { spelled += words } else { spelled.append(character) }
        }
        let trimmed = spelled.trimmingCharacters(in: " ")
        let stem = trimmed.hasSuffix(".md") ? String(trimmed.dropLast(3)).trimmingCharacters(in: " ") + ".md" : trimmed
        return Substring(stem).replacingSpaces()
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
