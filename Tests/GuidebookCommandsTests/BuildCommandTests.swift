import Foundation
import Testing

struct BuildCommandTests {
    @Test func buildsTheFixtureSite() throws {
        let project = try ProjectCopy()
        let outcome = try project.build()
        #expect(outcome.status == 0, "\(outcome.standardError)")
        #expect(outcome.standardOutput.contains("Built 15 pages into "), "the summary goes to standard output")
        #expect(outcome.standardOutput.contains("0 warnings"))
        #expect(!outcome.standardError.contains("Built"))
        let snapshot = project.siteSnapshot()
        for path in [
            "index.html", "first.html", "section/index.html", "section/deeper/gamma.html", "section/square.svg", "assets/css/guidebook.css", "checklists.html",
            "search.html",
        ] {
            #expect(snapshot[path] != nil, "\(path) missing")
        }
    }

    @Test func quietPrintsNothingOnSuccess() throws {
        let outcome = try ProjectCopy().build(["--quiet"])
        #expect(outcome.status == 0)
        #expect(outcome.standardError.isEmpty && outcome.standardOutput.isEmpty)
    }

    /// A migrated guide may have thousands of problems: the first --max-errors are printed (by
    /// place), then how many more, and a count for each code; a note repeated for one code once.
    @Test func manyProblemsArePrintedUpToTheLimitWithTotals() throws {
        let project = try ProjectCopy()
        let links = (1...8).map { "[gone \($0)](gone-\($0).md)" }.joined(separator: "\n\n")
        try project.write(TestText.page("Last", links + "\n\n# A second h1\n"), to: "content/last.md")
        let outcome = try project.build(["--max-errors", "3"])
        #expect(outcome.status == 1)
        let lines = outcome.standardError.split(separator: "\n").map(String.init)
        #expect(lines.filter { $0.contains(": error: ") || $0.contains(": warning: ") }.count == 3, "\(outcome.standardError)")
        #expect(lines.contains("... 6 more not shown (--max-errors 0 shows them all)"), "\(outcome.standardError)")
        #expect(lines.last == "by code: 8 errors [broken-link], 1 warning [heading-level]", "\(outcome.standardError)")
        #expect(outcome.standardOutput.contains("Build failed: 8 pages checked, 8 errors, 1 warning"), "\(outcome.standardOutput)")
        let all = try project.build(["--max-errors", "0"])
        #expect(all.standardError.split(separator: "\n").filter { $0.contains(": error: ") }.count == 8)
    }

    @Test func removedPagesDisappear() throws {
        let project = try ProjectCopy()
        #expect(try project.build().status == 0)
        try project.remove("content/last.md")
        try project.write(TestText.page("First", "No more links to the last page."), to: "content/first.md")
        #expect(try project.build().status == 0)
        #expect(project.siteSnapshot()["last.html"] == nil)
    }

    struct BadInput: CustomTestStringConvertible, Sendable {
        var name: String
        var change: @Sendable (ProjectCopy) throws -> Void
        /// Each line must appear in standard error.
        var expected: [String]
        var testDescription: String { name }
    }

    static let badInputs: [BadInput] = [
        BadInput(
            name: "front matter not closed", change: { try $0.write("---\ntitle: Open\n\nBody\n", to: "content/last.md") },
            expected: ["content/last.md:1:1: error: front matter is not closed [unclosed-front-matter]"]),
        BadInput(
            name: "invalid YAML", change: { try $0.write("---\ntitle: T\ntags: [a, b\n---\n", to: "content/last.md") },
            expected: ["content/last.md:4:", "error: invalid YAML in front matter", "[invalid-front-matter]"]),
        BadInput(
            name: "order is not an integer", change: { try $0.write("---\ntitle: T\norder: first\n---\n", to: "content/last.md") },
            expected: ["content/last.md:3:8: error: 'order' in front matter must be an integer, not 'first' [invalid-front-matter]"]),
        BadInput(
            name: "tags is not a list", change: { try $0.write("---\ntitle: T\ntags: 3\n---\n", to: "content/last.md") },
            expected: ["content/last.md:3:7: error: 'tags' in front matter must be a list, such as [a, b], not '3' [invalid-front-matter]"]),
        BadInput(
            name: "missing title", change: { try $0.write("---\nsummary: S\n---\n", to: "content/last.md") },
            expected: ["content/last.md:2:1: error: front matter has no 'title' [missing-title]"]),
        BadInput(
            name: "not UTF-8", change: { try $0.write(Data("---\ntitle: T\n---\nab".utf8) + Data([0xFF, 0xFE]), to: "content/last.md") },
            expected: ["content/last.md:4:3: error: file is not valid UTF-8 [invalid-encoding]"]),
        BadInput(
            name: "two files for one page",
            change: {
                try $0.write(TestText.page("Twin"), to: "content/first page.md")
                try $0.write(TestText.page("Twin"), to: "content/first-page.md")
            },
            expected: ["error: 'content/first-page.md' and 'content/first page.md' would both be written to 'first-page.html' [duplicate-output]"]),
        BadInput(
            name: "unsafe file name", change: { try $0.write(TestText.page("Q"), to: "content/why\\not.md") },
            expected: ["content/why\\not.md:1:1: error: 'why\\not.md' is not a safe name for a web page or folder: it contains '\\' [unsafe-path]"]),
        BadInput(
            name: "two names with one web name",
            change: {
                try $0.write(TestText.page("A"), to: "content/Q&A.md")
                try $0.write(TestText.page("B"), to: "content/Q and A.md")
            },
            expected: ["error: 'content/Q&A.md' and 'content/Q and A.md' would both be written to 'Q-and-A.html' [duplicate-output]"]),
        BadInput(
            name: "control character in a folder name", change: { try $0.write(TestText.page("C"), to: "content/bad\u{7}folder/page.md") },
            expected: ["is not a safe name for a web page or folder: it contains a control character [unsafe-path]"]),
        BadInput(
            name: "empty content folder",
            change: {
                try $0.remove("content")
                try FileManager.default.createDirectory(at: $0.root.appendingPathComponent("content"), withIntermediateDirectories: true)
            },
            expected: ["content:1:1: error: the content folder has no Markdown pages [empty-content]"]),
        BadInput(
            name: "unknown theme", change: { try $0.write("title: Fixture Guide\ntheme: nosuch\n", to: "guidebook.yml") },
            expected: ["guidebook.yml:2:8: error: theme 'nosuch' does not exist [unknown-theme]"]),
        BadInput(
            name: "template syntax error",
            change: {
                try $0.write("title: Fixture Guide\ntheme: broken\n", to: "guidebook.yml")
                try $0.write("<html>\n<body>\n{{#page}}\n{{title}}\n</body>\n", to: "themes/broken/templates/page.mustache")
            }, expected: ["themes/broken/templates/page.mustache:", "error: template syntax error", "[template-error]"]),
        BadInput(
            name: "external script in a theme",
            change: {
                try $0.write("title: Fixture Guide\ntheme: leaky\n", to: "guidebook.yml")
                try $0.write(
                    "<html>\n<script src=\"https://cdn.example.org/x.js\"></script>{{{content}}}\n</html>\n", to: "themes/leaky/templates/page.mustache")
            },
            expected: [
                "themes/leaky/templates/page.mustache:2:14: error: 'https://cdn.example.org/x.js' would be loaded from outside the site [external-resource]"
            ]),
        BadInput(
            name: "unknown key in guidebook.yml", change: { try $0.write("title: Fixture Guide\ncolour: blue\n", to: "guidebook.yml") },
            expected: ["guidebook.yml:2:1: error: unknown key 'colour' in guidebook.yml [invalid-configuration]"]),
        BadInput(
            name: "wrong type in guidebook.yml", change: { try $0.write("title: Fixture Guide\nunsafe_html: [yes]\n", to: "guidebook.yml") },
            expected: ["guidebook.yml:2:14: error: 'unsafe_html' in guidebook.yml must be true or false, not a list [invalid-configuration]"]),
        BadInput(
            name: "broken link", change: { try $0.write(TestText.page("Last", "See [gone](gone.md)."), to: "content/last.md") },
            expected: ["content/last.md:4:5: error: link target 'gone.md' does not exist [broken-link]"]),
    ]

    @Test(arguments: badInputs)
    func badInputGetsADiagnosticAndLeavesTheSiteUntouched(_ bad: BadInput) throws {
        let project = try ProjectCopy()
        #expect(try project.build().status == 0)
        let before = project.siteSnapshot()
        try bad.change(project)
        let outcome = try project.build()
        #expect(outcome.status == 1)
        for line in bad.expected {
            #expect(outcome.standardError.contains(line), "expected '\(line)' in:\n\(outcome.standardError)")
        }
        #expect(outcome.standardOutput.contains("Build failed:"))
        #expect(project.siteSnapshot() == before, "the previous site/ must be untouched")
        #expect(!outcome.standardError.contains("Fatal error"))
    }

    @Test func everyErrorOfARunIsReported() throws {
        let project = try ProjectCopy()
        try project.write("---\ntitle: T\norder: first\n---\n", to: "content/last.md")
        try project.write(TestText.page("First", "[a](nowhere.md)"), to: "content/first.md")
        try project.write("title: Fixture Guide\nextra: 1\n", to: "guidebook.yml")
        let outcome = try project.build()
        #expect(outcome.status == 1)
        #expect(outcome.standardError.contains("[invalid-front-matter]"))
        #expect(outcome.standardError.contains("[broken-link]"))
        #expect(outcome.standardError.contains("[invalid-configuration]"))
        // last.md, with an error in its front matter, is still a page, and is counted as checked.
        #expect(outcome.standardOutput.contains("Build failed: 8 pages checked, 3 errors"), "\(outcome.standardOutput)")
    }

    @Test func warningsFailOnlyWithStrict() throws {
        let project = try ProjectCopy()
        try project.write(TestText.page("Last", "# Another h1\n"), to: "content/last.md")
        let relaxed = try project.build()
        #expect(relaxed.status == 0)
        #expect(relaxed.standardError.contains("content/last.md:4:1: warning: level 1 heading 'Another h1' in the body"))
        let strict = try project.build(["--strict"])
        #expect(strict.status == 1)
        #expect(strict.standardOutput.contains("warnings fail the build with --strict"))
    }

    @Test func draftsFlag() throws {
        let project = try ProjectCopy()
        try project.write(TestText.page("Draft page", extra: "draft: true\n"), to: "content/draft.md")
        #expect(try project.build().status == 0)
        #expect(project.siteSnapshot()["draft.html"] == nil)
        #expect(try project.build(["--drafts"]).status == 0)
        #expect(project.siteSnapshot()["draft.html"] != nil)
    }

    /// A council's logo and style sheet come from the project, into assets/brand/, linked from every page.
    @Test func logoAndStylesheetArePublishedAndLinked() throws {
        let project = try ProjectCopy()
        try project.write("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"><rect width=\"10\" height=\"10\"/></svg>", to: "brand/logo.svg")
        try project.write(".site-title { letter-spacing: 0.01em; }\n", to: "brand/council.css")
        try project.write("title: Fixture Guide\norganisation: Anytown Council\nlogo: brand/logo.svg\nstylesheet: brand/council.css\n", to: "guidebook.yml")
        let outcome = try project.build()
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let site = project.siteSnapshot()
        #expect(site["assets/brand/logo.svg"] != nil && site["assets/brand/council.css"] != nil)
        let page = String(decoding: try #require(site["section/deeper/gamma.html"]), as: UTF8.self)
        #expect(page.contains("<img src=\"../../assets/brand/logo.svg\" alt=\"Anytown Council home page\">"), "\(page.prefix(2000))")
        #expect(page.contains("<link rel=\"stylesheet\" href=\"../../assets/brand/council.css\">"))
        // A new logo is seen by the next build, whatever the build cache holds.
        try project.write("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"><circle r=\"5\"/></svg>", to: "brand/logo.svg")
        #expect(try project.build().status == 0)
        #expect(String(decoding: try #require(project.siteSnapshot()["assets/brand/logo.svg"]), as: UTF8.self).contains("circle"))
        try project.write("title: Fixture Guide\nlogo: brand/missing.svg\nstylesheet: ../outside.css\n", to: "guidebook.yml")
        let broken = try project.build()
        #expect(broken.status == 1)
        #expect(
            broken.standardError.contains("guidebook.yml:2:7: error: 'logo' names 'brand/missing.svg', which does not exist [invalid-configuration]"),
            "\(broken.standardError)")
        #expect(
            broken.standardError.contains(
                "guidebook.yml:3:13: error: 'stylesheet' in guidebook.yml must be a path inside the project to a .css file, not '../outside.css'"),
            "\(broken.standardError)")
    }

    @Test func outputAndSourceOptions() throws {
        let project = try ProjectCopy()
        let elsewhere = project.root.appendingPathComponent("out/site-copy")
        let outcome = try GuidebookProcess.run(
            ["build", "--source", project.root.path, "--output", elsewhere.path], in: FileManager.default.temporaryDirectory)
        #expect(outcome.status == 0, "\(outcome.standardError)")
        #expect(FileManager.default.fileExists(atPath: elsewhere.appendingPathComponent("section/deeper/gamma.html").path))
    }
}

enum TestText {
    static func page(_ title: String, _ body: String = "", extra: String = "") -> String {
        "---\ntitle: \(title)\n\(extra)---\n\(body)"
    }
}
