/// Prints diagnostics compiler style, one per line, with notes after:
/// `content/governance.md:12:7: error: link target 'governanse.md' does not exist [broken-link]`
public enum DiagnosticFormatter {
    /// Names in messages come from files and folders, which may hold any character: control
    /// characters are written as escapes, so a newline cannot split a message and an escape
    /// sequence cannot clear or recolour the editor's terminal.
    public static func format(_ diagnostic: Diagnostic) -> String {
        let prefix = diagnostic.location.map { "\($0.description.escapingControlCharacters()): " } ?? ""
        var lines = ["\(prefix)\(diagnostic.severity.rawValue): \(diagnostic.summary.escapingControlCharacters()) [\(diagnostic.code.rawValue)]"]
        for note in diagnostic.notes {
            // A note may span lines on purpose (an example to copy); nothing else is let through.
            lines.append("\(prefix)note: \(note.escapingControlCharacters(keepingNewlines: true))")
        }
        return lines.joined(separator: "\n")
    }

    /// Sorted by place so the output reads top to bottom through each file.
    public static func format(_ diagnostics: [Diagnostic]) -> String {
        sorted(diagnostics).map(format).joined(separator: "\n")
    }

    /// For a person at a terminal, where a migrated guide may have thousands of problems: the first
    /// `limit` by place (nil: all), each note printed only the first time it is given for its code,
    /// then how many were left out and the count for each code.
    public static func report(_ diagnostics: [Diagnostic], limit: Int?) -> String {
        let ordered = sorted(diagnostics)
        let shown = limit.map { Array(ordered.prefix($0)) } ?? ordered
        var notesGiven: Set<[String]> = []
        var lines = shown.map { diagnostic in
            var brief = diagnostic
            brief.notes = diagnostic.notes.filter { notesGiven.insert([diagnostic.code.rawValue, $0]).inserted }
            return format(brief)
        }
        if shown.count < ordered.count {
            lines.append("... \(ordered.count - shown.count) more not shown (--max-errors 0 shows them all)")
        }
        if ordered.count > 1 { lines.append(totals(ordered)) }
        return lines.joined(separator: "\n")
    }

    /// `by code: 7 broken-link (errors), 1 heading-level (warning)`, most frequent first.
    static func totals(_ diagnostics: [Diagnostic]) -> String {
        var counts: [DiagnosticCode: (errors: Int, warnings: Int)] = [:]
        for diagnostic in diagnostics {
            var count = counts[diagnostic.code] ?? (0, 0)
            if diagnostic.isError { count.errors += 1 } else { count.warnings += 1 }
            counts[diagnostic.code] = count
        }
        let parts = counts.sorted { ($0.value.errors + $0.value.warnings, $1.key.rawValue) > ($1.value.errors + $1.value.warnings, $0.key.rawValue) }
            .map { code, count in
                [
                    count.errors > 0 ? "\(count.errors) \(count.errors == 1 ? "error" : "errors")" : nil,
                    count.warnings > 0 ? "\(count.warnings) \(count.warnings == 1 ? "warning" : "warnings")" : nil,
                ]
                .compactMap { $0 }.joined(separator: " and ") + " [\(code.rawValue)]"
            }
        return "by code: " + parts.joined(separator: ", ")
    }

    public static func sorted(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.enumerated().sorted { lhs, rhs in
            switch (lhs.element.location, rhs.element.location) {
            case (let left?, let right?) where left != right: return left < right
            case (nil, _?): return true
            case (_?, nil): return false
            default: return lhs.offset < rhs.offset
            }
        }.map(\.element)
    }
}

extension String {
    /// `\n`, `\t`, `\r` and `\u{1B}` for control characters, so the text prints on one line as it is.
    public func escapingControlCharacters(keepingNewlines: Bool = false) -> String {
        guard unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else { return self }
        var result = ""
        for scalar in unicodeScalars {
            switch scalar {
            case "\n" where keepingNewlines: result.append("\n")
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            case _ where scalar.properties.generalCategory == .control:
                result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
