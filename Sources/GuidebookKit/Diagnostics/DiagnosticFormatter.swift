/// Prints diagnostics compiler style, one per line, with notes after:
/// `content/governance.md:12:7: error: link target 'governanse.md' does not exist [broken-link]`
public enum DiagnosticFormatter {
    public static func format(_ diagnostic: Diagnostic) -> String {
        let prefix = diagnostic.location.map { "\($0): " } ?? ""
        var lines = ["\(prefix)\(diagnostic.severity.rawValue): \(diagnostic.summary) [\(diagnostic.code.rawValue)]"]
        for note in diagnostic.notes {
            lines.append("\(prefix)note: \(note)")
        }
        return lines.joined(separator: "\n")
    }

    /// Sorted by place so the output reads top to bottom through each file.
    public static func format(_ diagnostics: [Diagnostic]) -> String {
        sorted(diagnostics).map(format).joined(separator: "\n")
    }

    public static func sorted(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.enumerated().sorted { lhs, rhs in
            switch (lhs.element.location, rhs.element.location) {
            case let (left?, right?) where left != right: return left < right
            case (nil, _?): return true
            case (_?, nil): return false
            default: return lhs.offset < rhs.offset
            }
        }.map(\.element)
    }
}
