import Foundation
import GuidebookTestSupport
import Testing

@testable import GuidebookKit

struct SchedulingTests {
    /// Pages, links, the glossary and the index are worked on in parallel; the bytes must not
    /// depend on how many workers there are or which finishes first.
    @Test func outputIsTheSameWithOneWorkerAndWithSeven() throws {
        var files: [String: String] = ["index.md": TestSite.page("Home", "See the [glossary](glossary.md).")]
        for section in 0..<4 {
            files["s\(section)/index.md"] = TestSite.page("Section \(section)", order: section)
            for page in 0..<12 {
                let body =
                    "## Part \(page)\n\nWork with the CAF and [page \((page + 1) % 12)](p\((page + 1) % 12).md#part-\((page + 1) % 12)).\n\n- [ ] Task \(page)\n- [ ] Another task\n"
                files["s\(section)/p\(page).md"] = TestSite.page("Page \(section)-\(page)", order: page, body, extra: "tags: [t\(page % 3)]\n")
            }
        }
        files["glossary.md"] = TestSite.page("Glossary", order: 9, "## CAF\n\nCommon Assessment Framework.\n", extra: "glossary: true\n")
        let site = TestSite(files)
        defer { Parallelism.setWorkers(0) }
        Parallelism.setWorkers(1)
        let (serialResult, serial) = try site.build()
        Parallelism.setWorkers(7)
        let (parallelResult, parallel) = try site.build()
        #expect(serialResult.didWrite && parallelResult.didWrite, "\(serialResult.diagnostics)")
        #expect(serial.files.count > 50)
        #expect(serial.files.keys.sorted() == parallel.files.keys.sorted())
        for (path, data) in serial.files { #expect(parallel.files[path] == data, "\(path) differs") }
    }
}

struct PrintEditionWriterTests {
    @Test func templateOutputIsCutAtBodyMarkersOfRealPagesOnly() {
        let (o, c) = (String(PrintEditionWriter.open), String(PrintEditionWriter.close))
        let parts = PrintEditionWriter.split("<h2>A</h2>\(o)0\(c)<h2>B \(o)x\(c) \(o)9\(c)</h2>\(o)1\(c)end", pageCount: 2)
        #expect(parts.map(\.text) == ["<h2>A</h2>", "<h2>B \(o)x\(c) \(o)9\(c)</h2>", "end"])
        #expect(parts.map(\.bodyOfPage) == [0, 1, nil])
    }

    @Test func theFileSystemOutputWritesPartsInOrder() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("guidebook-parts-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = try FileSystemOutput(outputFolder: folder)
        try output.write(
            parts: { emit in
                for number in 0..<1000 { try emit(Data("part \(number)\n".utf8)) }
            }, to: "print.html")
        try output.commit()
        let text = try String(contentsOf: folder.appendingPathComponent("print.html"), encoding: .utf8)
        #expect(text == (0..<1000).map { "part \($0)\n" }.joined())
    }
}
