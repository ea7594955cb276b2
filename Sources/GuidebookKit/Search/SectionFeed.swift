import Foundation
import GuidebookMarkdown

/// Pages' sections, handed to the index as parsing gives them, so that the index starts on the
/// first pages while the others are parsed and linked: parsing leaves a core idle much of the
/// time (cmark-gfm finishes one page at a time, `Cmark.finishLock`), and rendering does not.
/// Each page's sections are taken once, and the feed then lets go of them.
final class SectionFeed: @unchecked Sendable {
    private let condition = NSCondition()
    /// By page index; empty until given, and again once taken.
    private var sections: [[MarkdownSection]]
    private var given: [Bool]
    private var cancelled = false

    init(pageCount: Int) {
        sections = Array(repeating: [], count: pageCount)
        given = Array(repeating: false, count: pageCount)
    }

    /// A feed with every page's sections already given.
    convenience init(_ all: [[MarkdownSection]]) {
        self.init(pageCount: all.count)
        give(Array(zip(all.indices, all)))
    }

    func give(_ pages: [(index: Int, sections: [MarkdownSection])]) {
        condition.withLock {
            for page in pages {
                sections[page.index] = page.sections
                given[page.index] = true
            }
            condition.broadcast()
        }
    }

    /// The build stopped (an error in the content): whoever waits, or waits next, gets nil.
    func cancel() {
        condition.withLock {
            cancelled = true
            condition.broadcast()
        }
    }

    var isCancelled: Bool { condition.withLock { cancelled } }

    /// These pages' sections, once all of them are given; nil if the feed is cancelled first.
    func take(_ pages: [Int]) -> [[MarkdownSection]]? {
        condition.withLock {
            while !cancelled, !pages.allSatisfy({ given[$0] }) { condition.wait() }
            if cancelled { return nil }
            defer { for page in pages { sections[page] = [] } }
            return pages.map { sections[$0] }
        }
    }
}
