import Foundation

/// `guidebook build` with a build cache in `.guidebook-cache/`: a build from the cache when the
/// cache's key still holds and the edit allows it (`IncrementalBuild`), else a full build that
/// records a new cache. Either way the site is byte for byte what a clean build would write.
public enum CachedBuild {
    public static func build(root: URL, outputFolder: URL, options: BuildOptions) throws -> BuildResult {
        var clock = StageClock()
        let cacheFolder = BuildCache.folder(projectRoot: root)
        // Two builds of one project at once would write one cache: the second waits.
        let lock = CacheLock(folder: cacheFolder)
        defer { lock.release() }
        // A build killed half-way may have left a body edit's journal or a retired site beside the
        // site: finished or undone before the site is read, so it is the old site or the new one.
        FileSystemOutput.removeAbandonedFolders(beside: outputFolder)
        let contentFolder = root.appendingPathComponent("content")
        let walked = FolderWalk.walk(contentFolder, allowedRoot: root)
        let stamps = walked.files
        // A file that cannot be published is reported by a full build, and no cache is kept.
        let key =
            walked.problems.isEmpty
            ? currentKey(root: root, contentFolder: contentFolder, contentPaths: Array(stamps.keys), outputFolder: outputFolder, options: options) : nil
        clock.lap("cache: look at the project")
        var recording = options
        if let key, var cache = BuildCache.load(from: cacheFolder), cache.key == key {
            clock.lap("cache: read")
            let blobFile = CacheBlobFile(folder: cacheFolder, generation: cache.blobGeneration)
            if var result = IncrementalBuild.run(cache: &cache, blobFile: blobFile, contentFolder: contentFolder, stamps: stamps, outputFolder: outputFolder) {
                let built = clock.timings
                clock.lap("")
                save(&cache, to: cacheFolder, blobFile: blobFile, fresh: false)
                clock.lap("cache: write")
                result.timings = built + result.timings + clock.timings.suffix(1)
                return result
            }
            // Not a body edit, but the site is still as the cache describes it (a build from the
            // cache that failed half-way would have changed it): the full build keeps what it can.
            if BuildCache.outputListing(of: outputFolder) == cache.outputListing {
                recording.previousSite = PreviousSite(cache: cache, folder: outputFolder, blobFile: blobFile)
            }
        }
        let blobFile = CacheBlobFile.fresh(in: cacheFolder)
        if key != nil, (try? blobFile.startFresh()) != nil {
            recording.cacheBlobs = blobFile
        }
        defer { blobFile.discard() }
        let input = try ProjectInput.read(root: root)
        let output = try FileSystemOutput(outputFolder: outputFolder, keepsUnchangedFiles: recording.previousSite != nil)
        var result = try SiteBuilder(options: recording).build(consume input, into: output)
        if result.didWrite {
            if var cache = result.cache, let key {
                clock.lap("")
                cache.key = key
                cache.outputListing = BuildCache.outputListing(of: outputFolder)
                save(&cache, to: cacheFolder, blobFile: blobFile, fresh: true)
                clock.lap("cache: write")
                result.timings += clock.timings.suffix(1)
            } else {
                BuildCache.remove(from: cacheFolder)
            }
        }
        result.cache = nil
        return result
    }

    /// A cache that cannot be saved is removed: an old one would describe a site that is gone.
    private static func save(_ cache: inout BuildCache, to folder: URL, blobFile: CacheBlobFile, fresh: Bool) {
        do {
            if !fresh { try blobFile.startAppending() }
            try cache.save(to: folder, blobFile: blobFile)
        } catch {
            blobFile.discard()
            BuildCache.remove(from: folder)
        }
    }

    /// Everything outside the pages that the site depends on; nil when the configuration or the
    /// theme cannot be read (a full build reports why).
    static func currentKey(root: URL, contentFolder: URL, contentPaths: [String], outputFolder: URL, options: BuildOptions) -> BuildCache.Key? {
        guard let configuration = FileManager.default.contents(atPath: root.appendingPathComponent(SiteConfiguration.fileName).path),
            let text = String(data: configuration, encoding: .utf8)
        else { return nil }
        let (loaded, problems) = SiteConfigurationLoader.load(text: text)
        // Every folder of the theme's name counts: a project's theme may override single templates
        // and take the rest from the theme shipped with Guidebook.
        let themes = options.themeSearchFolders.map { $0.appendingPathComponent(loaded.theme) }
            .filter { (try? $0.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) == true }
        guard !problems.contains(where: \.isError), !themes.isEmpty else { return nil }
        var themeBytes = CacheWriter()
        for theme in themes {
            themeBytes.string(theme.path)
            for relative in ThemeLoader.files(under: theme, FileManager.default) {
                themeBytes.string(relative)
                themeBytes.blob(Array(FileManager.default.contents(atPath: theme.appendingPathComponent(relative).path) ?? Data()))
            }
        }
        // The council's logo and style sheet are copied from the project on every build.
        for file in [loaded.logo, loaded.stylesheet].compactMap({ $0 }) {
            themeBytes.string(file.value)
            themeBytes.blob(Array(FileManager.default.contents(atPath: root.appendingPathComponent(file.value).path) ?? Data()))
        }
        let dates = LastUpdated.read(contentFolder: contentFolder, paths: contentPaths.filter { $0.hasSuffix(".md") })
        let datesText = dates.keys.sorted().map { "\($0)\u{1F}\(dates[$0]!.timeIntervalSince1970)" }.joined(separator: "\u{1E}")
        guard let tool = toolStamp() else { return nil }
        return BuildCache.Key(
            tool: tool, configurationHash: ContentHash.fnv1a(configuration), themeHash: ContentHash.fnv1a(themeBytes.bytes),
            includeDrafts: options.includeDrafts, strict: options.strict, today: options.today.description,
            outputFolder: outputFolder.standardizedFileURL.path, lastUpdatedHash: ContentHash.fnv1a(datesText))
    }

    /// The running Guidebook: a rebuilt binary may render differently, so its cache is not trusted.
    /// nil (no cache) where it cannot be told (no /proc).
    private static func toolStamp() -> String? {
        FileStamp.of("/proc/self/exe").map { "\($0.size)-\($0.modified)" }
    }
}
