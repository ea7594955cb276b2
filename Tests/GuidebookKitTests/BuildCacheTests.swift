import Foundation
import GuidebookTestSupport
import Testing

@testable import GuidebookKit

/// A build from the build cache writes exactly the bytes a clean build writes, whatever the edit;
/// only edits to pages' text take the short way.
@Suite(.serialized) struct BuildCacheTests {
    /// A project on disk, committed to git as editors keep it (uncommitted edits keep a page's date).
    final class Project {
        let root: URL
        var site: URL { root.appendingPathComponent("site") }

        init(_ files: [String: String], configuration: String = "title: Cache Guide\nlanguage: en\n") throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("guidebook-cache-\(UUID().uuidString)")
            try write(SiteConfiguration.fileName, configuration)
            for (path, text) in files { try write("content/\(path)", text) }
            for arguments in [["init", "-q"], ["add", "-A"], ["-c", "user.name=Test", "-c", "user.email=test@example.org", "commit", "-qm", "start"]] {
                let git = Process()
                git.executableURL = URL(fileURLWithPath: "/usr/bin/env")
                git.arguments = ["git", "-C", root.path] + arguments
                git.standardOutput = FileHandle.nullDevice
                git.standardError = FileHandle.nullDevice
                try git.run()
                git.waitUntilExit()
            }
        }

        deinit { try? FileManager.default.removeItem(at: root) }

        func write(_ path: String, _ text: String) throws {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }

        func read(_ path: String) throws -> String { try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8) }

        func edit(_ path: String, _ change: (String) -> String) throws {
            try write(path, change(try read(path)))
        }

        var options: BuildOptions { BuildOptions(themeSearchFolders: ThemeLoader.searchFolders(projectRoot: root), today: TestSite.today) }

        @discardableResult
        func build() throws -> BuildResult {
            try CachedBuild.build(root: root, outputFolder: site, options: options)
        }

        /// What a clean build, without the cache, writes for the project as it is now.
        func cleanBuild() throws -> [String: Data] {
            let folder = root.appendingPathComponent("clean-site")
            defer { try? FileManager.default.removeItem(at: folder) }
            let result = try SiteBuilder(options: options).build(try ProjectInput.read(root: root), into: try FileSystemOutput(outputFolder: folder))
            #expect(result.didWrite)
            return try Self.tree(folder)
        }

        /// Each site file's inode: a file kept from the last build keeps its number.
        func siteFileNumbers() throws -> [String: Int] {
            var numbers: [String: Int] = [:]
            for path in FileStamp.files(under: site).keys {
                numbers[path] = try FileManager.default.attributesOfItem(atPath: site.appendingPathComponent(path).path)[.systemFileNumber] as? Int
            }
            return numbers
        }

        static func tree(_ folder: URL) throws -> [String: Data] {
            var files: [String: Data] = [:]
            for path in FileStamp.files(under: folder).keys { files[path] = try Data(contentsOf: folder.appendingPathComponent(path)) }
            return files
        }

        /// Builds, then checks the site against a clean build, file by file.
        @discardableResult
        func buildMatchingCleanBuild(sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> BuildResult {
            let result = try build()
            #expect(result.didWrite, sourceLocation: sourceLocation)
            let site = try Self.tree(self.site), clean = try cleanBuild()
            #expect(site.keys.sorted() == clean.keys.sorted(), sourceLocation: sourceLocation)
            let differing = clean.keys.filter { site[$0] != clean[$0] }.sorted()
            #expect(differing.isEmpty, "differ from a clean build: \(differing)", sourceLocation: sourceLocation)
            return result
        }
    }

    static let files: [String: String] = [
        "index.md": TestSite.page("Home", "Welcome to the guide. See [governance](governance.md#steering-groups).\n"),
        "governance.md": TestSite.page(
            "Governance", order: 1,
            """
            Intro text about the CAF and zebrafish.

            ## Steering groups

            Steering groups meet monthly. See [staffing](team/staffing.md).

            ## Ten early tasks

            - [ ] Agree the terms of reference
            - [ ] Name a chair
            """),
        "team/index.md": TestSite.page("Team", "The team section.\n"),
        "team/staffing.md": TestSite.page(
            "Staffing", order: 1, "Secondment and recruitment.\n\n## Secondment\n\nHow secondment works.\n", extra: "tags: [people]\n"),
        "glossary.md": TestSite.page("Glossary", order: 9, "## CAF\n\nCommon Assessment Framework: a shared assessment.\n", extra: "glossary: true\n"),
    ]

    @Test func bodyEditsAreBuiltFromTheCacheAsACleanBuildWould() throws {
        let project = try Project(Self.files)
        #expect(try project.buildMatchingCleanBuild().wasIncremental == false)

        // New words, a word only this page had gone, a glossary term used: text only.
        try project.edit("content/governance.md") { $0.replacingOccurrences(of: "CAF and zebrafish.", with: "CAF, partnership working and more.") }
        let edited = try project.buildMatchingCleanBuild()
        #expect(edited.wasIncremental)
        #expect(edited.pagesWritten == ["governance.html", "print.html"])
        #expect(try project.read("site/governance.html").contains("partnership working"))

        // Two pages at once, the second one later in the print edition.
        try project.edit("content/governance.md") { $0.replacingOccurrences(of: "meet monthly", with: "meet every month, or more often in the first year") }
        try project.edit("content/team/staffing.md") { $0.replacingOccurrences(of: "How secondment works.", with: "How secondment works, step by step.") }
        let both = try project.buildMatchingCleanBuild()
        #expect(both.wasIncremental && Set(both.pagesWritten) == ["governance.html", "team/staffing.html", "print.html", "print/team.html"])
        // The section's own print edition has the edit too (and the clean build's bytes, as every file).
        #expect(try project.read("site/print/team.html").contains("How secondment works, step by step."))

        // Saved again unchanged: nothing to write.
        try project.edit("content/index.md") { $0 }
        let unchanged = try project.buildMatchingCleanBuild()
        #expect(unchanged.wasIncremental && unchanged.pagesWritten.isEmpty)
    }

    /// Enough words for many term shards, so that kept shards, rewritten shards and shards whose
    /// cuts move are all there: new words, words gone, a common word's postings changed.
    @Test func bodyEditsAcrossManyTermShards() throws {
        func words(_ page: Int, _ count: Int) -> String {
            (0..<count).map { "w\(String(($0 * 7919 + page * 104_729) % 20_011, radix: 36))x" }.joined(separator: " ")
        }
        var files: [String: String] = ["index.md": TestSite.page("Home", "Common words here.\n")]
        for page in 0..<12 {
            files["p\(page).md"] = TestSite.page(
                "Page \(page)", order: page, "Common words. \(words(page, 700))\n\n## Part\n\nMore common words. \(words(page + 50, 300))\n")
        }
        let project = try Project(files)
        try project.build()
        let shards = try FileManager.default.contentsOfDirectory(atPath: project.site.appendingPathComponent("search").path).filter { $0.hasPrefix("terms-") }
        #expect(shards.count > 4)
        try project.edit("content/p3.md") { $0.replacingOccurrences(of: "Common words.", with: "Common words, \(words(99, 400)).") }
        #expect(try project.buildMatchingCleanBuild().wasIncremental)
        try project.edit("content/p3.md") { text in
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            return lines.map { $0.hasPrefix("More common") ? "More words, fewer of them." : String($0) }.joined(separator: "\n")
        }
        #expect(try project.buildMatchingCleanBuild().wasIncremental)
        try project.edit("content/p7.md") { $0.replacingOccurrences(of: "Common words.", with: "Common common common words.") }
        try project.edit("content/p1.md") { $0.replacingOccurrences(of: "More common words.", with: "Words.") }
        #expect(try project.buildMatchingCleanBuild().wasIncremental)
    }

    /// Each of these changes what other pages show, or what the build depends on.
    @Test(arguments: [
        ("title", "content/governance.md", "title: Governance", "title: Governance and oversight"),
        ("new heading", "content/governance.md", "## Ten early tasks", "## A new heading\n\nText.\n\n## Ten early tasks"),
        ("link", "content/index.md", "Welcome to the guide.", "Welcome to the [team](team/index.md) guide."),
        ("checklist item", "content/governance.md", "Name a chair", "Name a chair and a deputy"),
        ("glossary", "content/glossary.md", "a shared assessment", "an assessment shared by services"),
        ("configuration", SiteConfiguration.fileName, "title: Cache Guide", "title: Cached Guide"),
        ("summary", "content/team/staffing.md", "tags: [people]", "tags: [people]\nsummary: Who does what"),
    ])
    func otherEditsBuildEverything(kind: String, path: String, old: String, new: String) throws {
        let project = try Project(Self.files)
        try project.build()
        try project.edit(path) { text in
            #expect(text.contains(old), "\(kind)")
            return text.replacingOccurrences(of: old, with: new)
        }
        let result = try project.buildMatchingCleanBuild()
        #expect(!result.wasIncremental, "\(kind)")
        // And the cache it leaves is good for the next body edit.
        try project.edit("content/team/staffing.md") {
            $0.replacingOccurrences(of: "Secondment and recruitment.", with: "Secondment, recruitment and induction.")
        }
        #expect(try project.buildMatchingCleanBuild().wasIncremental, "\(kind)")
    }

    /// A title edit is a full build, but pages whose HTML would come out the same are kept as
    /// files (the same inode), and exactly the files whose bytes change are written.
    @Test(arguments: [
        (
            "a page in a section", "content/team/staffing.md", "title: Staffing", "title: Staffing and secondment",
            ["team/staffing.html", "team/index.html"], ["governance.html", "glossary.html", "index.html"]
        ),
        (
            "a top-level page", "content/governance.md", "title: Governance", "title: Governance and steering",
            ["governance.html", "index.html", "team/staffing.html", "glossary.html"], [String]()
        ),
    ])
    func aTitleEditRewritesOnlyThePagesThatShowIt(
        kind: String, path: String, old: String, new: String,
        rewritten expected: [String], kept: [String]
    ) throws {
        let project = try Project(Self.files)
        try project.buildMatchingCleanBuild()
        let bytesBefore = try Project.tree(project.site), filesBefore = try project.siteFileNumbers()
        try project.edit(path) { $0.replacingOccurrences(of: old, with: new) }
        let result = try project.buildMatchingCleanBuild()
        #expect(!result.wasIncremental && result.searchWasUpdated, "\(kind)")
        let bytesAfter = try Project.tree(project.site), filesAfter = try project.siteFileNumbers()
        let rewritten = Set(filesAfter.keys.filter { filesAfter[$0] != filesBefore[$0] })
        let changed = Set(bytesAfter.keys.filter { bytesAfter[$0] != bytesBefore[$0] })
        #expect(
            rewritten == changed,
            "\(kind): rewritten but unchanged \(rewritten.subtracting(changed).sorted()); changed but kept \(changed.subtracting(rewritten).sorted())")
        #expect(Set(expected).isSubset(of: rewritten), "\(kind): \(rewritten.sorted())")
        #expect(rewritten.isDisjoint(with: kept), "\(kind): \(rewritten.sorted())")
        // Generated pages are rendered and compared, not counted as kept.
        let generated: Set = ["404.html", "search.html", "checklists.html", "tags.html", "status.html", "print.html", "print/team.html"]
        #expect(
            result.pagesKept == filesAfter.keys.filter { $0.hasSuffix(".html") && !rewritten.contains($0) && !generated.contains($0) }.count,
            "\(kind)")
        // A body edit after it is built from the cache again.
        try project.edit("content/team/staffing.md") {
            $0.replacingOccurrences(of: "Secondment and recruitment.", with: "Secondment, recruitment and induction.")
        }
        #expect(try project.buildMatchingCleanBuild().wasIncremental, "\(kind)")
    }

    /// The index numbers its documents in reading order, so an edit that moves a page in it (its
    /// `order`, or its title where pages sort by title) renumbers them: the cached index is built
    /// again, not changed in place. A title edit that moves no page still changes it in place.
    @Test(arguments: [
        ("order", "content/a.md", "order: 1", "order: 3", false),
        ("title that reorders", "content/c.md", "title: Cherry", "title: Elderberry", false),
        ("title in the same place", "content/c.md", "title: Cherry", "title: Cherries", true),
    ])
    func aReadingOrderEditBuildsTheIndexAgain(kind: String, path: String, old: String, new: String, updatesIndex: Bool) throws {
        let project = try Project([
            "index.md": TestSite.page("Home", "Welcome to the orchard guide.\n"),
            "a.md": TestSite.page("Alpha", order: 1, "Apples and avocados.\n\n## Orchards\n\nOrchards need pruning.\n"),
            "b.md": TestSite.page("Beta", order: 2, "Bananas and blueberries.\n\n## Plantations\n\nPlantations need water.\n"),
            "c.md": TestSite.page("Cherry", "Cherries in summer.\n"),
            "d.md": TestSite.page("Damson", "Damsons in autumn.\n"),
        ])
        try project.buildMatchingCleanBuild()
        try project.edit(path) { text in
            #expect(text.contains(old), "\(kind)")
            return text.replacingOccurrences(of: old, with: new)
        }
        let result = try project.buildMatchingCleanBuild()
        #expect(!result.wasIncremental && result.searchWasUpdated == updatesIndex, "\(kind)")
        // The cache it leaves is good for the next body edit.
        try project.edit("content/b.md") { $0.replacingOccurrences(of: "need water", with: "need water and shade") }
        #expect(try project.buildMatchingCleanBuild().wasIncremental, "\(kind)")
    }

    /// A body edit from the cache records the new body's fingerprints: a later full build from the
    /// cache keeps that page as it is, and a body put back as it was is not taken for the old one.
    @Test func fingerprintsFollowBodyEditsFromTheCache() throws {
        let project = try Project(Self.files)
        try project.build()
        let original = try project.read("content/governance.md")
        // Edited from the cache, then the body put back as it was with a new title, in one save:
        // the body the last full build saw must not be taken for the page's body now.
        try project.edit("content/governance.md") { $0.replacingOccurrences(of: "Intro text", with: "Opening text") }
        #expect(try project.buildMatchingCleanBuild().wasIncremental)
        try project.write("content/governance.md", original.replacingOccurrences(of: "title: Governance", with: "title: Governance today"))
        let both = try project.buildMatchingCleanBuild()
        #expect(!both.wasIncremental && both.searchWasUpdated)
        #expect(try !project.read("site/print.html").contains("Opening text"))

        // Edited from the cache, then another section's title: governance.html does not show it,
        // so it is kept by its fingerprint (not rendered and found the same), edited body and all.
        try project.edit("content/governance.md") { $0.replacingOccurrences(of: "Intro text", with: "Opening text") }
        #expect(try project.buildMatchingCleanBuild().wasIncremental)
        let before = try project.siteFileNumbers()
        try project.edit("content/team/staffing.md") { $0.replacingOccurrences(of: "title: Staffing", with: "title: Staff") }
        let titleEdit = try project.buildMatchingCleanBuild()
        #expect(!titleEdit.wasIncremental && titleEdit.searchWasUpdated)
        let after = try project.siteFileNumbers()
        let generated: Set = ["404.html", "search.html", "checklists.html", "tags.html", "status.html", "print.html", "print/team.html"]
        let unchangedPages = after.keys.filter { $0.hasSuffix(".html") && !generated.contains($0) && after[$0] == before[$0] }
        #expect(unchangedPages.contains("governance.html"))
        #expect(titleEdit.pagesKept == unchangedPages.count, "\(unchangedPages.sorted())")
    }

    @Test func pagesComingAndGoingBuildEverything() throws {
        var files = Self.files
        files["team/draft.md"] = TestSite.page("Draft", "Not yet.\n", extra: "draft: true\n")
        let project = try Project(files)
        try project.build()
        // A draft is not in the site, so its text is not a page's text.
        try project.edit("content/team/draft.md") { $0 + "\nStill not.\n" }
        #expect(try !project.buildMatchingCleanBuild().wasIncremental)
        try project.write("content/team/new.md", TestSite.page("New page", "Fresh text.\n"))
        #expect(try !project.buildMatchingCleanBuild().wasIncremental)
        try FileManager.default.removeItem(at: project.root.appendingPathComponent("content/team/new.md"))
        #expect(try !project.buildMatchingCleanBuild().wasIncremental)
    }

    @Test func aFailedBuildLeavesSiteAndCacheAsTheyWere() throws {
        let project = try Project(Self.files)
        try project.build()
        let before = try Project.tree(project.site)
        let original = try project.read("content/governance.md")
        try project.edit("content/governance.md") { $0 + "\nA [broken](nowhere.md) link.\n" }
        let failed = try project.build()
        #expect(!failed.didWrite && failed.errorCount == 1)
        #expect(try Project.tree(project.site) == before)
        try project.write("content/governance.md", original)
        let restored = try project.buildMatchingCleanBuild()
        #expect(restored.wasIncremental && restored.pagesWritten.isEmpty)
    }

    @Test func aDamagedCacheOrAnEditedSiteMeansAFullBuild() throws {
        let project = try Project(Self.files)
        try project.build()
        let cacheFile = project.root.appendingPathComponent(".guidebook-cache/build.bin")
        let bytes = try Data(contentsOf: cacheFile)
        try bytes.prefix(bytes.count / 2).write(to: cacheFile)
        try project.edit("content/index.md") { $0 + "\nMore.\n" }
        #expect(try !project.buildMatchingCleanBuild().wasIncremental)
        // Someone changed the page in the site folder: it is built again, not patched.
        try project.write("site/index.html", "changed by hand")
        try project.edit("content/index.md") { $0 + "\nMore still.\n" }
        #expect(try !project.buildMatchingCleanBuild().wasIncremental)
        // Or removed a file, with nothing changed in the content: it is back.
        try FileManager.default.removeItem(at: project.site.appendingPathComponent("team/staffing.html"))
        #expect(try !project.buildMatchingCleanBuild().wasIncremental)
        try FileManager.default.removeItem(at: project.site)
        #expect(try !project.buildMatchingCleanBuild().wasIncremental)
    }

    @Test func aDamagedBlobFileMeansAFullBuild() throws {
        let project = try Project(Self.files)
        try project.build()
        let folder = project.root.appendingPathComponent(".guidebook-cache")
        func blobFile() throws -> URL {
            let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix("blobs-") }
            #expect(files.count == 1, "one blob file, the current one: \(files)")
            return folder.appendingPathComponent(try #require(files.first))
        }
        let url = try blobFile()
        try Data(repeating: 0x7E, count: try Data(contentsOf: url).count).write(to: url)
        try project.edit("content/governance.md") { $0.replacingOccurrences(of: "meet monthly", with: "meet weekly") }
        #expect(try !project.buildMatchingCleanBuild().wasIncremental)
        try FileManager.default.removeItem(at: try blobFile())
        try project.edit("content/governance.md") { $0.replacingOccurrences(of: "meet weekly", with: "meet daily") }
        #expect(try !project.buildMatchingCleanBuild().wasIncremental)
        try project.edit("content/governance.md") { $0.replacingOccurrences(of: "meet daily", with: "meet often") }
        #expect(try project.buildMatchingCleanBuild().wasIncremental)
    }

    @Test func cacheFilesRoundTrip() throws {
        var writer = CacheWriter()
        writer.int(-5)
        writer.int(1 << 40)
        writer.string("Ärger ✓")
        writer.strings(["", "a"])
        writer.ints([0, -1, 300])
        writer.range(3..<9)
        writer.range(nil)
        writer.dictionary(["b": "2", "a": "1"])
        var reader = CacheReader(writer.bytes)
        #expect(try reader.int() == -5 && reader.int() == 1 << 40 && reader.string() == "Ärger ✓")
        #expect(try reader.strings() == ["", "a"] && reader.ints() == [0, -1, 300])
        #expect(try reader.range() == 3..<9 && reader.range() == nil && reader.dictionary() == ["a": "1", "b": "2"])
        #expect(reader.isAtEnd)
        var truncated = CacheReader(Array(writer.bytes.prefix(5)))
        #expect(throws: CacheReader.Damaged.self) {
            _ = try truncated.int()
            _ = try truncated.int()
            _ = try truncated.string()
        }
    }
}
