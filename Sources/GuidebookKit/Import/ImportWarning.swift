/// Something `guidebook import` found in a page and could not carry over, at its place in the
/// source file (path relative to the source folder). Printed compiler style like a `Diagnostic`:
/// `docs/x.md:12:3: warning: Hugo shortcode 'tabs' was not converted [import-shortcode]`.
public struct ImportWarning: Sendable, Hashable, Comparable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable {
        case shortcode = "import-shortcode"
        case liquid = "import-liquid"
        case erb = "import-erb"
        case admonition = "import-admonition"
        case include = "import-include"
        case navigation = "import-navigation"
        case frontMatter = "import-front-matter"
        case link = "import-link"
        case file = "import-file"
    }

    public var code: Code
    public var summary: String
    public var location: SourceLocation

    public init(_ code: Code, _ summary: String, at location: SourceLocation) {
        self.code = code
        self.summary = summary
        self.location = location
    }

    /// The warning as a diagnostic, for the commands' printer (limits, totals by code).
    public var diagnostic: Diagnostic {
        guard let diagnosticCode = DiagnosticCode(rawValue: code.rawValue) else { preconditionFailure("every import code is a diagnostic code") }
        return .warning(diagnosticCode, summary, at: location)
    }

    public var description: String {
        "\(location.description.escapingControlCharacters()): warning: \(summary.escapingControlCharacters()) [\(code.rawValue)]"
    }

    public static func < (lhs: ImportWarning, rhs: ImportWarning) -> Bool {
        (lhs.location, lhs.code.rawValue, lhs.summary) < (rhs.location, rhs.code.rawValue, rhs.summary)
    }
}
