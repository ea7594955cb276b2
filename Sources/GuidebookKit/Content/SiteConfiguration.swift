/// guidebook.yml, decoded and checked.
public struct SiteConfiguration: Sendable, Hashable {
    public var title: String
    public var organisation: String
    public var language: String
    public var theme: String
    public var allowsRawHTML: Bool
    /// Where `theme:` was written, so an unknown theme points at it.
    public var themeLocation: SourceLocation?

    public init(title: String = "Guide", organisation: String = "", language: String = "en-GB",
                theme: String = "default", allowsRawHTML: Bool = false, themeLocation: SourceLocation? = nil) {
        self.title = title
        self.organisation = organisation
        self.language = language
        self.theme = theme
        self.allowsRawHTML = allowsRawHTML
        self.themeLocation = themeLocation
    }

    public static let fileName = "guidebook.yml"
}
