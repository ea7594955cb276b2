import Foundation
import GuidebookMarkdown

/// Records what the renderer asked, and answers with simple, visible markup.
struct TestDecorator: MarkdownDecorator {
    var rewrites: [String: String] = [:]
    var markedWord: String? = nil

    func marks(inText text: String) -> [TextMark] {
        guard let word = markedWord, let range = text.range(of: word) else { return [] }
        let offset = text.utf8.distance(from: text.startIndex, to: range.lowerBound)
        return [TextMark(utf8Offset: offset, utf8Count: word.utf8.count, wrap: MarkupWrap(before: "<mark>", after: "</mark>"))]
    }

    func destination(for link: MarkdownLink) -> String? { rewrites[link.destination] }

    func wrap(heading: MarkdownHeading) -> MarkupWrap {
        MarkupWrap(before: "<h\(heading.level) id=\"\(heading.id)\">", after: "</h\(heading.level)>\n")
    }

    func wrap(taskListAt index: Int) -> MarkupWrap {
        MarkupWrap(before: "<div data-task-list=\"\(index)\">", after: "</div>")
    }

    func wrap(taskItem: MarkdownTaskItem, at place: TaskItemPlace) -> MarkupWrap {
        MarkupWrap(
            before: "<label data-list=\"\(place.listIndex)\" data-item=\"\(place.itemIndex)\"\(taskItem.isChecked ? " data-checked" : "")>", after: "</label>")
    }
}

func render(_ markdown: String, rawHTML: Bool = false, rewrites: [String: String] = [:], mark word: String? = nil) -> String {
    MarkdownRenderer.html(for: markdown, allowsRawHTML: rawHTML, decorator: TestDecorator(rewrites: rewrites, markedWord: word))
}
