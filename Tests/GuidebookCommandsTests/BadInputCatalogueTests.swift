import Foundation
import Testing

/// Issue 22's catalogue: one row per hostile or mistaken input. Each row runs the real `guidebook`
/// on a project that has built once, and checks the exit code, the diagnostic (place and code),
/// and that nothing was changed: not the site, not the project's files, not a folder of someone
/// else's files beside them (mydocs/).
struct BadInputCatalogueTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var arguments: [String] = ["build"]
        var change: @Sendable (ProjectCopy) throws -> Void = { _ in }
        var status: Int32
        /// Each must appear in standard error.
        var expected: [String]
        var testDescription: String { name }
    }

    static let cases: [Case] = outputCases + publishingCases + limitCases + wordingCases

    /// Where a build, a preview or a bundle may write.
    static let outputCases: [Case] = [
        Case(
            name: "build --output content", arguments: ["build", "--output", "content"], status: 2,
            expected: ["error: cannot write to '", "/content': it is in content/, which holds the guide's pages"]),
        Case(name: "build --output .", arguments: ["build", "--output", "."], status: 2, expected: ["it is the project folder"]),
        Case(name: "build --output ..", arguments: ["build", "--output", ".."], status: 2, expected: ["it contains the project folder"]),
        Case(
            name: "build --output a folder of other files", arguments: ["build", "--output", "mydocs"], status: 2,
            expected: ["/mydocs': the folder is not empty and was not made by Guidebook (it has no .guidebook-site file)"]),
        Case(
            name: "build --output guidebook.yml", arguments: ["build", "--output", "guidebook.yml"], status: 2,
            expected: ["/guidebook.yml': it is a file, not a folder"]),
        Case(name: "build --output inside themes", arguments: ["build", "--output", "themes/site"], status: 2, expected: ["it is in themes/"]),
        Case(name: "build --no-cache --output content", arguments: ["build", "--no-cache", "--output", "content"], status: 2, expected: ["it is in content/"]),
        Case(name: "serve --output content", arguments: ["serve", "--port", "0", "--output", "content"], status: 2, expected: ["it is in content/"]),
        Case(name: "bundle --output inside content", arguments: ["bundle", "--output", "content/guide.zip"], status: 2, expected: ["it is in content/"]),
        Case(
            name: "bundle --output guidebook.yml", arguments: ["bundle", "--output", "guidebook.yml"], status: 2, expected: ["a bundle's name must end in .zip"]
        ),
        Case(
            name: "build --output under a file", arguments: ["build", "--output", "guidebook.yml/site"], status: 2,
            expected: ["/guidebook.yml' is a file, so no folder can be made inside it"]),
        Case(
            name: "build --output where nothing may be written", arguments: ["build", "--output", "/proc/guidebook-site"], status: 1,
            expected: ["error: cannot write '/proc/.guidebook-site.building-"]),
        Case(
            name: "bundle --output into a missing folder", arguments: ["bundle", "--output", "/nonexistent/dir/x.zip"], status: 2,
            expected: ["cannot write to '/nonexistent/dir/x.zip': the folder '/nonexistent/dir' does not exist"]),
    ]

    /// Only the project's own files are published.
    static let publishingCases: [Case] = [
        Case(
            name: "link to a file outside the project", change: { try $0.link("content/passwd.txt", to: "/etc/passwd") }, status: 1,
            expected: ["content/passwd.txt:1:1: error: symbolic link leads outside the project, to '/etc/passwd'", "[unsafe-path]"]),
        Case(
            name: "link to a page outside the project",
            change: { project in
                let outside = FileManager.default.temporaryDirectory.appendingPathComponent("guidebook-outside-\(UUID().uuidString).md")
                try Data(TestText.page("Outside").utf8).write(to: outside)
                try project.link("content/outside.md", to: outside.path)
            }, status: 1, expected: ["content/outside.md:1:1: error: symbolic link leads outside the project", "[unsafe-path]"]),
        Case(
            name: "link to a folder outside the project", change: { try $0.link("content/etc", to: "/etc") }, status: 1,
            expected: ["content/etc:1:1: error: symbolic link leads outside the project, to '/etc'"]),
        Case(
            name: "dangling link", change: { try $0.link("content/gone.md", to: "/nonexistent/gone.md") }, status: 1,
            expected: ["content/gone.md:1:1: error: symbolic link leads to nothing [unsafe-path]"]),
        Case(
            name: "link loop", change: { try $0.link("content/section/again", to: "..") }, status: 1,
            expected: ["content/section/again:1:1: error: symbolic link leads back into a folder that holds it (a loop) [unsafe-path]"]),
        Case(
            name: "names equal after Unicode normalisation",
            change: { project in
                try project.write(TestText.page("Composed"), to: "content/caf\u{E9}.md")
                try project.write(TestText.page("Decomposed"), to: "content/cafe\u{301}.md")
            }, status: 1, expected: ["written two ways (Unicode NFC and NFD)", "[duplicate-output]"]),
        Case(
            name: "names equal ignoring case",
            change: { project in
                try project.write(TestText.page("Upper"), to: "content/Notes.md")
                try project.write(TestText.page("Lower"), to: "content/notes.md")
            }, status: 1, expected: ["would both be written to", "[duplicate-output]"]),
        Case(
            name: "a page and a folder with one name",
            change: { project in
                try project.write(TestText.page("File"), to: "content/x.md")
                try project.write(TestText.page("Inside"), to: "content/x.html/index.md")
            }, status: 1,
            expected: [
                "content/x.md:1:1: error: 'content/x.md' would be written to 'x.html', which is also the name of a folder of the site", "[duplicate-output]",
            ]),
    ]

    /// Inputs that used to hang, crash or build as if fine.
    static let limitCases: [Case] = [
        Case(
            name: "billion laughs",
            change: { project in
                var yaml = "title: Laughs\na: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
                for (previous, name) in zip("abcdefgh", "bcdefghi") {
                    yaml += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ", ") + "]\n"
                }
                try project.write("---\n\(yaml)---\nBody\n", to: "content/last.md")
            }, status: 1, expected: ["content/last.md:4:", "error: front matter uses a YAML alias ('*name'); aliases are not allowed [invalid-front-matter]"]),
        Case(
            name: "title: ~", change: { try $0.write("---\ntitle: ~\n---\nBody\n", to: "content/last.md") }, status: 1,
            expected: ["content/last.md:2:8: error: 'title' in front matter must be text, not empty (null) [invalid-front-matter]"]),
        Case(
            name: "title: null", change: { try $0.write("---\ntitle: null\n---\nBody\n", to: "content/last.md") }, status: 1,
            expected: ["content/last.md:2:8: error: 'title' in front matter must be text, not empty (null)"]),
        Case(
            name: "title: ''", change: { try $0.write("---\ntitle: ''\n---\nBody\n", to: "content/last.md") }, status: 1,
            expected: ["content/last.md:2:8: error: 'title' in front matter must be text that is not empty, not empty text"]),
        Case(
            name: "empty title in guidebook.yml", change: { try $0.write("title: ''\n", to: "guidebook.yml") }, status: 1,
            expected: ["guidebook.yml:1:8: error: 'title' in guidebook.yml must be text that is not empty, not empty text [invalid-configuration]"]),
        Case(
            name: "javascript: edit_url", change: { try $0.write("title: Fixture Guide\nedit_url: \"javascript:alert(1)\"\n", to: "guidebook.yml") }, status: 1,
            expected: [
                "guidebook.yml:2:11: error: 'edit_url' in guidebook.yml must be a web address starting with https:// or http://, not 'javascript:alert(1)' [invalid-configuration]"
            ]),
        Case(
            name: "front matter too large",
            change: { project in
                try project.write("---\ntitle: Big\nsummary: \(String(repeating: "word ", count: 14_000))\n---\nBody\n", to: "content/last.md")
            }, status: 1, expected: ["content/last.md:2:1: error: front matter is larger than 64 KB [invalid-front-matter]"]),
        Case(
            name: "front matter nested too deeply",
            change: { project in
                try project.write(
                    "---\ntitle: Deep\nx: \(String(repeating: "[", count: 40))\(String(repeating: "]", count: 40))\n---\nBody\n", to: "content/last.md")
            }, status: 1, expected: ["content/last.md:3:36: error: front matter nests lists or mappings more than 32 deep [invalid-front-matter]"]),
        Case(
            name: "page too large",
            change: { project in
                try project.write(TestText.page("Huge", String(repeating: "Long text. ", count: 1_000_000)), to: "content/last.md")
            }, status: 1, expected: ["content/last.md:1:1: error: page is larger than 10 MB [too-large]"]),
        Case(
            name: "a partial that includes itself",
            change: { project in
                try project.write("title: Fixture Guide\ntheme: loopy\n", to: "guidebook.yml")
                try project.write("<html>\n<body>\n{{> page}}\n</body>\n</html>\n", to: "themes/loopy/templates/page.mustache")
            }, status: 1,
            expected: [
                "themes/loopy/templates/page.mustache:3:1: error: partial 'page' includes itself (page -> page) outside any section", "[template-error]",
            ]),
        Case(
            name: "partials that include each other",
            change: { project in
                try project.write("title: Fixture Guide\ntheme: loopy\n", to: "guidebook.yml")
                try project.write("<html>{{> header}}{{{content}}}</html>\n", to: "themes/loopy/templates/page.mustache")
                try project.write("<header>\n  {{#title}}{{title}}{{/title}} {{> menu}}</header>\n", to: "themes/loopy/templates/header.mustache")
                try project.write("<nav>{{> header}}</nav>\n", to: "themes/loopy/templates/menu.mustache")
            }, status: 1, expected: ["themes/loopy/templates/header.mustache:2:33: error: partial 'header' includes itself (header -> menu -> header)"]),
    ]

    /// Errors in our own words, at a place, printed safely.
    static let wordingCases: [Case] = [
        Case(
            name: "guidebook.yml is a folder",
            change: { project in
                try project.remove("guidebook.yml")
                try FileManager.default.createDirectory(at: project.root.appendingPathComponent("guidebook.yml"), withIntermediateDirectories: true)
            }, status: 1, expected: ["guidebook.yml:1:1: error: guidebook.yml is not a file (a folder, or a link leading nowhere) [invalid-configuration]"]),
        Case(
            name: "guidebook.yml is not UTF-8", change: { try $0.write(Data("title: Caf".utf8) + Data([0xE9, 0x0A]), to: "guidebook.yml") }, status: 1,
            expected: ["guidebook.yml:1:11: error: file is not valid UTF-8 [invalid-encoding]"]),
        Case(
            name: "control characters in a file name", change: { try $0.write(TestText.page("Clear"), to: "content/bad\u{1B}[2Jname.md") }, status: 1,
            expected: ["content/bad\\u{1B}[2Jname.md:1:1: error: 'bad\\u{1B}[2Jname.md' is not a safe name"]),
        Case(
            name: "a newline in a file name", change: { try $0.write(TestText.page("Split"), to: "content/two\nlines.md") }, status: 1,
            expected: ["content/two\\nlines.md:1:1: error: 'two\\nlines.md' is not a safe name"]),
        Case(
            name: "new search", arguments: ["new", "search"], status: 1,
            expected: ["error: content/search.md would be written to 'search.html', which is Guidebook's generated search page; choose another name"]),
        Case(name: "new 404", arguments: ["new", "404"], status: 1, expected: ["would be written to '404.html'"]),
        Case(name: "new assets/x", arguments: ["new", "assets/x"], status: 1, expected: ["would be written to 'assets/x.html', where the theme's assets go"]),
    ]

    @Test(arguments: cases)
    func badInputIsReportedAndChangesNothing(_ bad: Case) throws {
        let project = try ProjectCopy()
        #expect(try project.build().status == 0)
        try project.write("figures", to: "mydocs/budget.xlsx")
        try bad.change(project)
        let before = project.everyFile()
        let outcome = try GuidebookProcess.run(bad.arguments, in: project.root)
        #expect(outcome.status == bad.status, "\(outcome.standardError)")
        for line in bad.expected {
            #expect(outcome.standardError.contains(line), "expected '\(line)' in:\n\(outcome.standardError)")
        }
        #expect(!outcome.standardError.contains("NSCocoaErrorDomain") && !outcome.standardError.contains("Fatal error"))
        let after = project.everyFile()
        #expect(after.keys.sorted() == before.keys.sorted(), "files came or went")
        for (path, bytes) in before where after[path] != bytes {
            Issue.record("\(path) changed")
        }
    }

    /// An unreadable folder's pages must not vanish from the site in silence. Root reads every
    /// file, so as root the check runs as the unprivileged user `nobody` (through setpriv).
    @Test func anUnreadableFolderIsAnErrorNotASkip() throws {
        let project = try ProjectCopy()
        let folder = project.root.appendingPathComponent("content/section/deeper")
        try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: folder.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.path) }
        let asAnotherUser = getuid() == 0 ? ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] : []
        let process = Process()
        process.executableURL = URL(fileURLWithPath: asAnotherUser.first ?? GuidebookProcess.executable.path)
        process.arguments = Array(asAnotherUser.dropFirst()) + (asAnotherUser.isEmpty ? [] : [GuidebookProcess.executable.path]) + ["check"]
        process.currentDirectoryURL = project.root
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 1, "\(text)")
        #expect(text.contains("content/section/deeper:1:1: error: cannot be read: permission denied [unreadable-file]"), "\(text)")
    }
}

extension ProjectCopy {
    func link(_ path: String, to destination: String) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: url.path, withDestinationPath: destination)
    }

    /// Every file in the project (the site included, the build cache not), with its bytes; links
    /// are listed by where they lead, not followed.
    func everyFile() -> [String: Data] {
        var files: [String: Data] = [:]
        guard let enumerator = FileManager.default.enumerator(atPath: root.path) else { return [:] }
        while let path = enumerator.nextObject() as? String {
            if path == ".guidebook-cache" {
                enumerator.skipDescendants()
                continue
            }
            let url = root.appendingPathComponent(path)
            if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: url.path) {
                files[path] = Data("link to \(target)".utf8)
                continue
            }
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), isFolder.boolValue {
                files[path + "/"] = Data()
            } else {
                files[path] = FileManager.default.contents(atPath: url.path) ?? Data("unreadable".utf8)
            }
        }
        return files
    }
}
