/// A Markdown page as loaded: where it came from, where it goes, its front matter and body.
public struct SourcePage: Sendable, Hashable {
    /// Relative to the project root, for diagnostics: `content/a/b.md`.
    public var sourcePath: String
    /// Relative to the content folder: `a/b.md`.
    public var contentPath: String
    /// Relative to the output folder: `a/b.html`.
    public var outputPath: String
    public var frontMatter: FrontMatter
    public var body: String
    /// File line of the body's first line.
    public var bodyFirstLine: Int
    /// A section index Guidebook made for a folder that has no index.md.
    public var isGenerated: Bool

    public init(
        sourcePath: String, contentPath: String, outputPath: String, frontMatter: FrontMatter,
        body: String, bodyFirstLine: Int, isGenerated: Bool = false
    ) {
        self.sourcePath = sourcePath
        self.contentPath = contentPath
        self.outputPath = outputPath
        self.frontMatter = frontMatter
        self.body = body
        self.bodyFirstLine = bodyFirstLine
        self.isGenerated = isGenerated
    }

    public var isSectionIndex: Bool { outputPath == "index.html" || outputPath.hasSuffix("/index.html") }

    /// The output folder this page lives in ("" for the root): the section it belongs to,
    /// or for an index page, the section it introduces.
    public var outputFolder: String { OutputPath.folder(of: outputPath) }
}

/// A file under content/ that is not Markdown (an image, a PDF), copied to the same place in the site.
public struct ContentAsset: Sendable, Hashable {
    public var sourcePath: String
    public var contentPath: String
    public var outputPath: String
}
