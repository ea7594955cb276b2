/// Turns a request's raw path into a file path inside the site folder, or says why not.
/// Only paths made of ordinary segments get through: any spelling of `..`, an encoded slash or
/// backslash, a backslash, a NUL or a malformed escape is refused before the file system is asked.
public enum SitePath {
    public enum Rejection: Error, Equatable {
        /// A path that cannot be a file in the site (400).
        case badRequest(String)
    }

    /// `rawPath` is the request target as sent, without the query (`/a/b.html`, `/a/`, `/`).
    public static func resolve(_ rawPath: String) -> Result<String, Rejection> {
        guard rawPath.hasPrefix("/") else { return .failure(.badRequest("the path must start with '/'")) }
        let lowered = rawPath.lowercased()
        if lowered.contains("%2f") || lowered.contains("%5c") { return .failure(.badRequest("encoded slashes are not allowed")) }
        if lowered.contains("%00") || rawPath.contains("\u{0}") { return .failure(.badRequest("NUL is not allowed")) }
        if rawPath.contains("\\") { return .failure(.badRequest("backslashes are not allowed")) }
        guard let decoded = percentDecoded(rawPath) else { return .failure(.badRequest("malformed percent escape")) }
        if decoded.contains("\\") || decoded.unicodeScalars.contains(where: { $0.value < 0x20 }) {
            return .failure(.badRequest("control characters and backslashes are not allowed"))
        }
        let segments = decoded.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        var kept: [Substring] = []
        for (index, segment) in segments.enumerated() {
            if segment == "." || segment == ".." { return .failure(.badRequest("'.' and '..' are not allowed")) }
            if segment.isEmpty && index != segments.count - 1 { return .failure(.badRequest("empty path segments are not allowed")) }
            if segment.hasPrefix(".") { return .failure(.badRequest("hidden files are not served")) }
            if !segment.isEmpty { kept.append(segment) }
        }
        var path = kept.joined(separator: "/")
        if decoded.hasSuffix("/") { path += path.isEmpty ? "index.html" : "/index.html" }
        return .success(path)
    }

    /// Decodes `%XX` escapes once; nil if an escape is malformed or the bytes are not UTF-8.
    static func percentDecoded(_ text: String) -> String? {
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else { return nil }
            bytes.append(high << 4 | low)
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
