import Foundation
import Testing

/// `guidebook import`: each fixture in Tests/Fixtures/import/ (written in the shape of its tool) is
/// imported into a temporary folder and built; the build has no errors, the reading order is the
/// tool's navigation order, and the source is left byte for byte as it was.
struct ImportCommandTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var format: String
        /// The site's pages from `index.html`, following each page's "next" link.
        var readingOrder: [String]
        /// What import reports it could not convert, as `path:line: [code]`.
        var importWarnings: [String]
        /// The warnings the build of the imported project gives (codes), sorted: all about text
        /// import reported and left as it was.
        var buildWarnings: [String]
        var testDescription: String { format }
    }

    static let cases: [Case] = [
        Case(
            format: "mkdocs",
            readingOrder: ["index.html", "reporting.html", "contractors/index.html", "contractors/visits.html", "contractors/approved.html", "faq.html"],
            importWarnings: ["docs/faq.md:3 [import-admonition]", "docs/reporting.md:20 [import-include]"],
            buildWarnings: []),
        Case(
            format: "jekyll",
            readingOrder: ["index.html", "paying.html", "discounts.html", "guides/index.html", "guides/moving-home.html", "about.html"],
            importWarnings: ["paying.md:15 [import-include]"],
            buildWarnings: ["template-syntax", "template-syntax"]),
        Case(
            format: "hugo",
            readingOrder: ["index.html", "bins/index.html", "bins/missed.html", "bins/collection-days.html", "recycling.html", "garden-waste.html"],
            importWarnings: ["content/recycling.md:8 [import-shortcode]"],
            buildWarnings: ["template-syntax"]),
        Case(
            format: "tech-docs",
            readingOrder: ["index.html", "applying.html", "renewing/index.html", "renewing/by-post.html", "renewing/online.html"],
            importWarnings: ["source/index.html.md.erb:10 [import-erb]"],
            buildWarnings: ["template-syntax"]),
        Case(
            format: "markdown",
            readingOrder: ["index.html", "expenses.html", "leave.html", "it/index.html", "it/passwords.html", "it/laptops.html"],
            importWarnings: [],
            buildWarnings: []),
    ]

    static func fixture(_ format: String) -> URL {
        GuidebookProcess.repositoryRoot.appendingPathComponent("Tests/Fixtures/import/\(format)")
    }

    @Test(arguments: cases) func importsAndBuildsInReadingOrder(_ test: Case) throws {
        let source = Self.fixture(test.format)
        let before = Self.snapshot(source)
        let folder = try ImportScratchFolder()
        let output = folder.url.appendingPathComponent("imported")

        let imported = try GuidebookProcess.run(["import", test.format, source.path, "--output", output.path], in: folder.url)
        #expect(imported.status == 0, "\(imported.standardError)")
        #expect(imported.standardOutput.contains("Imported "))
        let reported = imported.standardError.split(separator: "\n").compactMap(Self.warningKey)
        #expect(reported == test.importWarnings, "\(imported.standardError)")
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("guidebook.yml").path))

        let built = try GuidebookProcess.run(["build", "--source", output.path, "--max-errors", "0"], in: folder.url)
        #expect(built.status == 0, "\(built.standardError)")
        let lines = built.standardError.split(separator: "\n")
        #expect(!lines.contains { $0.contains(": error: ") }, "\(built.standardError)")
        let warnings = lines.filter { $0.contains(": warning: ") }.compactMap { $0.split(separator: "[").last?.dropLast() }.map(String.init).sorted()
        #expect(warnings == test.buildWarnings, "\(built.standardError)")

        #expect(Self.readingOrder(site: output.appendingPathComponent("site")) == test.readingOrder)
        #expect(Self.snapshot(source) == before, "the source is never changed")
    }

    @Test func convertsWhatHasAMeaningHere() throws {
        let folder = try ImportScratchFolder()
        func page(_ format: String, _ path: String) throws -> String {
            let output = folder.url.appendingPathComponent(format)
            if !FileManager.default.fileExists(atPath: output.path) {
                let outcome = try GuidebookProcess.run(["import", format, Self.fixture(format).path, "--output", output.path, "--quiet"], in: folder.url)
                #expect(outcome.status == 0, "\(outcome.standardError)")
            }
            return try String(contentsOf: output.appendingPathComponent(path), encoding: .utf8)
        }
        let reporting = try page("mkdocs", "content/reporting.md")
        #expect(reporting.contains("> [!WARNING]\n> **Gas leaks**\n>\n> A gas leak"))
        #expect(reporting.contains("summary: The three ways a tenant can report a repair."))
        #expect(reporting.contains("order: 2\n"))
        #expect(!reporting.contains("title:"), "the opening heading gives the title")
        #expect(try page("mkdocs", "content/contractors/visits.md").contains("> [!NOTE]\n> **Example**\n>\n> The contractor calls"))
        #expect(try page("mkdocs", "content/faq.md").contains("```markdown\n!!! note \"This is an example in a code block\""))
        #expect(try page("mkdocs", "content/contractors/index.md").contains("# Contractors"))
        #expect(try page("mkdocs", "guidebook.yml") == "title: \"Housing Repairs Guide\"\n")

        let paying = try page("jekyll", "content/paying.md")
        #expect(paying.contains("> [!NOTE]\n> Direct Debit"))
        #expect(paying.contains("[about us](about.md) and [moving home](guides/moving-home.md)"))
        #expect(paying.contains("![A bill](files/images/bill.png)"))
        #expect(try page("jekyll", "content/index.md").contains("[discounts](discounts.md)"))
        #expect(try page("jekyll", "content/guides/moving-home.md").contains("[discounts](../discounts.md)"))
        #expect(try page("jekyll", "content/discounts.md").contains("tags:\n- single-person\n- students"))
        let about = try page("jekyll", "content/about.md")
        #expect(about.contains("[the guide's repository](https://git.example.gov.uk/revenues/ctax-help/issues)"))
        #expect(about.contains("```liquid\nDear {{ resident.name }},\n```"))

        let missed = try page("hugo", "content/bins/missed.md")
        #expect(missed.contains("> [!WARNING]\n> Only log"))
        #expect(missed.contains("[collection days](collection-days.md)"))
        #expect(missed.contains("[recycling](../recycling.md)"))
        #expect(try page("hugo", "content/index.md").contains("title: \"Waste and recycling\"\nsummary: \"Bin collections"))
        #expect(try page("hugo", "content/recycling.md").contains("![A recycling bin](images/recycling.png)"))

        let applying = try page("tech-docs", "content/applying.md")
        #expect(applying.contains("owner: '#parking-team'"))
        #expect(applying.contains("reviewed: 2026-10-01\nreview_by: 2027-10-01"))
        #expect(applying.contains("[renew by post](renewing/by-post.md)"))
        #expect(try page("tech-docs", "content/renewing/online.md").contains("[apply first](../applying.md)"))
        #expect(!(try page("tech-docs", "content/renewing/by-post.md")).contains("owner:"), "no owner is invented")

        #expect(try page("markdown", "content/expenses.md").contains("> [!WARNING]\n> **Receipts**\n>\n> Keep every receipt."))
        #expect(try page("markdown", "content/it/laptops.md").contains("order: 6"))
    }

    @Test func refusesANonEmptyOutputFolderAndWritesBesideTheSourceByDefault() throws {
        let folder = try ImportScratchFolder()
        let output = folder.url.appendingPathComponent("taken")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        try Data("mine".utf8).write(to: output.appendingPathComponent("notes.txt"))
        let refused = try GuidebookProcess.run(["import", "markdown", Self.fixture("markdown").path, "--output", output.path], in: folder.url)
        #expect(refused.status == 2)
        #expect(refused.standardError.contains("is not empty"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: output.path) == ["notes.txt"])

        let copy = folder.url.appendingPathComponent("handbook")
        try FileManager.default.copyItem(at: Self.fixture("markdown"), to: copy)
        let imported = try GuidebookProcess.run(["import", "markdown", "handbook"], in: folder.url)
        #expect(imported.status == 0, "\(imported.standardError)")
        #expect(FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("handbook-guidebook/content/index.md").path))
        #expect(try GuidebookProcess.run(["import", "markdown", "handbook"], in: folder.url).status == 2, "the second import finds the folder full")
        #expect(
            try GuidebookProcess.run(["import", "markdown", "handbook", "--output", "handbook/out"], in: folder.url).status == 2, "never inside the source")
        #expect(try GuidebookProcess.run(["import", "sphinx", "handbook"], in: folder.url).status == 2)
        #expect(try GuidebookProcess.run(["import", "markdown", "missing"], in: folder.url).status == 2)
    }

    /// `docs/faq.md:3:1: warning: ... [import-admonition]` -> `docs/faq.md:3 [import-admonition]`.
    static func warningKey(_ line: Substring) -> String? {
        guard line.contains(": warning: "), let code = line.split(separator: "[").last else { return nil }
        let parts = line.split(separator: ":")
        return "\(parts[0]):\(parts[1]) [\(code)"
    }

    static func readingOrder(site: URL) -> [String] {
        var order: [String] = []
        var page: String? = "index.html"
        while let current = page, !order.contains(current), order.count < 100 {
            order.append(current)
            guard let html = try? String(contentsOf: site.appendingPathComponent(current), encoding: .utf8),
                let range = html.range(of: "<a rel=\"next\" href=\"")
            else { break }
            let href = html[range.upperBound...].prefix { $0 != "\"" }
            let folder = (current as NSString).deletingLastPathComponent
            page = (URL(fileURLWithPath: "/" + folder).appendingPathComponent(String(href)).standardizedFileURL.path as String).dropFirst().description
        }
        return order
    }

    static func snapshot(_ root: URL) -> [String: Data] {
        var files: [String: Data] = [:]
        guard let enumerator = FileManager.default.enumerator(atPath: root.path) else { return [:] }
        while let path = enumerator.nextObject() as? String {
            if let data = FileManager.default.contents(atPath: root.appendingPathComponent(path).path) { files[path] = data }
        }
        return files
    }
}

/// An empty folder under the system's temporary folder, removed when the test ends.
final class ImportScratchFolder {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("guidebook-import-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: url) }
}

/// kramdown's and attr_list's heading ids become `{#id}` on the heading, so links to them work.
struct HeadingIDImportTests {
    @Test func attributeListIDsMoveOntoTheirHeading() throws {
        let source = FileManager.default.temporaryDirectory.appendingPathComponent("guidebook-kramdown-\(UUID().uuidString)")
        let output = source.appendingPathExtension("out")
        defer {
            try? FileManager.default.removeItem(at: source)
            try? FileManager.default.removeItem(at: output)
        }
        try FileManager.default.createDirectory(at: source, withIntermediateDirectories: true)
        try Data("title: Kramdown\n".utf8).write(to: source.appendingPathComponent("_config.yml"))
        try Data("---\ntitle: Home\n---\nSee [v1](changes.md#v1-0-0) and [options](changes.md#opts).\n".utf8).write(
            to: source.appendingPathComponent("index.md"))
        try Data("---\ntitle: Changes\n---\n## Version 1.0.0\n{: #v1-0-0}\n\nFirst.\n\n## Options {: #opts}\n\nMore.\n".utf8).write(
            to: source.appendingPathComponent("changes.md"))
        let imported = try GuidebookProcess.run(["import", "jekyll", source.path, "--output", output.path], in: FileManager.default.temporaryDirectory)
        #expect(imported.status == 0, "\(imported.standardError)")
        let page = try String(contentsOf: output.appendingPathComponent("content/changes.md"), encoding: .utf8)
        #expect(page.contains("## Version 1.0.0 {#v1-0-0}\n\nFirst.") && page.contains("## Options {#opts}\n"), "\(page)")
        let built = try GuidebookProcess.run(["build", "--strict", "--source", output.path], in: FileManager.default.temporaryDirectory)
        #expect(built.status == 0, "\(built.standardError)")
    }
}
