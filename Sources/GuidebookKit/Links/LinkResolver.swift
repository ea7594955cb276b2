import Foundation
import GuidebookMarkdown

/// The Link stage's lookups: every page by content path, every heading id, every asset.
public struct LinkTable: Sendable {
    let pageByContentPath: [String: Int]
    let pageByOutputPath: [String: Int]
    let headingIDs: [Set<String>]
    let assetOutputByContentPath: [String: String]
    let draftPaths: Set<String>

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
        case nil: break
        }
        return resolved
    }

    private enum Target { case page(Int), asset(String) }

    private func classify(_ link: MarkdownLink, onPage pageIndex: Int, at location: SourceLocation) -> (LinkResolution, Diagnostic?, Target?) {
        let page = pages[pageIndex]
        let destination = link.destination
        let what = link.kind == .image ? "image" : "link"
        if destination.isEmpty {
            return (.keep, .error(.brokenLink, "\(what) has no target", at: location, notes: ["write the path to a page, such as '../governance.md'"]), nil)
        }
        if destination.hasPrefix("#") {
            return (.keep, anchorProblem(String(destination.dropFirst()), onPage: pageIndex, at: location), nil)
        }
        if let scheme = Self.scheme(of: destination) {
            if link.kind == .image, ["http", "https", "ftp"].contains(scheme) {
                return (.keep, .error(.externalResource, "image '\(destination)' is outside the guide; the site must not load anything from outside",
                                      at: location, notes: ["save the image under content/ and link to it by a relative path"]), nil)
            }
            return (.keep, nil, nil)
        }
        if destination.hasPrefix("//") {
            return (.keep, .error(.externalResource, "'\(destination)' points outside the guide without a scheme", at: location,
                                  notes: ["write the full address, such as 'https:\(destination)'"]), nil)
        }
        let (pathPart, fragment) = Self.split(destination)
        let decodedPath = pathPart.removingPercentEncodingIfPossible
        if decodedPath.hasPrefix("/") {
            return (.keep, absolutePathProblem(decodedPath, from: page, at: location), nil)
        }
        let base = OutputPath.folder(of: page.contentPath)
        guard let targetPath = Self.normalise(decodedPath, relativeTo: base) else {
            return (.keep, .error(.brokenLink, "\(what) target '\(destination)' is outside the content folder", at: location), nil)
        }
        if let targetIndex = table.pageByContentPath[targetPath] ?? table.pageByOutputPath[targetPath] {
            let url = OutputPath.relativeURL(from: page.outputPath, to: pages[targetIndex].outputPath)
            let problem = fragment.flatMap { anchorProblem($0, onPage: targetIndex, at: location) }
            return (.rewrite(url + (fragment.map { "#\($0)" } ?? "")), problem, .page(targetIndex))
        }
        if table.draftPaths.contains(targetPath), let output = try? OutputPath.map(contentPath: targetPath).get() {
            let url = OutputPath.relativeURL(from: page.outputPath, to: output)
            return (.rewrite(url + (fragment.map { "#\($0)" } ?? "")),
                    .warning(.draftLink, "link to draft page '\(decodedPath)', which is left out of this build", at: location,
                             notes: ["publish the page (remove 'draft: true') or remove the link"]), nil)
        }
        if let asset = table.assetOutputByContentPath[targetPath] {
            let url = OutputPath.relativeURL(from: page.outputPath, to: asset)
            return (.rewrite(url + (fragment.map { "#\($0)" } ?? "")), nil, .asset(targetPath))
        }
        return (.keep, missingTargetProblem(decodedPath, resolved: targetPath, from: page, what: what, at: location), nil)
    }

    private func anchorProblem(_ anchor: String, onPage pageIndex: Int, at location: SourceLocation) -> Diagnostic? {
        let ids = table.headingIDs[pageIndex]
        let decoded = anchor.removingPercentEncodingIfPossible
        guard !ids.contains(decoded) else { return nil }
        var notes: [String] = []
        if let near = NearestName.find(decoded, among: Array(ids)) { notes.append("did you mean '#\(near)'?") }
        return .error(.unknownAnchor, "heading '#\(decoded)' does not exist on '\(pages[pageIndex].sourcePath)'", at: location, notes: notes)
    }

    private func absolutePathProblem(_ path: String, from page: SourcePage, at location: SourceLocation) -> Diagnostic {
        var notes = ["links must be relative so the guide works opened from disk and under any web folder"]
        let trimmed = String(path.drop { $0 == "/" })
        let candidates = [trimmed, trimmed.replacingOccurrences(of: ".html", with: ".md")]
        if let target = candidates.lazy.compactMap({ self.table.pageByContentPath[$0] }).first {
            let relative = OutputPath.relativeURL(from: page.contentPath, to: pages[target].contentPath)
            notes.insert("write '\(relative)' instead", at: 0)
        }
        return .error(.absoluteLink, "link '\(path)' is an absolute site path", at: location, notes: notes)
    }

    private func missingTargetProblem(_ written: String, resolved: String, from page: SourcePage, what: String, at location: SourceLocation) -> Diagnostic {
        var notes: [String] = []
        if written.hasSuffix("/") || table.pageByContentPath[resolved + "/index.md"] != nil || table.pageByContentPath[resolved.isEmpty ? "index.md" : resolved + "index.md"] != nil {
            notes.append("link to the section's page, '\(written.hasSuffix("/") ? written : written + "/")index.md'")
        } else {
            let all = Array(table.pageByContentPath.keys) + Array(table.assetOutputByContentPath.keys)
            if let near = NearestName.find(resolved, among: all) {
                notes.append("did you mean '\(OutputPath.relativeURL(from: page.contentPath, to: near))'?")
            }
        }
        return .error(.brokenLink, "\(what) target '\(written)' does not exist", at: location, notes: notes)
    }

    /// A URL scheme such as `https` or `mailto`, if the destination has one.
    static func scheme(of destination: String) -> String? {
        guard let colon = destination.firstIndex(of: ":") else { return nil }
        let scheme = destination[..<colon]
        guard let first = scheme.first, first.isASCII, first.isLetter,
              scheme.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }) else { return nil }
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
