import Foundation
import GuidebookMarkdown

/// `print.html`: the whole guide as one document in reading order, for printing or a PDF.
/// Every page is a section that starts a new printed page; links between pages become links
/// inside the document; the glossary comes last.
enum PrintEdition {
    static let path = "print.html"

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
    /// and was a tenth of the Link stage with every link of a large guide passing through it.
    var removingPercentEncodingIfPossible: String {
        utf8.contains(UInt8(ascii: "%")) ? removingPercentEncoding ?? self : self
    }
}
