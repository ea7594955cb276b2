/// A page's front matter: typed known fields, and every other field kept for templates.
public struct FrontMatter: Sendable, Hashable {
    public var title: String
    public var summary: String?
    public var order: Int?
    public var tags: [String]
    public var isDraft: Bool
    /// Fields Guidebook does not know, in file order (`owner`, `review_by`...).
    public var extra: [(key: String, value: FrontMatterValue)]

    public init(title: String, summary: String? = nil, order: Int? = nil, tags: [String] = [], isDraft: Bool = false,
                extra: [(key: String, value: FrontMatterValue)] = []) {
        self.title = title
        self.summary = summary
        self.order = order
        self.tags = tags
        self.isDraft = isDraft
        self.extra = extra
    }

    public static func == (lhs: FrontMatter, rhs: FrontMatter) -> Bool {
        lhs.title == rhs.title && lhs.summary == rhs.summary && lhs.order == rhs.order && lhs.tags == rhs.tags
            && lhs.isDraft == rhs.isDraft && lhs.extra.map(\.key) == rhs.extra.map(\.key) && lhs.extra.map(\.value) == rhs.extra.map(\.value)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(title)
        hasher.combine(order)
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
