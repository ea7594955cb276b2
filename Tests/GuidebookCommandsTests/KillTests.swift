import Foundation
import Testing

@testable import GuidebookKit

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `guidebook build` killed with SIGKILL at a fixed list of moments (issue 22), in a guide of 319
/// pages: after a body edit of 84 pages (a build from the cache, which moves the new files into
/// the site through a journal) and after a title edit (a full build that keeps unchanged files,
/// then swaps the site folder). The moments are fixed delays from the start of the process, and,
/// since the moves take a few milliseconds, the first sight of each step beside the site (the
/// journal folder, the committed journal, the staging folder, the retired site), found by looking
/// every 50 µs. After each kill, the test checks:
/// - nothing is inside site/ that neither the old site nor the new one has (no temporary file);
/// - site/ is byte for byte the old site or the new one (a `--no-cache` build of the new content),
///   either at once or, when the kill came while files were being moved in (or between the two
///   renames of a swap), after the recovery every build starts with
///   (`FileSystemOutput.removeAbandonedFolders`, called here by the test);
/// - the next `guidebook build` writes exactly the new site and leaves nothing beside site/.
@Suite(.serialized) struct KillTests {
    @Test func bodyEditKilledAtManyMoments() throws {
        let delays = [0, 20, 50, 100, 200, 400, 700, 1000, 1200, 1300, 1400, 1500, 1600, 1700, 1800, 2000, 2400]
        let moments =
            delays.map(Moment.after) + [
                .when("journal folder made") { work, pid in Self.exists(work, ".site.journal-\(pid)") },
                .when("journal committed") { work, pid in Self.exists(work, ".site.journal-\(pid)/journal") },
                .when("journal committed", then: 1) { work, pid in Self.exists(work, ".site.journal-\(pid)/journal") },
                .when("journal committed", then: 3) { work, pid in Self.exists(work, ".site.journal-\(pid)/journal") },
            ]
        try killBuilds(at: moments, after: KillGuide.editBodies)
    }

    @Test func fullBuildKilledAtManyMoments() throws {
        let delays = [0, 10, 20, 40, 60, 80, 100, 130, 160, 200, 250, 300, 350, 400, 500]
        let moments =
            delays.map(Moment.after) + [
                .when("staging folder made") { work, pid in Self.names(work).contains { $0.hasPrefix(".site.building-\(pid)-") } },
                .when("marker written in the staging folder") { work, pid in
                    Self.names(work).contains { $0.hasPrefix(".site.building-\(pid)-") && Self.exists(work, "\($0)/.guidebook-site") }
                },
                .when("old site retired") { work, pid in Self.names(work).contains { $0.hasPrefix(".site.old-\(pid)-") } },
            ]
        try killBuilds(at: moments, after: KillGuide.editOneTitle)
    }

    /// The two renames of a swap are too close together for a kill to fall between them often; as
    /// one would leave things: no site folder, the old site retired, the new one complete. The
    /// next build puts the old one back before it reads anything, and removes the new one.
    @Test func aSiteRetiredByAKilledSwapIsPutBack() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("guidebook-kill-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let site = root.appendingPathComponent("site")
        for (folder, text) in [(".site.old-999999999-0a1b2c3d", "old"), (".site.building-999999999-4e5f6a7b", "new")] {
            let url = root.appendingPathComponent(folder)
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url.appendingPathComponent("index.html"))
            try Data(OutputLocation.markerText.utf8).write(to: url.appendingPathComponent(OutputLocation.markerName))
        }
        FileSystemOutput.removeAbandonedFolders(beside: site)
        #expect(try String(contentsOf: site.appendingPathComponent("index.html"), encoding: .utf8) == "old")
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["site"])
        // Without the staged site beside it, a retired one may be half removed (a build killed as
        // it removed it, then site/ deleted by hand): it is removed, never put back.
        try FileManager.default.moveItem(at: site, to: root.appendingPathComponent(".site.old-999999999-5c6d7e8f"))
        FileSystemOutput.removeAbandonedFolders(beside: site)
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == [])
    }

    /// When to kill: once `reached` is true (looked at every 50 µs), `delay` milliseconds later.
    struct Moment: CustomStringConvertible {
        var name: String
        var delay: Int
        var reached: @Sendable (_ work: URL, _ pid: Int32) -> Bool
        var description: String { delay == 0 ? name : "\(name) + \(delay) ms" }

        static func after(_ delay: Int) -> Moment { Moment(name: "start", delay: delay) { _, _ in true } }

        static func when(_ name: String, then delay: Int = 0, _ reached: @escaping @Sendable (URL, Int32) -> Bool) -> Moment {
            Moment(name: name, delay: delay, reached: reached)
        }
    }

    /// What one kill found: the site as it was, as a clean build makes it, or neither until the
    /// recovery ran; or the build had already finished.
    enum Outcome: String { case old, new, recovered, finished }

    private func killBuilds(at moments: [Moment], after edit: (URL) throws -> Void) throws {
        let guide = try KillGuide()
        defer { guide.remove() }
        let work = guide.work, site = guide.work.appendingPathComponent("site")
        try guide.restore()
        let old = SiteFiles(site)
        try edit(work)
        #expect(try GuidebookProcess.run(["build", "--no-cache"], in: work).status == 0)
        let new = SiteFiles(site)
        let changes = old.files != new.files
        #expect(changes, "the edit changes the site")
        let known = old.entries.union(new.entries)
        var outcomes: [Outcome] = []
        for moment in moments {
            try guide.restore()
            try edit(work)
            let process = Process()
            process.executableURL = GuidebookProcess.executable
            process.arguments = ["build"]
            process.currentDirectoryURL = work
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            let pid = process.processIdentifier
            while process.isRunning && !moment.reached(work, pid) { usleep(50) }
            usleep(UInt32(moment.delay * 1000))
            if process.isRunning { kill(pid, SIGKILL) }
            process.waitUntilExit()

            let killed = SiteFiles(site)
            let strays = killed.entries.subtracting(known)
            #expect(strays.isEmpty, "killed at \(moment): site/ holds \(strays.sorted())")
            // Compared first, so that a failure prints the files that differ, not every file.
            var outcome: Outcome
            if process.terminationReason == .exit {
                outcome = .finished
                let isClean = killed.files == new.files
                #expect(isClean, "finished before \(moment), but not as a clean build: \(killed.differences(from: new))")
            } else if killed.files == old.files {
                outcome = .old
            } else if killed.files == new.files {
                outcome = .new
            } else {
                // Killed while the new files were moved in, or between the two renames of a swap.
                outcome = .recovered
                let committed = Self.exists(work, ".site.journal-\(pid)/journal")
                FileSystemOutput.removeAbandonedFolders(beside: site)
                let recovered = SiteFiles(site)
                let isOld = recovered.files == old.files, isNew = recovered.files == new.files
                #expect(
                    isOld || isNew, "killed at \(moment): after recovery site/ is neither the old site nor the new one: \(recovered.differences(from: new))")
                #expect(!committed || isNew, "killed at \(moment): a committed journal was not finished")
            }
            outcomes.append(outcome)

            let next = try GuidebookProcess.run(["build"], in: work)
            #expect(next.status == 0, "the build after a kill at \(moment): \(next.standardError)")
            let rebuilt = SiteFiles(site)
            let isClean = rebuilt.files == new.files
            #expect(isClean, "the build after a kill at \(moment) differs from a clean build: \(rebuilt.differences(from: new))")
            let beside = Self.names(work).filter { $0.hasPrefix(".site") }
            #expect(beside.isEmpty, "left beside site/ by the build after a kill at \(moment): \(beside)")
        }
        // What the kills found, for the reader of the log: it depends on the machine's speed.
        print("KillTests: " + zip(moments, outcomes).map { "\($0): \($1.rawValue)" }.joined(separator: ", "))
        #expect(outcomes.contains(.old), "at least one kill came before the site changed")
    }

    private static func names(_ folder: URL) -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    }

    private static func exists(_ folder: URL, _ path: String) -> Bool {
        access(folder.path + "/" + path, F_OK) == 0
    }
}

/// Every file and folder under a site folder, and the bytes of each file.
struct SiteFiles {
    var entries: Set<String> = []
    var files: [String: Data] = [:]

    init(_ folder: URL) {
        guard let enumerator = FileManager.default.enumerator(atPath: folder.path) else { return }
        while let path = enumerator.nextObject() as? String {
            entries.insert(path)
            if let data = FileManager.default.contents(atPath: folder.appendingPathComponent(path).path) { files[path] = data }
        }
    }

    func differences(from other: SiteFiles) -> [String] {
        Array(Set(files.keys).union(other.files.keys).filter { files[$0] != other.files[$0] }.sorted().prefix(10))
    }
}

/// A generated guide of 319 pages in git, built once; `restore` puts back that state (content,
/// site, cache, with their modification times, at the same path, so the cache still holds) before
/// each kill.
struct KillGuide {
    let folder: URL
    var work: URL { folder.appendingPathComponent("work") }
    private var pristine: URL { folder.appendingPathComponent("pristine") }
    static let sectionCount = 12, pagesPerSection = 25

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("guidebook-kill-\(UUID().uuidString)")
        try write("title: Kill Guide\norganisation: Test Council\nlanguage: en-GB\n", to: "guidebook.yml")
        try write(Self.page(title: "Home", seed: 0), to: "content/index.md")
        for section in 1...Self.sectionCount {
            try write(Self.page(title: "Section \(section)", seed: section * 1000), to: "content/s\(section)/index.md")
            for number in 1...Self.pagesPerSection {
                try write(Self.page(title: "Page \(section).\(number)", seed: section * 1000 + number), to: "content/s\(section)/p\(number).md")
            }
        }
        // The default theme copied into the project, where a build looks first: these builds take
        // a minute or two, and must all see one theme even if the checkout's changes meanwhile.
        try FileManager.default.createDirectory(at: work.appendingPathComponent("themes"), withIntermediateDirectories: true)
        try Self.run("/bin/cp", ["-a", GuidebookProcess.repositoryRoot.appendingPathComponent("themes/default").path, "themes/default"], in: work)
        try Self.run("/usr/bin/env", ["git", "init", "-q", "."], in: work)
        try Self.run("/usr/bin/env", ["git", "add", "-A"], in: work)
        try Self.run("/usr/bin/env", ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", "commit", "-q", "-m", "Guide"], in: work)
        let built = try GuidebookProcess.run(["build"], in: work)
        guard built.status == 0 else { throw KillGuideError(message: built.standardError) }
        try Self.run("/bin/cp", ["-a", work.path, pristine.path], in: folder)
    }

    func restore() throws {
        try? FileManager.default.removeItem(at: work)
        try Self.run("/bin/cp", ["-a", pristine.path, work.path], in: folder)
    }

    func remove() {
        try? FileManager.default.removeItem(at: folder)
    }

    /// The first paragraph of every fourth page changes (84 pages): the same headings, links and
    /// front matter, so a build from the cache.
    static func editBodies(_ work: URL) throws {
        for path in try FileManager.default.subpathsOfDirectory(atPath: work.appendingPathComponent("content").path)
        where path.hasSuffix("0.md") || path.hasSuffix("4.md") || path.hasSuffix("8.md") {
            let url = work.appendingPathComponent("content/\(path)")
            let text = try String(contentsOf: url, encoding: .utf8)
            try Data(text.replacingOccurrences(of: "This page begins", with: "This edited page now begins").utf8).write(to: url)
        }
    }

    /// One title changes: the pages that show it are rendered again, the rest kept (a full build).
    static func editOneTitle(_ work: URL) throws {
        let url = work.appendingPathComponent("content/s6/p12.md")
        let text = try String(contentsOf: url, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "title: Page 6.12", with: "title: Renamed page 6.12").utf8).write(to: url)
    }

    /// A page of about 400 words from a small vocabulary, in three sections.
    static func page(title: String, seed: Int) -> String {
        var state = UInt64(seed) &* 6364136223846793005 &+ 1442695040888963407
        func words(_ count: Int) -> String {
            (0..<count).map { _ in
                state = state &* 6364136223846793005 &+ 1442695040888963407
                return vocabulary[Int(state >> 33) % vocabulary.count]
            }.joined(separator: " ")
        }
        var text = "---\ntitle: \(title)\n---\n\nThis page begins \(words(40)).\n"
        for part in 1...3 {
            text += "\n## Part \(part)\n\n\(words(60)).\n\n\(words(60)).\n"
        }
        return text
    }

    static let vocabulary = """
        council service team plan review budget staff training meeting record policy practice support family school health \
        partner agency report referral panel risk guidance standard outcome visit contact network session course volunteer \
        housing youth safeguarding evidence progress target resource premises office agreement protocol appraisal induction
        """.split(separator: " ").map(String.init)

    private func write(_ text: String, to path: String) throws {
        let url = work.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    private static func run(_ executable: String, _ arguments: [String], in folder: URL) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = folder
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw KillGuideError(message: "\(executable) \(arguments.joined(separator: " ")) failed") }
    }
}

struct KillGuideError: Error {
    var message: String
}
