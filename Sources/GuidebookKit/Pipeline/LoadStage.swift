import Foundation

/// The Load stage's value: the guide's configuration, pages and other files, theme and brand, the
/// page tree, what the build cache needs of the input, and the problems found so far.
struct LoadedSite {
    var configuration: SiteConfiguration
    var content: LoadedContent
    /// The files of content/ that are not pages, by content path: published where linked (or in assets/).
    var assetFiles: [String: Data]
    /// nil when the theme could not be loaded (a diagnostic says why).
    var theme: Theme?
    var brand: BrandFiles
    /// By content path, when git last changed the file.
    var lastUpdated: [String: Date]
    /// For the build cache: each input file's record and each page's front matter hash.
    var fileRecords: [String: BuildCache.FileRecord]
    var frontMatterHashes: [UInt64]
    var diagnostics: [Diagnostic]

    var pages: [SourcePage] { content.pages }
}

enum LoadStage {
    /// Reads guidebook.yml, the pages, the theme and the brand files. `input` is consumed: once the
    /// pages are loaded, the Markdown files' bytes are let go.
    static func load(_ input: consuming ProjectInput, options: BuildOptions) -> LoadedSite {
        var diagnostics: [Diagnostic] = []
        let configuration = Self.configuration(input.configurationText, diagnostics: &diagnostics)
        let content = ContentLoader.load(files: input.contentFiles, contentFolderName: input.contentFolderName, includeDrafts: options.includeDrafts)
        let assetFiles = input.contentFiles.filter { !$0.key.hasSuffix(".md") }
        let fileRecords = options.recordsCache ? CacheRecording.files(input.contentFiles, stamps: input.stamps) : [:]
        let frontMatterHashes = options.recordsCache ? CacheRecording.frontMatterHashes(content.pages, files: input.contentFiles) : []
        let lastUpdated = input.lastUpdated
        let projectRoot = input.root
        diagnostics += input.loadDiagnostics + content.diagnostics
        _ = consume input
        let (theme, themeProblems) = ThemeLoader.load(
            named: configuration.theme, searchFolders: options.themeSearchFolders,
            projectRoot: projectRoot, configurationLocation: configuration.themeLocation)
        diagnostics += themeProblems
        let (brand, brandProblems) = BrandFiles.load(configuration, projectRoot: projectRoot)
        diagnostics += brandProblems
        diagnostics += searchLanguageWarning(configuration)
        return LoadedSite(
            configuration: configuration, content: content, assetFiles: assetFiles, theme: theme, brand: brand,
            lastUpdated: lastUpdated, fileRecords: fileRecords, frontMatterHashes: frontMatterHashes, diagnostics: diagnostics)
    }

    private static func configuration(_ text: String?, diagnostics: inout [Diagnostic]) -> SiteConfiguration {
        guard let text else {
            diagnostics.append(
                .error(
                    .invalidConfiguration, "no \(SiteConfiguration.fileName) in the project folder",
                    at: SourceLocation(path: SiteConfiguration.fileName), notes: ["create it with at least 'title: Your guide title'"]))
            return SiteConfiguration()
        }
        let (loaded, problems) = SiteConfigurationLoader.load(text: text)
        diagnostics += problems
        return loaded
    }

    private static func searchLanguageWarning(_ configuration: SiteConfiguration) -> [Diagnostic] {
        guard configuration.hasSearch, Stemmer.algorithm(forLanguage: configuration.language) == nil else { return [] }
        return [
            .warning(
                .searchLanguage, "Snowball has no stemmer for language '\(configuration.language)'; search will match whole words only",
                at: SourceLocation(path: SiteConfiguration.fileName),
                notes: ["Snowball languages: \(Stemmer.algorithms.sorted().joined(separator: ", "))"])
        ]
    }
}
