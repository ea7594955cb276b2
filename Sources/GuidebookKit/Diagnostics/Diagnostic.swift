/// A place in a project file: path relative to the project root, 1-based line and column
/// (columns count characters as an editor shows them).
public struct SourceLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var path: String
    public var line: Int
    public var column: Int

    public init(path: String, line: Int = 1, column: Int = 1) {
        self.path = path
        self.line = max(1, line)
        self.column = max(1, column)
    }

    public var description: String { "\(path):\(line):\(column)" }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.path, lhs.line, lhs.column) < (rhs.path, rhs.line, rhs.column)
    }
}

/// A problem in the content, the configuration or the theme. Collected, never thrown,
/// so that one build reports every problem.
public struct Diagnostic: Sendable, Hashable {
    public enum Severity: String, Sendable, Hashable {
        case error, warning
    }

    public var severity: Severity
    public var code: DiagnosticCode
    public var summary: String
    public var location: SourceLocation?
    /// Extra lines printed after the diagnostic, usually a fix ("did you mean 'governance.md'?").
    public var notes: [String]

    public init(_ severity: Severity, _ code: DiagnosticCode, _ summary: String, at location: SourceLocation?, notes: [String] = []) {
        self.severity = severity
        self.code = code
        self.summary = summary
        self.location = location
        self.notes = notes
    }

    public static func error(_ code: DiagnosticCode, _ summary: String, at location: SourceLocation?, notes: [String] = []) -> Diagnostic {
        Diagnostic(.error, code, summary, at: location, notes: notes)
    }

    public static func warning(_ code: DiagnosticCode, _ summary: String, at location: SourceLocation?, notes: [String] = []) -> Diagnostic {
        Diagnostic(.warning, code, summary, at: location, notes: notes)
    }

    public var isError: Bool { severity == .error }
}

/// Stable, documented codes (README "Diagnostics"). Tests and editors match on these.
public enum DiagnosticCode: String, Sendable, Hashable, CaseIterable {
    case unclosedFrontMatter = "unclosed-front-matter"
    case invalidFrontMatter = "invalid-front-matter"
    case missingTitle = "missing-title"
    case invalidEncoding = "invalid-encoding"
    case duplicateOutput = "duplicate-output"
    case unsafePath = "unsafe-path"
    case emptyContent = "empty-content"
    case invalidConfiguration = "invalid-configuration"
    case unknownTheme = "unknown-theme"
    case templateError = "template-error"
    case externalResource = "external-resource"
    case brokenLink = "broken-link"
    case unknownAnchor = "unknown-anchor"
    case absoluteLink = "absolute-link"
    case draftLink = "draft-link"
    case headingLevel = "heading-level"
    case missingSectionIndex = "missing-section-index"
    case searchLanguage = "search-language"
    case unusedSynonym = "unused-synonym"
    case unusedFile = "unused-file"
    case overdueReview = "overdue-review"
    case unreadableFile = "unreadable-file"
    case tooLarge = "too-large"
    case rawHTML = "raw-html"
    case linkForm = "link-form"
    case templateSyntax = "template-syntax"
    // What `guidebook import` could not carry over (`ImportWarning`).
    case importShortcode = "import-shortcode"
    case importLiquid = "import-liquid"
    case importERB = "import-erb"
    case importAdmonition = "import-admonition"
    case importInclude = "import-include"
    case importNavigation = "import-navigation"
    case importFrontMatter = "import-front-matter"
    case importLink = "import-link"
    case importFile = "import-file"
}
