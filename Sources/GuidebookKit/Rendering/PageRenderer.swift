import GuidebookMarkdown

/// The Render stage for one page: the body through cmark-gfm with Guidebook's edits,
/// then the theme's page template around it.
struct PageRenderer: Sendable {
    let theme: Theme
    let contexts: PageContextBuilder
    let glossary: GlossaryIndex
    let allowsRawHTML: Bool
    private let sidebars: SidebarCache?
    let glossaryFingerprint: UInt64

    init(theme: Theme, contexts: PageContextBuilder, glossary: GlossaryIndex, allowsRawHTML: Bool, cachesSidebars: Bool = true) {
        self.theme = theme
        self.contexts = contexts
        self.glossary = glossary
        self.allowsRawHTML = allowsRawHTML
        sidebars = cachesSidebars ? SidebarCache(tree: contexts.tree, theme: theme, contexts: contexts) : nil
        glossaryFingerprint = RenderFingerprint.glossary(glossary.entries, outputPathOfPage: { contexts.tree.pages[$0].outputPath })
    }

    /// The page template's context for a page, with `bodyMarker` for its body, and the page's
    /// `RenderFingerprint`: made once, for the fingerprint and then (unless the page is kept) the page.
    struct PageShell {
        var context: [String: Any]
        var fingerprint: PageFingerprint
    }

    func shell(page index: Int, rewrites: [String: String]) -> PageShell {
        let page = contexts.tree.pages[index]
        let context = contexts.context(for: index, bodyHTML: Self.bodyMarker, sidebarHTML: sidebar(for: index))
        let body = RenderFingerprint.body(
            page.body, outputPath: page.outputPath, rewrites: rewrites, checklists: contexts.checklists[index],
            glossary: glossaryFingerprint, allowsRawHTML: allowsRawHTML)
        return PageShell(context: context, fingerprint: PageFingerprint(template: RenderFingerprint.template(context), body: body))
    }

    /// `body` stands in for the page's own when `serve` shows an edit before the full build.
    func render(page index: Int, rewrites: [String: String], body newBody: String? = nil) -> String {
        renderLocatingBody(page: index, rewrites: rewrites, body: newBody).html
    }

    /// The page, and where its body's bytes are in it: the build cache puts an edited body there
    /// (`IncrementalBuild`). The template is rendered with `bodyMarker` for the body, which is then
    /// put in its place; where that cannot be trusted (an empty body, which a `{{#content}}`
    /// section would treat differently, or a theme that shows the body other than once with
    /// `{{{content}}}`), the page is rendered with its body and has no body range.
    /// `shell` is the page's from `shell(page:rewrites:)` when the caller has made it already.
    func renderLocatingBody(
        page index: Int, rewrites: [String: String], body newBody: String? = nil,
        shell: PageShell? = nil
    ) -> (html: String, bodyRange: Range<Int>?) {
        let page = contexts.tree.pages[index]
        let body = Self.bodyHTML(
            of: newBody ?? page.body, page: index, outputPath: page.outputPath, rewrites: rewrites,
            checklists: contexts.checklists[index], glossary: glossary, allowsRawHTML: allowsRawHTML,
            outputPathOfPage: { contexts.tree.pages[$0].outputPath })
        if !body.isEmpty {
            let context = shell?.context ?? contexts.context(for: index, bodyHTML: Self.bodyMarker, sidebarHTML: sidebar(for: index))
            if let (before, after) = Self.split(renderPageTemplate(context), at: Self.bodyMarker) {
                let start = before.utf8.count
                return (before + body + after, start..<(start + body.utf8.count))
            }
        }
        return (renderPageTemplate(contexts.context(for: index, bodyHTML: body, sidebarHTML: sidebar(for: index))), nil)
    }

    /// A page body's HTML: cmark-gfm with Guidebook's edits (link rewrites, checklists, glossary terms).
    static func bodyHTML(
        of markdown: String, page index: Int, outputPath: String, rewrites: [String: String], checklists: [Checklist],
        glossary: GlossaryIndex, allowsRawHTML: Bool, outputPathOfPage: @escaping (Int) -> String
    ) -> String {
        let decorator = BodyDecorator(
            rewrites: rewrites, checklists: ChecklistMarkup(checklists: checklists),
            glossary: GlossaryMatcher(index: glossary, excludingPage: index),
            glossaryURL: { OutputPath.relativeURL(from: outputPath, to: outputPathOfPage($0.page)) })
        return MarkdownRenderer.html(for: markdown, allowsRawHTML: allowsRawHTML, decorator: decorator)
    }

    /// Noncharacters around a `<`: not in any real page, `{{content}}` would escape the `<`, and a
    /// lambda that changes case would change the mixed-case name.
    static let bodyMarker = "\(Unicode.Scalar(0xFDD0 as UInt32)!)<Guidebook-Body>\(Unicode.Scalar(0xFDD1 as UInt32)!)"

    /// The text before and after the only occurrence of `marker`; nil for none or several.
    static func split(_ text: String, at marker: String) -> (String, String)? {
        let ranges = occurrences(of: marker, in: text)
        guard ranges.count == 1, let range = ranges.first else { return nil }
        let utf8 = text.utf8
        let lower = utf8.index(utf8.startIndex, offsetBy: range.lowerBound), upper = utf8.index(utf8.startIndex, offsetBy: range.upperBound)
        return (String(text[..<lower]), String(text[upper...]))
    }

    /// Byte ranges of `marker` in `text`, found by its first byte (rare in HTML: it starts a noncharacter).
    private static func occurrences(of marker: String, in text: String) -> [Range<Int>] {
        let needle = Array(marker.utf8)
        let first = needle[0]
        var text = text
        return text.withUTF8 { bytes in
            var found: [Range<Int>] = []
            var index = 0
            while index + needle.count <= bytes.count {
                // Eight bytes at a time while none of them can start the marker: every page's whole
                // HTML is searched.
                if bytes[index] != first, index + 8 <= bytes.count,
                    !containsByte(first, in: UnsafeRawBufferPointer(bytes).loadUnaligned(fromByteOffset: index, as: UInt64.self))
                {
                    index += 8
                } else if bytes[index] == first, bytes[index..<(index + needle.count)].elementsEqual(needle) {
                    found.append(index..<(index + needle.count))
                    index += needle.count
                } else {
                    index += 1
                }
            }
            return found
        }
    }

    /// Whether any of the word's eight bytes is `byte` (the "has zero byte" test on the XOR).
    private static func containsByte(_ byte: UInt8, in word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        let difference = word ^ (ones &* UInt64(byte))
        return (difference &- ones) & ~difference & highs != 0
    }

    func render(_ generated: GeneratedPage) -> String {
        var bodyContext: [String: Any] = generated.context
        bodyContext["site"] = contexts.siteContext(from: generated.outputPath)
        let body = theme.templates.render(bodyContext, withTemplate: generated.templateName) ?? ""
        if generated.isStandalone { return body }
        let sidebar = theme.templates.render(contexts.sidebarContext(for: generated), withTemplate: SidebarCache.templateName) ?? ""
        return renderPageTemplate(contexts.context(for: generated, bodyHTML: body, sidebarHTML: sidebar))
    }

    /// A page's body as the print edition shows it.
    func renderForPrint(page index: Int, rewrites: [String: String]) -> String {
        let page = contexts.tree.pages[index]
        return Self.printBodyHTML(of: page.body, outputPath: page.outputPath, rewrites: rewrites, allowsRawHTML: allowsRawHTML)
    }

    static func printBodyHTML(of markdown: String, outputPath: String, rewrites: [String: String], allowsRawHTML: Bool) -> String {
        MarkdownRenderer.html(for: markdown, allowsRawHTML: allowsRawHTML, decorator: PrintDecorator(outputPath: outputPath, rewrites: rewrites))
    }

    /// The theme's sidebar for a page, from the cache when there is one.
    func sidebar(for index: Int) -> String {
        if let sidebars { return sidebars.sidebar(for: index) }
        return theme.templates.render(contexts.sidebarContext(for: index, markingCurrent: false), withTemplate: SidebarCache.templateName) ?? ""
    }

    private func renderPageTemplate(_ context: [String: Any]) -> String {
        guard let html = theme.templates.render(context, withTemplate: Theme.pageTemplate) else {
            preconditionFailure("the theme loader checks that the page template exists")
        }
        return html
    }
}
