import Foundation
import GuidebookMarkdown

/// A print edition: pages as one document in reading order, for printing or a PDF. Every page is a
/// section that starts a new printed page; links between pages in the document become links inside
/// it; the glossary comes last. `print.html` holds the whole guide; each top-level section (a folder
/// at the top of content/) also has one of its own, `print/<folder>.html`, whose links to pages
/// outside it lead to those pages (`../governance.html`).
struct PrintEdition: Sendable {
    /// The whole guide's.
    static let path = "print.html"
    /// The folder of the sections' editions. Content may not use it (`ReservedOutput`).
    static let sectionFolder = "print"

    var outputPath: String
    /// The top-level section's index page; nil for the whole guide.
    var section: Int?
    /// Its pages in print order.
    var pages: [Int]

    /// The whole guide's edition, then one for each top-level section, in reading order.
    static func editions(tree: SiteTree) -> [PrintEdition] {
        let printOrder = order(tree: tree)
        var sections: [PrintEdition] = []
        var sectionByPath: [String: Int] = [:]
        for top in tree.children[tree.root] where tree.pages[top].isSectionIndex {
            guard let path = sectionPath(ofPageAt: tree.pages[top].outputPath), sectionByPath[path] == nil else { continue }
            sectionByPath[path] = sections.count
            sections.append(PrintEdition(outputPath: path, section: top, pages: []))
        }
        for page in printOrder {
            if let path = sectionPath(ofPageAt: tree.pages[page].outputPath), let number = sectionByPath[path] {
                sections[number].pages.append(page)
            }
        }
        return [PrintEdition(outputPath: path, section: nil, pages: printOrder)] + sections
    }

    /// The edition of the top-level section a page is in (`print/building-the-work-group.html`); nil
    /// for the home page and the other pages at the top, which only `print.html` holds. Every folder
    /// with pages is a section, so a page's first folder names its top-level section.
    static func sectionPath(ofPageAt outputPath: String) -> String? {
        guard let slash = outputPath.firstIndex(of: "/") else { return nil }
        return sectionFolder + "/" + String(outputPath[..<slash]) + ".html"
    }

    /// The id of a page's section, or of one of its headings, inside the print edition.
    static func anchor(page: SourcePage, fragment: String? = nil) -> String {
        anchor(outputPath: page.outputPath, fragment: fragment)
    }

    static func anchor(outputPath: String, fragment: String? = nil) -> String {
        let key = "p-" + outputPath.dropLast(".html".count)
        guard let fragment, !fragment.isEmpty else { return key }
        return "\(key)--\(fragment.removingPercentEncodingIfPossible)"
    }

    /// Pages in print order: reading order, with glossary pages moved to the end.
    static func order(tree: SiteTree) -> [Int] {
        let pages = tree.readingOrder
        return pages.filter { !tree.pages[$0].frontMatter.isGlossary } + pages.filter { tree.pages[$0].frontMatter.isGlossary }
    }
}

/// Body edits for the print edition: headings one level down (the page title is the section's
/// h2) with ids unique in the document, links inside the document, checklists as plain boxes.
struct PrintDecorator: MarkdownDecorator {
    let outputPath: String
    let rewrites: [String: String]

    func marks(inText text: String) -> [TextMark] { [] }

    func destination(for link: MarkdownLink) -> String? { rewrites[link.destination] }

    func wrap(heading: MarkdownHeading) -> MarkupWrap {
        let level = min(6, heading.level + 1)
        let id = HTMLEscaping.escape(PrintEdition.anchor(outputPath: outputPath, fragment: heading.id))
        return MarkupWrap(before: "<h\(level) id=\"\(id)\">", after: "</h\(level)>\n")
    }

    func wrap(taskItem: MarkdownTaskItem, at place: TaskItemPlace) -> MarkupWrap {
        MarkupWrap(before: "<label class=\"task\"><input type=\"checkbox\" disabled\(taskItem.isChecked ? " checked" : "")> ", after: "</label>")
    }

    func wrap(taskListAt index: Int) -> MarkupWrap {
        MarkupWrap(before: "<div class=\"print-checklist\">", after: "</div>")
    }
}

extension String {
    /// Foundation's decoding only where there is something to decode: it goes through NSString,
    /// and every link of the guide passes through here.
    var removingPercentEncodingIfPossible: String {
        utf8.contains(UInt8(ascii: "%")) ? removingPercentEncoding ?? self : self
    }
}
