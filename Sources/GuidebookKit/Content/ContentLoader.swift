import Foundation
import GuidebookMarkdown

/// The Load stage: walks content/ into pages and assets, reading front matter.
public struct LoadedContent: Sendable {
    public var pages: [SourcePage]
    public var assets: [ContentAsset]
    /// Content paths of draft pages left out of this build, so links to them can be told apart from broken ones.
    public var draftPaths: Set<String>
    public var diagnostics: [Diagnostic]
}

public enum ContentLoader {
    /// No guide page comes near this; a larger one is a mistake (a pasted export, a data dump),
    /// and would slow every build and every reader's browser.
    public static let maximumPageByteCount = 10_000_000

    /// `files` maps content-relative paths to their bytes (from disk, or from a test).
    /// `contentFolderName` is how the project root names the content folder, for diagnostics.
    public static func load(files: [String: Data], contentFolderName: String, includeDrafts: Bool) -> LoadedContent {
        var pages: [SourcePage] = []
        var assets: [ContentAsset] = []
        var diagnostics: [Diagnostic] = []
        var draftPaths: Set<String> = []
        var claimedOutputs: [String: String] = [:]
        @Sendable func sourcePath(of contentPath: String) -> String {
            contentFolderName.isEmpty ? contentPath : "\(contentFolderName)/\(contentPath)"
        }
        // Front matter is parsed in parallel (YAML is most of loading); the checks below stay in path order.
        let markdownPaths = files.keys.filter { $0.hasSuffix(".md") && files[$0]!.count <= maximumPageByteCount && !isPartial($0) }
        let parsedByPath = Dictionary(
            uniqueKeysWithValues: zip(
                markdownPaths,
                markdownPaths.concurrentMap { contentPath -> FrontMatterParser.Result? in
                    String(data: files[contentPath]!, encoding: .utf8).map { FrontMatterParser.parse($0, path: sourcePath(of: contentPath)) }
                }))
        // A file cannot have the same name as a folder of the site ('x.html' from x.md, and a folder x.html/).
        var siteFolders: [String: String] = [:]
        for contentPath in files.keys.sorted() where !isPartial(contentPath) {
            guard case .success(let outputPath) = OutputPath.map(contentPath: contentPath) else { continue }
            var folder = OutputPath.folder(of: outputPath)
            while !folder.isEmpty, siteFolders[folder.lowercased()] == nil {
                siteFolders[folder.lowercased()] = sourcePath(of: contentPath)
                folder = OutputPath.folder(of: folder)
            }
        }
        for contentPath in files.keys.sorted() where !isPartial(contentPath) {
            let sourcePath = sourcePath(of: contentPath)
            let outputPath: String
            switch OutputPath.map(contentPath: contentPath) {
            case .success(let path): outputPath = path
            case .failure(let error):
                diagnostics.append(
                    .error(
                        .unsafePath, "'\(error.segment)' is not a safe name for a web page or folder: \(error.reason)",
                        at: SourceLocation(path: sourcePath),
                        notes: ["rename it without control characters or '\\', and not starting with '.'; README 'URL mapping' gives the rule"]))
                continue
            }
            if let reason = ReservedOutput.reason(outputPath) {
                diagnostics.append(
                    .error(
                        .duplicateOutput, "'\(sourcePath)' would be written to '\(outputPath)', \(reason)",
                        at: SourceLocation(path: sourcePath), notes: ["rename the file or folder"]))
                continue
            }
            if let inside = siteFolders[outputPath.lowercased()] {
                diagnostics.append(
                    .error(
                        .duplicateOutput,
                        "'\(sourcePath)' would be written to '\(outputPath)', which is also the name of a folder of the site (holding '\(inside)')",
                        at: SourceLocation(path: sourcePath), notes: ["rename the file or the folder"]))
                continue
            }
            if let earlier = claimedOutputs[outputPath.lowercased()] {
                diagnostics.append(
                    .error(
                        .duplicateOutput, "'\(sourcePath)' and '\(earlier)' would both be written to '\(outputPath)'",
                        at: SourceLocation(path: sourcePath), notes: ["rename one of them"]))
                continue
            }
            claimedOutputs[outputPath.lowercased()] = sourcePath
            guard contentPath.hasSuffix(".md") else {
                assets.append(ContentAsset(sourcePath: sourcePath, contentPath: contentPath, outputPath: outputPath))
                continue
            }
            guard files[contentPath]!.count <= maximumPageByteCount else {
                diagnostics.append(
                    .error(
                        .tooLarge, "page is larger than \(maximumPageByteCount / 1_000_000) MB", at: SourceLocation(path: sourcePath),
                        notes: ["split it into several pages"]))
                continue
            }
            guard let parsed = parsedByPath[contentPath] ?? nil else {
                let (line, column) = UTF8Validation.firstInvalidPosition(in: files[contentPath]!)
                diagnostics.append(
                    .error(
                        .invalidEncoding, "file is not valid UTF-8", at: SourceLocation(path: sourcePath, line: line, column: column),
                        notes: ["save the file as UTF-8"]))
                continue
            }
            let titled = TitleFromHeading.apply(to: parsed)
            diagnostics += titled.diagnostics
            // A page with errors in its front matter is still a page, titled from its file name if need be:
            // links to it resolve instead of adding errors of their own. Its errors fail the build (unless
            // --keep-going). Front matter that is not YAML at all leaves no page.
            guard var frontMatter = titled.frontMatter else { continue }
            if frontMatter.title.isEmpty { frontMatter.title = PageTitle.fromFileName(contentPath) }
            if frontMatter.isDraft && !includeDrafts {
                draftPaths.insert(contentPath)
                continue
            }
            pages.append(
                SourcePage(
                    sourcePath: sourcePath, contentPath: contentPath, outputPath: outputPath,
                    frontMatter: frontMatter, body: titled.body, bodyFirstLine: titled.bodyFirstLine))
        }
        if files.keys.contains(where: { $0.hasSuffix(".md") }) == false {
            diagnostics.append(
                .error(
                    .emptyContent, "the content folder has no Markdown pages", at: SourceLocation(path: contentFolderName.isEmpty ? "." : contentFolderName),
                    notes: ["add at least \(contentFolderName)/index.md with a title"]))
        }
        pages += SectionIndexSynthesiser.missingIndexes(for: pages, contentFolderName: contentFolderName, diagnostics: &diagnostics)
        return LoadedContent(pages: pages, assets: assets, draftPaths: draftPaths, diagnostics: diagnostics)
    }
}

/// Files and folders whose names start with `_` are partials and snippets, as in Jekyll, Hugo and
/// Sass: kept for other files to use, never pages of their own, never published.
func isPartial(_ contentPath: String) -> Bool {
    contentPath.split(separator: "/").contains { $0.hasPrefix("_") }
}

/// Site paths Guidebook writes itself.
enum ReservedOutput {
    static let generatedPages = [
        "checklists.html": "My checklists", "search.html": "search", "tags.html": "tags",
        "status.html": "content status", "print.html": "print edition",
        "404.html": "page-not-found",
    ]

    static func reason(_ outputPath: String) -> String? {
        if outputPath == "assets" || outputPath.hasPrefix("assets/") { return "where the theme's assets go" }
        if outputPath == PrintEdition.sectionFolder || outputPath.hasPrefix(PrintEdition.sectionFolder + "/") {
            return "where the sections' print editions go"
        }
        return generatedPages[outputPath].map { "which is Guidebook's generated \($0) page" }
    }
}

enum UTF8Validation {
    /// Line and column (characters) of the first byte that is not valid UTF-8.
    static func firstInvalidPosition(in data: Data) -> (line: Int, column: Int) {
        var iterator = data.makeIterator()
        var decoder = UTF8()
        var line = 1, column = 1
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                if scalar == "\n" {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
            case .emptyInput, .error:
                return (line, column)
            }
        }
    }
}

/// Every folder with pages is a section and needs an index page; where index.md is missing,
/// one is made from the folder name (and a warning says so).
enum SectionIndexSynthesiser {
    static func missingIndexes(for pages: [SourcePage], contentFolderName: String, diagnostics: inout [Diagnostic]) -> [SourcePage] {
        let existing = Set(pages.filter(\.isSectionIndex).map(\.outputFolder))
        var needed: Set<String> = []
        for page in pages {
            var folder = page.isSectionIndex ? OutputPath.folder(of: page.outputFolder) : page.outputFolder
            if page.isSectionIndex && page.outputFolder.isEmpty { continue }
            while true {
                if !existing.contains(folder) { needed.insert(folder) }
                if folder.isEmpty { break }
                folder = OutputPath.folder(of: folder)
            }
        }
        return needed.sorted().map { folder in
            let contentFolder = folder.isEmpty ? contentFolderName : "\(contentFolderName)/\(folder)"
            diagnostics.append(
                .warning(
                    .missingSectionIndex, "folder has no index.md; Guidebook made a section page titled from the folder name",
                    at: SourceLocation(path: contentFolder), notes: ["add \(contentFolder)/index.md with a title and summary"]))
            let name = folder.split(separator: "/").last.map(String.init) ?? "Home"
            let title = name.replacingOccurrences(of: "-", with: " ").capitalisedFirstLetter
            let outputPath = folder.isEmpty ? "index.html" : "\(folder)/index.html"
            let contentPath = folder.isEmpty ? "index.md" : "\(folder)/index.md"
            return SourcePage(
                sourcePath: "\(contentFolder)/index.md", contentPath: contentPath, outputPath: outputPath,
                frontMatter: FrontMatter(title: title), body: "", bodyFirstLine: 1, isGenerated: true)
        }
    }
}

extension String {
    var capitalisedFirstLetter: String {
        guard let first else { return self }
        return first.uppercased() + dropFirst()
    }
}

/// Pages written for other tools title themselves with their first `# heading` (MkDocs, git hosts):
/// where front matter gives no title, that heading is the title; where it gives the same one, the
/// heading is the same title written twice. Either way it leaves the body, so the page has one h1.
enum TitleFromHeading {
    static func apply(to parsed: FrontMatterParser.Result) -> FrontMatterParser.Result {
        let onlyTitleMissing = !parsed.diagnostics.isEmpty && parsed.diagnostics.allSatisfy { $0.code == .missingTitle }
        guard onlyTitleMissing || (parsed.diagnostics.isEmpty && parsed.frontMatter != nil),
            parsed.body.utf8.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }) == UInt8(ascii: "#") || parsed.body.contains("\n="),
            let leading = MarkdownParser.leadingTitle(of: parsed.body)
        else { return parsed }
        var frontMatter = parsed.frontMatter ?? FrontMatter(title: "")
        if onlyTitleMissing {
            frontMatter.title = leading.title
        } else if frontMatter.title.lowercased().trimmingCharacters(in: " \t") != leading.title.lowercased() {
            return parsed
        }
        return FrontMatterParser.Result(frontMatter: frontMatter, body: leading.rest, bodyFirstLine: parsed.bodyFirstLine + leading.linesTaken, diagnostics: [])
    }
}

/// A title for a page that has none: its file name (its folder's, for an index page), with hyphens
/// and underscores as spaces and the first letter in capitals ("getting-started.md": "Getting started").
enum PageTitle {
    static func fromFileName(_ contentPath: String) -> String {
        var parts = contentPath.split(separator: "/").map(String.init)
        if parts.last?.lowercased() == "index.md", parts.count > 1 { parts.removeLast() }
        var name = parts.last ?? contentPath
        if name.lowercased().hasSuffix(".md") { name.removeLast(3) }
        let words = name.replacingOccurrences(of: "-", with: " ").replacingOccurrences(of: "_", with: " ").trimmingCharacters(in: .whitespaces)
        guard let first = words.first else { return "Home" }
        return first.uppercased() + words.dropFirst()
    }
}
