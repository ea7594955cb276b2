/// Turns positions counted in UTF-8 bytes (cmark) into the columns an editor shows.
struct SourceText: Sendable {
    private let lines: [Substring]

    init(_ text: String) {
        // Split at "\n" bytes, not Characters: in a Windows file "\r\n" is one Character.
        lines = text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).map { Substring($0) }
    }

    /// `line` is 1-based in this text; `utf8Column` is 1-based in bytes.
    func characterColumn(line: Int, utf8Column: Int) -> Int {
        guard line >= 1, line <= lines.count, utf8Column > 1 else { return max(1, utf8Column) }
        let utf8 = lines[line - 1].utf8
        let byteOffset = min(utf8Column - 1, utf8.count)
        let end = utf8.index(utf8.startIndex, offsetBy: byteOffset)
        return lines[line - 1][..<end].count + 1
    }
}
