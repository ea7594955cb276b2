import Foundation
import Testing

@testable import GuidebookKit

struct FileSystemOutputTests {
    func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("guidebook-output-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func commitReplacesTheWholeFolder() throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let site = root.appendingPathComponent("site")
        let first = try FileSystemOutput(outputFolder: site)
        try first.write(Data("old".utf8), to: "old.html")
        try first.write(Data("a".utf8), to: "a/b.html")
        try first.commit()
        let second = try FileSystemOutput(outputFolder: site)
        try second.write(Data("new".utf8), to: "new.html")
        try second.commit()
        #expect(try FileManager.default.contentsOfDirectory(atPath: site.path).sorted() == [OutputLocation.markerName, "new.html"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["site"], "no staging or retired folders left behind")
    }

    @Test func commitRefusesToReplaceAFolderGuidebookDidNotMake() throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = root.appendingPathComponent("mydocs")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("figures".utf8).write(to: folder.appendingPathComponent("budget.xlsx"))
        let output = try FileSystemOutput(outputFolder: folder)
        try output.write(Data("page".utf8), to: "index.html")
        #expect(throws: OutputError.self) { try output.commit() }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["budget.xlsx"])
        #expect(FileManager.default.contents(atPath: folder.appendingPathComponent("budget.xlsx").path) == Data("figures".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["mydocs"], "the staging folder is removed")
    }

    @Test func removingAFolderRemovesEverythingInItAndNothingALinkPointsTo() throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let tree = root.appendingPathComponent("tree"), outside = root.appendingPathComponent("outside")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: outside.appendingPathComponent("kept.txt"))
        for number in 0..<300 {
            let folder = tree.appendingPathComponent("s\(number % 9)/t\(number % 4)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data("\(number)".utf8).write(to: folder.appendingPathComponent("page-\(number).html"))
        }
        try FileManager.default.createDirectory(at: tree.appendingPathComponent("empty/deeper"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: tree.appendingPathComponent("s1/link"), withDestinationURL: outside)
        FolderRemoval.remove(tree.path)
        #expect(!FileManager.default.fileExists(atPath: tree.path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["outside"])
        #expect(FileManager.default.fileExists(atPath: outside.appendingPathComponent("kept.txt").path), "a link is removed, not followed")
    }

    @Test func writesNestedFilesFromManyThreadsAndReportsAFileInTheWay() throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let site = root.appendingPathComponent("site")
        let output = try FileSystemOutput(outputFolder: site)
        let paths = (0..<200).map { "f\($0 % 7)/g\($0 % 3)/page-\($0).html" }
        let failures = paths.concurrentMap { path in (try? output.write(Data(path.utf8), to: path)) == nil }
        #expect(!failures.contains(true))
        try output.write(Data("x".utf8), to: "taken")
        #expect(throws: OutputError.self) { try output.write(Data("y".utf8), to: "taken/inside.html") }
        try output.commit()
        for path in paths {
            #expect(try String(contentsOf: site.appendingPathComponent(path), encoding: .utf8) == path)
        }
    }

    @Test func discardLeavesThePreviousSiteExactlyAsItWas() throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let site = root.appendingPathComponent("site")
        let first = try FileSystemOutput(outputFolder: site)
        try first.write(Data("kept".utf8), to: "index.html")
        try first.commit()
        let failed = try FileSystemOutput(outputFolder: site)
        try failed.write(Data("half".utf8), to: "index.html")
        failed.discard()
        #expect(try String(contentsOf: site.appendingPathComponent("index.html"), encoding: .utf8) == "kept")
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["site"])
    }

    @Test func abandonedStagingFoldersOfDeadProcessesAreRemoved() throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let dead = root.appendingPathComponent(".site.building-999999999-abcd")
        let live = root.appendingPathComponent(".site.building-\(ProcessInfo.processInfo.processIdentifier)-other")
        try FileManager.default.createDirectory(at: dead, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: live, withIntermediateDirectories: true)
        let output = try FileSystemOutput(outputFolder: root.appendingPathComponent("site"))
        output.discard()
        #expect(!FileManager.default.fileExists(atPath: dead.path))
        #expect(FileManager.default.fileExists(atPath: live.path), "a running build's folder is left alone")
    }
}
