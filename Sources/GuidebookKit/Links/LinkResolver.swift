import Foundation
import GuidebookMarkdown

/// The Link stage's lookups: every page by content path, every heading id, every asset.
public struct LinkTable: Sendable {
    let pageByContentPath: [String: Int]
    let pageByOutputPath: [String: Int]
    let headingIDs: [Set<String>]
    let assetOutputByContentPath: [String: String]
    let draftPaths: Set<String>
    /// Every page's and file's content path, for "did you mean" (built once, asked for each broken link).
    let targetNames: NameIndex

    public init(pages: [SourcePage], outlines: [MarkdownOutline], assets: [ContentAsset], draftPaths: Set<String>) {
        var byContent: [String: Int] = [:], byOutput: [String: Int] = [:]
        for (index, page) in pages.enumerated() {
            byContent[page.contentPath] = index
            byOutput[page.outputPath] = index
        }
        pageByContentPath = byContent
        pageByOutputPath = byOutput
        headingIDs = outlines.map { Set($0.headings.map(\.id)) }
        assetOutputByContentPath = Dictionary(assets.map { ($0.contentPath, $0.outputPath) }, uniquingKeysWith: { first, _ in first })
        self.draftPaths = draftPaths
        targetNames = NameIndex(pages.map(\.contentPath) + assets.map(\.contentPath))
    }
}

/// What to do with one link written in a page.
public enum LinkResolution: Sendable, Equatable {
    /// Write this URL instead (relative, ending in a file name).
    case rewrite(String)
    /// Leave it as written (external links, same-page anchors that exist).
    case keep
}

/// A link resolved: what to write, what it points at inside the guide, and any problem with it.
public struct ResolvedLink: Sendable {
    public var resolution: LinkResolution
    public var targetPage: Int?
    /// Content path of the file under content/ it points at (an image, a PDF).
    public var targetAsset: String?
    public var problem: Diagnostic?
}

/// Resolves editors' links (relative paths to .md files and content files) to site URLs,
/// with a located diagnostic for each that cannot work.
public struct LinkResolver: Sendable {
    let table: LinkTable
    let pages: [SourcePage]

    public init(table: LinkTable, pages: [SourcePage]) {
        self.table = table
        self.pages = pages
    }

    public func resolve(_ link: MarkdownLink, onPage pageIndex: Int, at location: SourceLocation) -> ResolvedLink {
        let (resolution, problem, target) = classify(link, onPage: pageIndex, at: location)
        var resolved = ResolvedLink(resolution: resolution, targetPage: nil, targetAsset: nil, problem: problem)
        switch target {
        case .page(let index): resolved.targetPage = index
        case .asset(let path): resolved.targetAsset = path
        case .draft, nil: break
        }
        return resolved
    }

    private enum Target {
        case page(Int)
        case asset(String)
        case draft(String)
    }

    private func classify(_ link: MarkdownLink, onPage pageIndex: Int, at location: SourceLocation) -> (LinkResolution, Diagnostic?, Target?) {
        let page = pages[pageIndex]
        let destination = link.destination
        let what = link.kind == .image ? "image" : "link"
        if destination.isEmpty {
            return (.keep, .error(.brokenLink, "\(what) has no target", at: location, notes: ["write the path to a page, such as '../governance.md'"]), nil)
        }
        if destination.hasPrefix("#") {
            let (fragment, problem) = resolveAnchor(String(destination.dropFirst()), onPage: pageIndex, at: location)
            return ("#" + fragment == destination ? .keep : .rewrite("#" + fragment), problem, nil)
        }
        if let scheme = Self.scheme(of: destination) {
            if link.kind == .image, ["http", "https", "ftp"].contains(scheme) {
                return (
                    .keep,
                    .error(
                        .externalResource, "image '\(destination)' is outside the guide; the site must not load anything from outside",
                        at: location, notes: ["save the image under content/ and link to it by a relative path"]), nil
                )
            }
            return (.keep, nil, nil)
        }
        if destination.hasPrefix("//") {
            return (
                .keep,
                .error(
                    .externalResource, "'\(destination)' points outside the guide without a scheme", at: location,
                    notes: ["write the full address, such as 'https:\(destination)'"]), nil
            )
        }
        let (pathPart, fragment) = Self.split(destination)
        let decodedPath = pathPart.removingPercentEncodingIfPossible
        // Written from the site's root, as other tools let editors write: resolved from content/.
        let isRootAbsolute = decodedPath.hasPrefix("/")
        let base = isRootAbsolute ? "" : OutputPath.folder(of: page.contentPath)
        guard let targetPath = Self.normalise(decodedPath, relativeTo: base) else {
            return (.keep, .error(.brokenLink, "\(what) target '\(destination)' is outside the content folder", at: location), nil)
        }
        var anchor = fragment.map { "#\($0)" } ?? ""
        guard let (target, form) = find(targetPath, written: decodedPath) else {
            return (.keep, missingTargetProblem(decodedPath, resolved: targetPath, from: page, what: what, at: location), nil)
        }
        switch target {
        case .page(let targetIndex):
            let url = OutputPath.relativeURL(from: page.outputPath, to: pages[targetIndex].outputPath)
            let resolvedAnchor = fragment.map { resolveAnchor($0, onPage: targetIndex, at: location) }
            if let resolvedAnchor { anchor = "#" + resolvedAnchor.fragment }
            let problem =
                resolvedAnchor?.problem
                ?? formProblem(
                    decodedPath, form: form, isRootAbsolute: isRootAbsolute, source: pages[targetIndex].contentPath, from: page, anchor: anchor, at: location)
            return (.rewrite(url + anchor), problem, target)
        case .asset(let assetPath):
            let url = OutputPath.relativeURL(from: page.outputPath, to: table.assetOutputByContentPath[assetPath]!)
            return (
                .rewrite(url + anchor),
                formProblem(decodedPath, form: form, isRootAbsolute: isRootAbsolute, source: assetPath, from: page, anchor: anchor, at: location), target
            )
        case .draft(let draftPath):
            let output = (try? OutputPath.map(contentPath: draftPath).get()) ?? draftPath
            return (
                .rewrite(OutputPath.relativeURL(from: page.outputPath, to: output) + anchor),
                .warning(
                    .draftLink, "link to draft page '\(decodedPath)', which is left out of this build", at: location,
                    notes: ["publish the page (remove 'draft: true') or remove the link"]), nil
            )
        }
    }

    /// How a link names its target: as the source file (`governance.md`), or as other tools write
    /// it: the page's web name (`governance.html`) or its folder (`../governance/`, a "pretty URL").
    private enum Form { case source, webName, folder }

    /// The page, file or draft a content path names, in any of the forms; nil when there is none.
    private func find(_ path: String, written: String) -> (Target, Form)? {
        if let index = table.pageByContentPath[path] { return (.page(index), .source) }
        if table.draftPaths.contains(path) { return (.draft(path), .source) }
        if table.assetOutputByContentPath[path] != nil { return (.asset(path), .source) }
        if let index = table.pageByOutputPath[path] { return (.page(index), .webName) }
        let folder = path.isEmpty ? "" : path + "/"
        let isFolderForm = written.hasSuffix("/") || written.isEmpty || !(path.split(separator: "/").last ?? "").contains(".")
        guard isFolderForm else { return nil }
        for candidate in [path + ".md", folder + "index.md", folder + "README.md", folder + "_index.md"] {
            if let index = table.pageByContentPath[candidate] { return (.page(index), .folder) }
        }
        return nil
    }

    /// A warning for a link that works but is not written as a path to the source file: it would
    /// not work in a git host's preview, or from disk under another folder.
    private func formProblem(
        _ written: String, form: Form, isRootAbsolute: Bool, source: String, from page: SourcePage, anchor: String,
        at location: SourceLocation
    ) -> Diagnostic? {
        guard form != .source || isRootAbsolute else { return nil }
        let relative = OutputPath.relativeURL(from: page.contentPath, to: source) + anchor
        if isRootAbsolute {
            return .warning(
                .absoluteLink, "link '\(written)' is written from the site's root; Guidebook made it relative", at: location,
                notes: ["write '\(relative)', so it works opened from disk, under any web folder and in git previews"])
        }
        let named = form == .webName ? "the page's web name" : "a folder, as a web address"
        return .warning(
            .linkForm, "link '\(written)' names \(named); Guidebook linked it to '\(relative)'", at: location,
            notes: ["write '\(relative)', so it also works in git previews"])
    }

    /// The fragment to write for a link's anchor, and any problem with it. An anchor written as
    /// another tool makes heading ids (`#docs_dir`, `#A - b`) whose Guidebook form exists
    /// (`#docs-dir`) is linked to it, with a warning; one that matches no heading is an error.
    private func resolveAnchor(_ anchor: String, onPage pageIndex: Int, at location: SourceLocation) -> (fragment: String, problem: Diagnostic?) {
        let ids = table.headingIDs[pageIndex]
        let decoded = anchor.removingPercentEncodingIfPossible
        if ids.contains(decoded) { return (anchor, nil) }
        let guidebookForm = HeadingIDGenerator.slug(decoded)
        if guidebookForm != decoded, ids.contains(guidebookForm) {
            return (
                guidebookForm,
                .warning(
                    .linkForm, "heading '#\(decoded)' is written as another tool makes ids; Guidebook's id for it is '#\(guidebookForm)'",
                    at: location, notes: ["write '#\(guidebookForm)', or give the heading its own id: '## Heading {#\(decoded)}'"])
            )
        }
        var notes: [String] = []
        if let near = NearestName.find(decoded, among: Array(ids)) { notes.append("did you mean '#\(near)'?") }
        return (anchor, .error(.unknownAnchor, "heading '#\(decoded)' does not exist on '\(pages[pageIndex].sourcePath)'", at: location, notes: notes))
    }

    /// A broken link's diagnostic, with a suggestion only of targets that exist.
    private func missingTargetProblem(_ written: String, resolved: String, from page: SourcePage, what: String, at location: SourceLocation) -> Diagnostic {
        var notes: [String] = []
        if let near = table.targetNames.nearest(to: resolved) {
            notes.append("did you mean '\(OutputPath.relativeURL(from: page.contentPath, to: near))'?")
        }
        return .error(.brokenLink, "\(what) target '\(written)' does not exist", at: location, notes: notes)
    }

    /// A URL scheme such as `https` or `mailto`, if the destination has one.
    static func scheme(of destination: String) -> String? {
        guard let colon = destination.firstIndex(of: ":") else { return nil }
        let scheme = destination[..<colon]
        guard let first = scheme.first, first.isASCII, first.isLetter,
            scheme.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) })
        else { return nil }
        return scheme.lowercased()
    }

    /// Path and fragment; a query (before the fragment) is dropped. Searched as bytes, as every
    /// link passes through here.
    static func split(_ destination: String) -> (path: String, fragment: String?) {
        let bytes = destination.utf8
        let hash = bytes.firstIndex(of: UInt8(ascii: "#"))
        let beforeFragment = bytes[..<(hash ?? bytes.endIndex)]
        let pathEnd = beforeFragment.firstIndex(of: UInt8(ascii: "?")) ?? beforeFragment.endIndex
        let path = String(destination[..<pathEnd])
        guard let hash else { return (path, nil) }
        let fragment = String(destination[bytes.index(after: hash)...])
        return (path, fragment.isEmpty ? nil : fragment)
    }

    /// Resolves `a/../b` against a folder; nil if it climbs above the content root.
    static func normalise(_ path: String, relativeTo folder: String) -> String? {
        var segments = folder.isEmpty ? [] : folder.split(separator: "/").map(String.init)
        for segment in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch segment {
            case ".": continue
            case "..":
                guard !segments.isEmpty else { return nil }
                segments.removeLast()
            default: segments.append(String(segment))
            }
        }
        return segments.joined(separator: "/")
    }
}
