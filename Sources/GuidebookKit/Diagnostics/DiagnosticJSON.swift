import Foundation

/// Diagnostics as a JSON array for CI tools: file, line, column, severity, message, code, notes.
public enum DiagnosticJSON {
    struct Entry: Encodable {
        var file: String?
        var line: Int?
        var column: Int?
        var severity: String
        var message: String
        var code: String
        var notes: [String]
    }

    public static func encode(_ diagnostics: [Diagnostic]) -> String {
        let entries = DiagnosticFormatter.sorted(diagnostics).map {
            Entry(
                file: $0.location?.path, line: $0.location?.line, column: $0.location?.column, severity: $0.severity.rawValue,
                message: $0.summary, code: $0.code.rawValue, notes: $0.notes)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(entries)) ?? Data("[]".utf8), as: UTF8.self)
    }
}
