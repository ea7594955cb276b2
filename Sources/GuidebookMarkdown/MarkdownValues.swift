/// A place in a Markdown body: 1-based line, and 1-based column counted in UTF-8 bytes as cmark reports it.
/// GuidebookKit turns it into an editor column (characters) against the source line.
public struct MarkdownPosition: Sendable, Hashable {
    public var line: Int
    public var utf8Column: Int

    public init(line: Int, utf8Column: Int) {
        self.line = line
        self.utf8Column = utf8Column
    }
}

public struct MarkdownHeading: Sendable, Hashable {
    public var level: Int
    public var text: String
    /// Unique within the document; see `HeadingIDGenerator`.
    public var id: String
    public var position: MarkdownPosition
}

public struct MarkdownLink: Sendable, Hashable {
    public enum Kind: Sendable, Hashable { case link, image }
    public var kind: Kind
    public var destination: String
    public var text: String
    public var position: MarkdownPosition

    public init(kind: Kind, destination: String, text: String, position: MarkdownPosition) {
        self.kind = kind
        self.destination = destination
        self.text = text
        self.position = position
    }
}

public struct MarkdownTaskItem: Sendable, Hashable {
    public var text: String
    public var isChecked: Bool
    public var position: MarkdownPosition
}

/// One GFM task list: consecutive task items in one list, named by the nearest heading above it.
public struct MarkdownTaskList: Sendable, Hashable {
    public var heading: MarkdownHeading?
    public var items: [MarkdownTaskItem]
    public var position: MarkdownPosition
}

/// The text of a page between two H2/H3 headings: the unit search results point at.
public struct MarkdownSection: Sendable, Hashable {
    /// The H2/H3 heading that opens the section; nil for the text before the first one.
    public var heading: MarkdownHeading?
    /// Plain text as a reader sees it (no Markdown syntax), including deeper headings.
    public var text: String
}

/// Markup in a body that is not Markdown, and where it is: raw HTML that is more than comments (for
/// the warning that it is not shown unless the guide allows it), or another tool's template tag.
public struct MarkdownRawHTML: Sendable, Hashable {
    public var text: String
    public var position: MarkdownPosition
}

/// What the later stages need to know about a body before any page is rendered.
public struct MarkdownOutline: Sendable, Hashable {
    public var headings: [MarkdownHeading]
    public var links: [MarkdownLink]
    public var taskLists: [MarkdownTaskList]
    public var sections: [MarkdownSection]
    public var rawHTML: [MarkdownRawHTML] = []
    /// Where `<!--` starts a comment that is never closed: to Markdown that is text, shown to
    /// readers, though its writer meant it hidden.
    public var unclosedComments: [MarkdownPosition] = []
    /// Where running text holds another tool's template syntax (`{{ }}`, `{% %}`, `<% %>`): a
    /// shortcode, Liquid or ERB tag that Guidebook would show as it is.
    public var templateSyntax: [MarkdownRawHTML] = []

    /// The whole body as plain text.
    public var plainText: String { sections.map(\.text).joined(separator: "\n") }
}
