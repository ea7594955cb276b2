import GuidebookMarkdown

/// guidebook.yml, decoded and checked.
public struct SiteConfiguration: Sendable, Hashable {
    public var title: String
    public var organisation: String
    public var language: String
    public var theme: String
    public var allowsRawHTML: Bool
    /// `search: false` builds no index and no search page, and pages show no search box: for a
    /// guide found through the intranet's own search.
    public var hasSearch = true
    /// Unique to the guide: prefixes the keys of readers' stored checklist ticks, so two guides
    /// opened from one PC (one shared store for file:// pages in Chromium) never see each other's.
    public var id: String
    /// Prefix of "Edit this page" links: the page's source path is added to it.
    public var editURL: String?
    /// For `guidebook new`: the owner of new pages, and how many months until their first review.
    public var defaultOwner: String?
    public var reviewMonths: Int = 12
    /// The path the site is published under on a web server (`base_url: /guides/toolkit/`), always
    /// starting and ending with `/`: 404.html, which a server shows at any missing address, links
    /// from it instead of relatively.
    public var baseURL: String?
    /// The council's own colours (`colours:`), already checked for contrast.
    public var colours = BrandColours()
    /// Search synonyms (`synonyms:`), in the order written.
    public var synonyms: [ConfiguredSynonym] = []
    /// The council's logo and an extra style sheet: files of the project (paths relative to it),
    /// copied into the site's assets/brand/ (`BrandFiles`).
    public var logo: Located<String>?
    /// What the logo's link says to someone who cannot see it (default: the organisation's name).
    public var logoAlt: String?
    public var stylesheet: Located<String>?
    /// Where `theme:` was written, so an unknown theme points at it.
    public var themeLocation: SourceLocation?

    public init(
        title: String = "Guide", organisation: String = "", language: String = "en-GB",
        theme: String = "default", allowsRawHTML: Bool = false, id: String? = nil, themeLocation: SourceLocation? = nil
    ) {
        self.title = title
        self.organisation = organisation
        self.language = language
        self.theme = theme
        self.allowsRawHTML = allowsRawHTML
        self.themeLocation = themeLocation
        self.id = id ?? SiteConfiguration.defaultID(title: title)
    }

    static func defaultID(title: String) -> String {
        let slug = HeadingIDGenerator.slug(title)
        return slug.isEmpty ? "guide" : slug
    }

    public static let fileName = "guidebook.yml"
}
