import Foundation

/// A page's front matter: typed known fields, and every other field kept for templates.
public struct FrontMatter: Sendable, Hashable {
    public var title: String
    public var summary: String?
    public var order: Int?
    public var tags: [String]
    public var isDraft: Bool
    /// Who keeps the page current: a name, team or email address.
    public var owner: String?
    /// An address for the owner (`owner_email:`), shown as a mailto link on the owner's name.
    public var ownerEmail: String?
    /// When the page must next be reviewed; where it was written, for the overdue warning.
    public var reviewBy: Located<CalendarDate>?
    /// When the page was last reviewed (`reviewed:`), shown under the title as "Last reviewed".
    public var reviewed: Located<CalendarDate>?
    /// `related:` entries as written (relative paths to .md files), checked like links.
    public var related: [Located<String>] = []
    /// The page defines the guide's terms: its H2 headings are glossary entries.
    public var isGlossary = false
    /// How much the page's search results count (`search_weight:`, above 0, at most 10): 0.5 for a
    /// reading list, so its citations rank below the pages they cite.
    public var searchWeight = 1.0
    /// Every field but the first five, in file order (`owner`, `review_by` too), for templates.
    public var extra: [(key: String, value: FrontMatterValue)]

    public init(
        title: String, summary: String? = nil, order: Int? = nil, tags: [String] = [], isDraft: Bool = false,
        extra: [(key: String, value: FrontMatterValue)] = []
    ) {
        self.title = title
        self.summary = summary
        self.order = order
        self.tags = tags
        self.isDraft = isDraft
        self.extra = extra
    }

    public static func == (lhs: FrontMatter, rhs: FrontMatter) -> Bool {
        lhs.title == rhs.title && lhs.summary == rhs.summary && lhs.order == rhs.order && lhs.tags == rhs.tags
            && lhs.isDraft == rhs.isDraft && lhs.owner == rhs.owner && lhs.reviewBy == rhs.reviewBy
            && lhs.ownerEmail == rhs.ownerEmail && lhs.reviewed == rhs.reviewed && lhs.related == rhs.related
            && lhs.isGlossary == rhs.isGlossary && lhs.searchWeight == rhs.searchWeight && lhs.extra.map(\.key) == rhs.extra.map(\.key)
            && lhs.extra.map(\.value) == rhs.extra.map(\.value)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(title)
        hasher.combine(order)
    }

    /// Something that reads as one email address: text@host.name, no spaces, no mailto: of its own.
    public static func isEmailAddress(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix(".") else { return false }
        return !text.unicodeScalars.contains {
            $0.properties.isWhitespace || $0.properties.generalCategory == .control || "<>\"(),;:[]\\".unicodeScalars.contains($0)
        }
    }

    public func extraValue(_ key: String) -> FrontMatterValue? {
        extra.first { $0.key == key }?.value
    }
}

/// A YAML value kept as written, for fields Guidebook does not interpret itself.
public indirect enum FrontMatterValue: Sendable, Hashable {
    case string(String)
    case integer(Int)
    case number(Double)
    case boolean(Bool)
    case list([FrontMatterValue])
    case mapping([String: FrontMatterValue])

    /// A value for Mustache: strings, numbers, arrays and dictionaries.
    var templateValue: Any {
        switch self {
        case .string(let value): return value
        case .integer(let value): return value
        case .number(let value): return value
        case .boolean(let value): return value
        case .list(let values): return values.map(\.templateValue)
        case .mapping(let values): return values.mapValues(\.templateValue)
        }
    }
}

/// A value with the place it was written, for diagnostics about it.
public struct Located<Value: Sendable & Hashable>: Sendable, Hashable {
    public var value: Value
    public var location: SourceLocation

    public init(_ value: Value, at location: SourceLocation) {
        self.value = value
        self.location = location
    }
}

/// A day, as front matter writes it: `2027-09-30`.
public struct CalendarDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Strictly YYYY-MM-DD, a day that exists.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            (1...12).contains(month), day >= 1, day <= CalendarDate.days(inMonth: month, year: year)
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    static func days(inMonth month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public var description: String {
        String(format: "%04d-%02d-%02d", year, month, day)
    }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// Today in the machine's time zone.
    public static func today() -> CalendarDate {
        let parts = Calendar.current.dateComponents([.year, .month, .day], from: Date())
        return CalendarDate(year: parts.year!, month: parts.month!, day: parts.day!)
    }
}
