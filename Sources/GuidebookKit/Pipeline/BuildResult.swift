import Foundation

public struct BuildOptions: Sendable {
    public var includeDrafts: Bool
    /// Warnings fail the build too.
    public var strict: Bool
    /// Folders searched for the configured theme; see `ThemeLoader.searchFolders`.
    public var themeSearchFolders: [URL]
    /// The day review dates are compared with (a parameter, so tests can choose it).
    public var today: CalendarDate
    /// Write the site even with errors (`--keep-going`): every page that can be made, links with
    /// problems marked in them. The build still reports the errors, and keeps no build cache.
    public var keepsGoing = false
    /// Off only in tests, which check that the sidebar cache changes no byte.
    var cachesSidebars = true
    /// `serve` keeps what it needs to show a page's edit before the full build (`PreviewSnapshot`).
    public var keepsPreviewSnapshot = false
    /// `build` keeps what the next build needs to rebuild only what an edit changed (`BuildCache`);
    /// its larger parts go into this file as soon as they are made.
    var cacheBlobs: CacheBlobFile?
    var recordsCache: Bool { cacheBlobs != nil }
    /// The last build's site, when the build cache vouches for it: unchanged pages are kept.
    var previousSite: PreviousSite?

    public init(includeDrafts: Bool = false, strict: Bool = false, themeSearchFolders: [URL], today: CalendarDate = .today()) {
        self.includeDrafts = includeDrafts
        self.strict = strict
        self.themeSearchFolders = themeSearchFolders
        self.today = today
    }
}

public struct StageTiming: Sendable {
    public var stage: String
    public var seconds: Double
}

public struct BuildResult: Sendable {
    /// Output paths of the pages written (empty when the build failed).
    public var pagesWritten: [String]
    public var diagnostics: [Diagnostic]
    public var timings: [StageTiming]
    /// True when the new site replaced the old one.
    public var didWrite: Bool
    /// With `BuildOptions.keepsPreviewSnapshot`, after a build that wrote the site.
    public var previewSnapshot: PreviewSnapshot?
    /// With `BuildOptions.recordsCache`, after a build that wrote the site; `CachedBuild` adds the
    /// key and the stamps of the files written, and saves it.
    var cache: BuildCache?
    /// True when the build cache let this build rewrite only what changed.
    public var wasIncremental = false
    /// Pages whose files were kept from the last build (`PreviousSite`), not written.
    public var pagesKept = 0
    /// Pages read and checked, whether or not the build then wrote them.
    public var pagesChecked = 0
    /// The search index was the last build's, changed where pages changed (`SearchStage.update`).
    var searchWasUpdated = false

    public var errorCount: Int { diagnostics.filter(\.isError).count }
    public var warningCount: Int { diagnostics.count - errorCount }
}
