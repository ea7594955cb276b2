/// Intranet guides go stale: a page whose `review_by` date has passed gets a warning
/// (an error with --strict), pointing at the date, naming the owner.
enum ReviewCheck {
    static func check(pages: [SourcePage], today: CalendarDate) -> [Diagnostic] {
        pages.compactMap { page in
            guard let reviewBy = page.frontMatter.reviewBy, reviewBy.value < today else { return nil }
            let owner = page.frontMatter.owner.map { " (owner: \($0))" } ?? ""
            return .warning(
                .overdueReview, "review date \(reviewBy.value) has passed\(owner)", at: reviewBy.location,
                notes: ["check the page is still right, then set 'review_by' to the next review date"])
        }
    }

    static func isOverdue(_ page: SourcePage, today: CalendarDate) -> Bool {
        page.frontMatter.reviewBy.map { $0.value < today } ?? false
    }
}
