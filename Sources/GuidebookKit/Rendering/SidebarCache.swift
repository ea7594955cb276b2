import Mustache

/// The theme's `sidebar` template rendered once per folder and navigation state instead of once per
/// page: the pages of a section show nearly the same sidebar, and rendering it for each would be
/// most of the Render stage. Pages in one folder with the same expanded sections share the same
/// relative URLs and items; only which item is current differs. So the shared rendering marks each
/// item's `{{#isCurrent}}…{{/isCurrent}}` output with the item's page number, and each page keeps
/// the marked text of its own item and drops the others.
struct SidebarCache: Sendable {
    static let templateName = "sidebar"
    // Noncharacters: never in a page title (the cache is not used if one is), never in a template.
    static let open = Unicode.Scalar(0xFDD0 as UInt32)!, close = Unicode.Scalar(0xFDD1 as UInt32)!, end = Unicode.Scalar(0xFDD2 as UInt32)!

    private let shared: [String: [Piece]]
    private let keys: [String]

    /// A run of the shared rendering, and the pages that must be current for it to show (none: always).
    struct Piece: Sendable {
        var text: String
        var onlyFor: [Int]
    }

    /// nil when the theme has no sidebar template or a title contains the markers.
    init?(tree: SiteTree, theme: Theme, contexts: PageContextBuilder) {
        guard theme.templates.getTemplate(named: Self.templateName) != nil,
            !tree.pages.contains(where: { $0.frontMatter.title.unicodeScalars.contains { (Self.open...Self.end).contains($0) } })
        else { return nil }
        let keys = tree.pages.indices.map { Self.key(for: $0, in: tree) }
        var representative: [String: Int] = [:]
        for (page, key) in keys.enumerated() where representative[key] == nil { representative[key] = page }
        let rendered = representative.sorted { $0.key < $1.key }.concurrentMap { key, page in
            (key, theme.templates.render(contexts.sidebarContext(for: page, markingCurrent: true), withTemplate: Self.templateName) ?? "")
        }
        shared = Dictionary(uniqueKeysWithValues: rendered.map { ($0.0, Self.pieces($0.1)) })
        self.keys = keys
    }

    /// Pages with the same key show the same sidebar but for the current item: the same folder
    /// (so the same relative URLs), the same expanded sections, and the same part of each long list.
    static func key(for page: Int, in tree: SiteTree) -> String {
        let path = tree.pages[page].outputPath
        let folder = OutputPath.folder(of: path)
        let onPath = tree.ancestors(of: page) + [page]
        let expanded = onPath.filter { !tree.children[$0].isEmpty }
        let pathSet = Set(onPath)
        let windows = ([tree.root] + expanded).map { parent -> String in
            tree.children[parent].count > SiteTree.sidebarListLimit ? String(tree.sidebarWindow(under: parent, along: pathSet).lowerBound) : ""
        }
        return folder + "\n" + expanded.map(String.init).joined(separator: ",") + "\n" + windows.joined(separator: ",")
    }

    func sidebar(for page: Int) -> String {
        Self.join(shared[keys[page]] ?? [], current: page)
    }

    /// The runs that show on `current`'s page, in order.
    static func join(_ pieces: [Piece], current: Int) -> String {
        var result = ""
        for piece in pieces where piece.onlyFor.allSatisfy({ $0 == current }) {
            result += piece.text
        }
        return result
    }

    /// Cuts a marked rendering at its markers, once per shared sidebar, so each page only joins runs.
    static func pieces(_ marked: String) -> [Piece] {
        var pieces: [Piece] = []
        var current = String.UnicodeScalarView()
        var onlyFor: [Int] = []
        func flush() {
            if !current.isEmpty { pieces.append(Piece(text: String(current), onlyFor: onlyFor)) }
            current = String.UnicodeScalarView()
        }
        var scalars = marked.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            switch scalar {
            case open:
                flush()
                var number = ""
                while let digit = scalars.next(), digit != close { number.unicodeScalars.append(digit) }
                onlyFor.append(Int(number) ?? -1)
            case end:
                flush()
                _ = onlyFor.popLast()
            default:
                current.append(scalar)
            }
        }
        flush()
        return pieces
    }

    /// Keeps the marked text of `current` (markers removed) and drops every other marked text.
    static func select(_ marked: String, current: Int) -> String {
        join(pieces(marked), current: current)
    }

    /// What `isCurrent` is in the shared rendering: the section's text, marked with the page.
    static func marker(for page: Int) -> MustacheLambda {
        MustacheLambda { text in "\(open)\(page)\(close)" + text + "\(end)" }
    }
}
