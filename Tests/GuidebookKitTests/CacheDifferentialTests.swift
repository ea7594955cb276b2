import Foundation
import Testing

@testable import GuidebookKit

/// A randomised differential test of the build cache (issue 22): from each seed, a sequence of
/// edits of every kind to a small guide kept in git, each followed by a build with the cache whose
/// site must be byte for byte what a clean build writes. The edits come from a seeded generator, so
/// a failure is reproduced by running its seed again: the message names the seed, the step and
/// every edit up to it.
struct CacheDifferentialTests {
    typealias Project = BuildCacheTests.Project

    /// Chosen so that together they plan every kind of edit (`theSeedsPlanEveryKindOfEdit`).
    static let seeds: [UInt64] = Array(1...16)
    static let editsPerSeed = 8

    @Test("A build from the cache writes what a clean build writes, edit after random edit", arguments: CacheDifferentialTests.seeds)
    func buildsFromTheCacheMatchCleanBuilds(seed: UInt64) throws {
        var generator = SplitMix64(seed: seed ^ 0xD1B5_4A32_D192_ED03)
        var guide = Guide(using: &generator)
        let project = try Project(guide.contentFiles(), configuration: guide.configuration)
        try Repository.prepare(project)
        var history: [String] = []
        guard Self.check(project, "seed \(seed), before any edit", history: history) != nil else { return }

        var bodyEdits = 0, buildsFromTheCache = 0
        for (offset, kind) in EditKind.plan(seed: seed, count: Self.editsPerSeed).enumerated() {
            let step = offset + 1
            let contentBefore = guide.contentFiles(), configurationBefore = guide.configuration
            let edit: Edit
            do {
                edit = try guide.apply(kind, to: project, using: &generator)
                try guide.write(to: project, contentBefore: contentBefore, configurationBefore: configurationBefore)
                try Repository.commit(project, message: "step \(step)")
            } catch {
                Issue.record("seed \(seed), step \(step) (\(kind.rawValue)): the edit failed: \(error); edits before it: \(history.joined(separator: "; "))")
                return
            }
            history.append("\(step). \(kind.rawValue): \(edit.description)")
            let context = "seed \(seed), step \(step) of \(Self.editsPerSeed) (\(kind.rawValue): \(edit.description))"
            guard let result = Self.check(project, context, history: history) else { return }
            if edit.isBodyOnly { bodyEdits += 1 }
            if result.wasIncremental { buildsFromTheCache += 1 }
        }
        // Else the short way (a body edit from the cache) was never tried.
        #expect(
            bodyEdits == 0 || buildsFromTheCache > 0,
            "seed \(seed): \(bodyEdits) edits only to editable pages' text, none built from the cache; edits: \(history.joined(separator: "; "))")
    }

    @Test func theSeedsPlanEveryKindOfEdit() {
        let planned = Set(Self.seeds.flatMap { EditKind.plan(seed: $0, count: Self.editsPerSeed) })
        let missing = EditKind.allCases.filter { !planned.contains($0) }.map(\.rawValue)
        #expect(missing.isEmpty, "no seed plans \(missing): choose other seeds")
    }

    /// Builds with the cache, then compares the site with a clean build's, file by file. nil (after
    /// recording an issue) when the build failed or the sites differ: later steps would only repeat it.
    static func check(_ project: Project, _ context: String, history: [String]) -> BuildResult? {
        let edits = history.isEmpty ? "none" : history.joined(separator: "; ")
        do {
            let result = try project.build()
            let errors = result.diagnostics.filter(\.isError).map { diagnostic in
                "\(diagnostic.location?.description ?? "-"): \(diagnostic.summary)"
            }
            #expect(result.didWrite, "\(context): the build failed: \(errors); edits: \(edits)")
            guard result.didWrite else { return nil }
            let site = try Project.tree(project.site), clean = try project.cleanBuild()
            let missing = clean.keys.filter { site[$0] == nil }.sorted()
            let extra = site.keys.filter { clean[$0] == nil }.sorted()
            let differing = clean.keys.filter { site[$0] != nil && site[$0] != clean[$0] }.sorted()
            let matches = missing.isEmpty && extra.isEmpty && differing.isEmpty
            let way = result.wasIncremental ? "a build from the cache" : "a full build keeping \(result.pagesKept) pages"
            #expect(
                matches, "\(context), \(way): not what a clean build writes: missing \(missing), extra \(extra), other bytes in \(differing); edits: \(edits)")
            return matches ? result : nil
        } catch {
            Issue.record("\(context): \(error); edits: \(edits)")
            return nil
        }
    }
}

// MARK: - Edits

extension CacheDifferentialTests {
    enum EditKind: String, CaseIterable {
        // The order and the weights are part of each seed's plan: change them and choose the seeds again.
        case bodyText, bodyTextOnTwoPages, unchangedSave, title, order, frontMatter, heading, link, checklist, image,
            addPage, removePage, renamePage, glossary, contentAsset, theme, configuration

        /// Body edits are the ones the cache takes the short way, so they come most often.
        var weight: Int { self == .bodyText ? 5 : self == .order || self == .title ? 2 : 1 }

        /// The kinds of edit for a seed, from a generator of their own, so that they do not depend
        /// on the edits' details.
        static func plan(seed: UInt64, count: Int) -> [EditKind] {
            var generator = SplitMix64(seed: seed)
            let total = allCases.reduce(0) { $0 + $1.weight }
            var kinds: [EditKind] = []
            for _ in 0..<count {
                var pick = generator.below(total)
                for kind in allCases {
                    if pick < kind.weight {
                        kinds.append(kind)
                        break
                    }
                    pick -= kind.weight
                }
            }
            return kinds
        }
    }

    struct Edit {
        var description: String
        /// Only the text of pages a body edit may rewrite from the cache (not the glossary, no
        /// diagnostic in them) changed.
        var isBodyOnly: Bool

        init(_ description: String, bodyOnly: Bool = false) {
            self.description = description
            isBodyOnly = bodyOnly
        }
    }

    /// The project in git, every commit at one fixed time: a commit then changes no page's date (a
    /// new date means a full build without the cache, which would hide the edit from the cache).
    enum Repository {
        static let commitDate = "2026-11-01T12:00:00+00:00"

        struct GitFailure: Error, CustomStringConvertible {
            var arguments: [String]
            var status: Int32
            var description: String { "git \(arguments.joined(separator: " ")) exited with status \(status)" }
        }

        /// A copy of the default theme in the project's themes/ (found before the shipped one), so that
        /// it can be edited; the site, the clean build and the cache ignored; the first commit dated.
        static func prepare(_ project: Project) throws {
            let fileManager = FileManager.default
            let shipped = ThemeLoader.searchFolders(projectRoot: project.root).dropFirst()
                .map { $0.appendingPathComponent("default") }
                .first(where: { fileManager.fileExists(atPath: $0.appendingPathComponent("templates/page.mustache").path) })
            let theme = try #require(shipped, "the default theme is not found")
            let themes = project.root.appendingPathComponent("themes")
            try fileManager.createDirectory(at: themes, withIntermediateDirectories: true)
            try fileManager.copyItem(at: theme, to: themes.appendingPathComponent("default"))
            // The sites, their staging and retired folders (`FileSystemOutput`), and the cache.
            try project.write(".gitignore", "/site/\n/clean-site/\n/.site.*\n/.clean-site.*\n/.guidebook-cache/\n")
            try git(["add", "-A"], in: project.root)
            try git(["commit", "-q", "--amend", "--no-edit", "--reset-author"], in: project.root)
        }

        static func commit(_ project: Project, message: String) throws {
            try git(["add", "-A"], in: project.root)
            try git(["commit", "-q", "--allow-empty", "-m", message], in: project.root)
        }

        static func git(_ arguments: [String], in root: URL) throws {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/git")
            process.arguments = ["-C", root.path, "-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false"] + arguments
            var environment = ProcessInfo.processInfo.environment
            environment["GIT_AUTHOR_DATE"] = commitDate
            environment["GIT_COMMITTER_DATE"] = commitDate
            process.environment = environment
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else { throw GitFailure(arguments: arguments, status: process.terminationStatus) }
        }
    }
}

// MARK: - The guide

extension CacheDifferentialTests {
    /// The guide as values, written out as Markdown: links are made from it, so a page renamed or
    /// removed, or a heading changed, leaves every link valid (an editor fixing them).
    struct Guide {
        struct Section {
            var id: Int
            var heading: String
            var sentences: [String]
        }

        struct Link {
            var target: Int
            /// A heading's section on the target page; a link whose section is gone leads to the page.
            var section: Int?
            var text: String
        }

        struct ChecklistItem {
            var text: String
            var isDone: Bool
        }

        struct Page {
            var id: Int
            /// "" (top level), "team" or "services".
            var folder: String
            /// Without ".md"; "index" for a section's own page.
            var name: String
            var title: String
            var order: Int?
            var summary: String?
            var tags: [String] = []
            var owner: String?
            var reviewBy: String?
            var related: [Int] = []
            var isGlossary = false
            var intro: [String]
            var links: [Link] = []
            var showsImage = false
            var sections: [Section] = []
            var checklist: [ChecklistItem] = []

            var path: String { folder.isEmpty ? "\(name).md" : "\(folder)/\(name).md" }
            var isSectionPage: Bool { name == "index" }
        }

        static let folders = ["", "team", "services"]
        static let imagePath = "team/diagram.svg"

        var pages: [Page] = []
        var siteTitle = "Working together"
        var organisation: String? = "Children's Services"
        var editURL: String?
        var diagramColour = "#1d4f91"
        var diagramTitle = "How the services fit together"
        var themeFilesAdded = 0
        private var lastID = 0

        /// Eight pages in two folders and at the top, a glossary, checklists, links (some to headings),
        /// related pages, tags and an image; the structure fixed, the text from the generator.
        init(using g: inout SplitMix64) {
            let home = addPage(folder: "", name: "index", title: "Working together", order: nil, using: &g)
            let governance = addPage(folder: "", name: "governance", title: "Governance", order: 1, using: &g)
            let glossary = addPage(folder: "", name: "glossary", title: "Glossary", order: 9, using: &g)
            let team = addPage(folder: "team", name: "index", title: "Team", order: 2, using: &g)
            let staffing = addPage(folder: "team", name: "staffing", title: "Staffing", order: 1, using: &g)
            let training = addPage(folder: "team", name: "training", title: "Training", order: 2, using: &g)
            let services = addPage(folder: "services", name: "index", title: "Services", order: 3, using: &g)
            let referrals = addPage(folder: "services", name: "referrals", title: "Referrals", order: nil, using: &g)

            pages[index(glossary)].isGlossary = true
            var terms = Vocabulary.terms
            for _ in 0..<3 {
                let term = terms.remove(at: g.below(terms.count))
                addTerm(term)
            }
            for id in [governance, governance, staffing, training, referrals, referrals] { addSection(to: id, using: &g) }
            for id in [governance, governance, training, training, training] { addChecklistItem(to: id, using: &g) }
            pages[index(team)].showsImage = true
            pages[index(governance)].tags = ["partners"]
            pages[index(governance)].owner = "Partnership Team"
            pages[index(governance)].reviewBy = "2027-09-30"
            pages[index(staffing)].tags = ["people"]
            pages[index(referrals)].tags = ["people", "partners"]
            pages[index(referrals)].summary = "How a referral reaches the right service."
            pages[index(referrals)].related = [governance]
            let links = [
                (home, governance, false), (home, team, false), (staffing, governance, true), (training, glossary, true),
                (services, staffing, false), (referrals, training, true), (governance, referrals, false),
            ]
            for (source, target, anchored) in links { addLink(from: source, to: target, anchored: anchored, using: &g) }
        }

        // MARK: Writing it out

        var configuration: String {
            var text = "title: \(siteTitle)\n"
            if let organisation { text += "organisation: \(organisation)\n" }
            text += "language: en-GB\n"
            if let editURL { text += "edit_url: \(editURL)\n" }
            return text
        }

        var diagram: String {
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"40\" height=\"40\" viewBox=\"0 0 40 40\" role=\"img\"><title>\(diagramTitle)</title><rect width=\"40\" height=\"40\" fill=\"\(diagramColour)\"/></svg>\n"
        }

        /// Path under content/ -> text.
        func contentFiles() -> [String: String] {
            var files = [Guide.imagePath: diagram]
            for page in pages { files[page.path] = markdown(page) }
            return files
        }

        func markdown(_ page: Page) -> String {
            var text = "---\ntitle: \(page.title)\n"
            if let order = page.order { text += "order: \(order)\n" }
            if let summary = page.summary { text += "summary: \(summary)\n" }
            if !page.tags.isEmpty { text += "tags: [\(page.tags.joined(separator: ", "))]\n" }
            if let owner = page.owner { text += "owner: \(owner)\n" }
            if let reviewBy = page.reviewBy { text += "review_by: \(reviewBy)\n" }
            let related = page.related.compactMap { id in pages.first(where: { $0.id == id }) }
            if !related.isEmpty {
                text += "related: [" + related.map { "\"\(Guide.relative(from: page.folder, to: $0.path))\"" }.joined(separator: ", ") + "]\n"
            }
            if page.isGlossary { text += "glossary: true\n" }
            text += "---\n"
            var blocks = [page.intro.joined(separator: " ")]
            for link in page.links {
                guard let target = pages.first(where: { $0.id == link.target }) else { continue }
                var destination = Guide.relative(from: page.folder, to: target.path)
                if let sectionID = link.section, let section = target.sections.first(where: { $0.id == sectionID }) {
                    destination += "#" + Guide.anchor(section.heading)
                }
                blocks.append("See [\(link.text)](\(destination)).")
            }
            if page.showsImage {
                blocks.append("![A diagram of how the services fit together](\(Guide.relative(from: page.folder, to: Guide.imagePath)))")
            }
            for section in page.sections {
                blocks.append("## \(section.heading)\n\n\(section.sentences.joined(separator: " "))")
            }
            if !page.checklist.isEmpty {
                blocks.append("## Steps to take\n\n" + page.checklist.map { "- [\($0.isDone ? "x" : " ")] \($0.text)" }.joined(separator: "\n"))
            }
            return text + "\n" + blocks.joined(separator: "\n\n") + "\n"
        }

        /// Writes the files that changed since `contentBefore` and removes the ones gone.
        func write(to project: Project, contentBefore: [String: String], configurationBefore: String) throws {
            let content = contentFiles()
            for path in contentBefore.keys.sorted() where content[path] == nil {
                try FileManager.default.removeItem(at: project.root.appendingPathComponent("content/\(path)"))
            }
            for path in content.keys.sorted() where contentBefore[path] != content[path] {
                try project.write("content/\(path)", content[path]!)
            }
            if configuration != configurationBefore { try project.write(SiteConfiguration.fileName, configuration) }
        }

        /// A relative link from a page in `folder` to a content path (folders are one level deep).
        static func relative(from folder: String, to path: String) -> String {
            if folder.isEmpty { return path }
            return path.hasPrefix(folder + "/") ? String(path.dropFirst(folder.count + 1)) : "../" + path
        }

        /// The id of a heading made of plain words (README, "Heading ids").
        static func anchor(_ heading: String) -> String {
            heading.lowercased().split(separator: " ").joined(separator: "-")
        }

        static func name(for title: String) -> String {
            title.lowercased().split(separator: " ").joined(separator: "-")
        }

        // MARK: Looking up and adding

        func index(_ id: Int) -> Int { pages.firstIndex(where: { $0.id == id })! }
        func page(_ id: Int) -> Page { pages[index(id)] }

        /// Not in a glossary page and no diagnostic in it (an overdue review date is a warning).
        func isEditable(_ id: Int) -> Bool {
            let candidate = page(id)
            return !candidate.isGlossary && !(candidate.reviewBy.map { Vocabulary.overdueReviewDates.contains($0) } ?? false)
        }

        /// Pages that can be removed or renamed: not the home page, a section's page or the glossary.
        var movablePages: [Int] { pages.filter { !$0.isSectionPage && !$0.isGlossary }.map(\.id) }

        func uniqueName(_ base: String, in folder: String) -> String {
            let taken = Set(pages.filter { $0.folder == folder }.map(\.name))
            var name = base, number = 1
            while taken.contains(name) || name == "index" {
                number += 1
                name = "\(base)-\(number)"
            }
            return name
        }

        @discardableResult
        mutating func addPage(folder: String, name: String, title: String, order: Int?, using g: inout SplitMix64) -> Int {
            lastID += 1
            let intro = g.paragraph()
            pages.append(Page(id: lastID, folder: folder, name: name, title: title, order: order, intro: intro))
            return lastID
        }

        @discardableResult
        mutating func addSection(to id: Int, using g: inout SplitMix64) -> String {
            let i = index(id)
            let heading = g.heading(avoiding: pages[i].sections.map(\.heading))
            let sentences = g.paragraph()
            lastID += 1
            pages[i].sections.append(Section(id: lastID, heading: heading, sentences: sentences))
            return heading
        }

        mutating func addTerm(_ term: Vocabulary.Term) {
            lastID += 1
            let i = pages.firstIndex(where: { $0.isGlossary })!
            pages[i].sections.append(Section(id: lastID, heading: term.name, sentences: [term.definition]))
        }

        mutating func addChecklistItem(to id: Int, using g: inout SplitMix64) {
            let task = g.task()
            pages[index(id)].checklist.append(ChecklistItem(text: task, isDone: false))
        }

        mutating func addLink(from source: Int, to target: Int, anchored: Bool, using g: inout SplitMix64) {
            let sections = page(target).sections
            let section: Int? = anchored && !sections.isEmpty ? g.pick(sections).id : nil
            let text = g.linkText()
            pages[index(source)].links.append(Link(target: target, section: section, text: text))
        }
    }
}

// MARK: - Applying an edit

extension CacheDifferentialTests.Guide {
    typealias Edit = CacheDifferentialTests.Edit
    typealias Project = CacheDifferentialTests.Project
    typealias Vocabulary = CacheDifferentialTests.Vocabulary

    /// Changes the guide (written out by `write`), or a file outside it (theme, image), directly.
    mutating func apply(_ kind: CacheDifferentialTests.EditKind, to project: Project, using g: inout SplitMix64) throws -> Edit {
        switch kind {
        case .bodyText:
            let id = g.pick(pages).id
            let change = changeText(of: id, using: &g)
            return Edit("text of \(page(id).path): \(change)", bodyOnly: isEditable(id))
        case .bodyTextOnTwoPages:
            let first = g.pick(pages).id
            let second = g.pick(pages.filter { $0.id != first }).id
            let firstChange = changeText(of: first, using: &g)
            let secondChange = changeText(of: second, using: &g)
            return Edit(
                "text of \(page(first).path): \(firstChange); and of \(page(second).path): \(secondChange)",
                bodyOnly: isEditable(first) && isEditable(second))
        case .unchangedSave:
            let path = g.pick(pages).path
            try project.edit("content/\(path)") { $0 }
            return Edit("\(path) saved again unchanged", bodyOnly: true)
        case .title:
            let id = g.pick(pages).id
            let title = g.title()
            let i = index(id)
            let old = pages[i].title
            pages[i].title = title
            return Edit("title of \(pages[i].path): '\(old)' -> '\(title)'")
        case .order:
            let id = g.pick(pages.filter { !($0.folder.isEmpty && $0.isSectionPage) }).id
            let i = index(id)
            let old = pages[i].order
            let new: Int? = old != nil && g.chance(30) ? nil : 1 + g.below(9)
            pages[i].order = new
            let oldText = old.map { String($0) } ?? "none", newText = new.map { String($0) } ?? "none"
            return Edit("order of \(pages[i].path): \(oldText) -> \(newText)")
        case .frontMatter:
            return editFrontMatter(using: &g)
        case .heading:
            return editHeading(using: &g)
        case .link:
            return editLink(using: &g)
        case .checklist:
            return editChecklist(using: &g)
        case .image:
            let id = g.pick(pages.filter { !$0.isGlossary }).id
            let i = index(id)
            pages[i].showsImage.toggle()
            return Edit("\(pages[i].path) \(pages[i].showsImage ? "now shows" : "no longer shows") \(Self.imagePath)")
        case .addPage:
            return addNewPage(using: &g)
        case .removePage:
            if let edit = removePage(using: &g) { return edit }
            let added = addNewPage(using: &g)
            return Edit("no page to remove, so instead: \(added.description)")
        case .renamePage:
            if let edit = renamePage(using: &g) { return edit }
            let added = addNewPage(using: &g)
            return Edit("no page to rename, so instead: \(added.description)")
        case .glossary:
            return editGlossary(using: &g)
        case .contentAsset:
            if g.chance(50) {
                let current = diagramColour
                let colour = g.pick(Vocabulary.colours.filter { $0 != current })
                diagramColour = colour
                return Edit("\(Self.imagePath): fill \(colour)")
            }
            let title = g.title()
            diagramTitle = title
            return Edit("\(Self.imagePath): title '\(title)'")
        case .theme:
            return try editTheme(of: project, using: &g)
        case .configuration:
            return editConfiguration(using: &g)
        }
    }

    /// Text only: a sentence added, removed, rewritten, or a word changed, in the opening paragraph
    /// or under a heading (not a glossary entry's definition, which is a glossary edit).
    mutating func changeText(of id: Int, using g: inout SplitMix64) -> String {
        let i = index(id)
        let which = g.below((pages[i].isGlossary ? 0 : pages[i].sections.count) + 1)
        var sentences = which == 0 ? pages[i].intro : pages[i].sections[which - 1].sentences
        let place = which == 0 ? "the opening paragraph" : "the text under '\(pages[i].sections[which - 1].heading)'"
        let description: String
        switch g.below(4) {
        case 0:
            let sentence = g.sentence()
            sentences.insert(sentence, at: g.below(sentences.count + 1))
            description = "a sentence added to \(place)"
        case 1 where sentences.count > 1:
            sentences.remove(at: g.below(sentences.count))
            description = "a sentence taken out of \(place)"
        case 2:
            let k = g.below(sentences.count)
            sentences[k] = g.sentence()
            description = "sentence \(k + 1) of \(place) rewritten"
        default:
            let k = g.below(sentences.count)
            sentences[k] = g.changingOneWord(of: sentences[k])
            description = "a word changed in sentence \(k + 1) of \(place)"
        }
        if which == 0 { pages[i].intro = sentences } else { pages[i].sections[which - 1].sentences = sentences }
        return description
    }

    /// Tags, summary, owner, review date or related pages.
    mutating func editFrontMatter(using g: inout SplitMix64) -> Edit {
        let id = g.pick(pages).id
        let i = index(id)
        let path = pages[i].path
        switch g.below(5) {
        case 0:
            let tags = pages[i].tags
            let absent = Vocabulary.tags.filter { !tags.contains($0) }
            if !absent.isEmpty && (tags.isEmpty || g.chance(50)) {
                let tag = g.pick(absent)
                pages[i].tags.append(tag)
                return Edit("tags of \(path): '\(tag)' added")
            }
            let tag = pages[i].tags.remove(at: g.below(tags.count))
            return Edit("tags of \(path): '\(tag)' taken out")
        case 1:
            if pages[i].summary != nil && g.chance(40) {
                pages[i].summary = nil
                return Edit("summary of \(path) taken out")
            }
            let summary = g.sentence()
            pages[i].summary = summary
            return Edit("summary of \(path): '\(summary)'")
        case 2:
            let current = pages[i].owner
            let owner = g.pick(Vocabulary.owners.filter { $0 != current })
            pages[i].owner = owner
            return Edit("owner of \(path): \(owner ?? "none")")
        case 3:
            let current = pages[i].reviewBy
            let date = g.pick(Vocabulary.reviewDates.filter { $0 != current })
            pages[i].reviewBy = date
            let overdue = date.map { Vocabulary.overdueReviewDates.contains($0) } ?? false
            return Edit("review date of \(path): \(date ?? "none")\(overdue ? " (overdue: a warning)" : "")")
        default:
            let related = pages[i].related
            let others = pages.filter { $0.id != id && !related.contains($0.id) }.map(\.id)
            if !others.isEmpty && (related.isEmpty || g.chance(50)) {
                let other = g.pick(others)
                pages[i].related.append(other)
                return Edit("related of \(path): \(page(other).path) added")
            }
            guard !related.isEmpty else { return Edit("related of \(path): nothing to add or take out") }
            let removed = pages[i].related.remove(at: g.below(related.count))
            return Edit("related of \(path): \(page(removed).path) taken out")
        }
    }

    /// A heading added, renamed (links to it follow) or taken out with its section (links to it
    /// then lead to the page).
    mutating func editHeading(using g: inout SplitMix64) -> Edit {
        let id = g.pick(pages.filter { !$0.isGlossary }).id
        let i = index(id)
        let path = pages[i].path
        let sections = pages[i].sections
        switch sections.isEmpty ? 0 : g.below(3) {
        case 0:
            let heading = addSection(to: id, using: &g)
            return Edit("section '\(heading)' added to \(path)")
        case 1:
            let k = g.below(sections.count)
            let heading = g.heading(avoiding: sections.map(\.heading))
            pages[i].sections[k].heading = heading
            return Edit("heading '\(sections[k].heading)' of \(path) now '\(heading)', links to it changed")
        default:
            let k = g.below(sections.count)
            pages[i].sections.remove(at: k)
            return Edit("section '\(sections[k].heading)' taken out of \(path), links to it lead to the page")
        }
    }

    mutating func editLink(using g: inout SplitMix64) -> Edit {
        let id = g.pick(pages.filter { !$0.isGlossary }).id
        let i = index(id)
        let path = pages[i].path
        let links = pages[i].links
        let others = pages.filter { $0.id != id }.map(\.id)
        switch links.isEmpty ? 0 : g.below(3) {
        case 0:
            let target = g.pick(others)
            let anchored = g.chance(50)
            addLink(from: id, to: target, anchored: anchored, using: &g)
            return Edit("a link from \(path) to \(page(target).path)\(anchored ? " (to a heading, if it has one)" : "") added")
        case 1:
            let k = g.below(links.count)
            let target = g.pick(others)
            pages[i].links[k].target = target
            pages[i].links[k].section = nil
            return Edit("link \(k + 1) of \(path) now leads to \(page(target).path)")
        default:
            let k = g.below(links.count)
            pages[i].links.remove(at: k)
            return Edit("link \(k + 1) of \(path) taken out")
        }
    }

    mutating func editChecklist(using g: inout SplitMix64) -> Edit {
        let id = g.pick(pages.filter { !$0.isGlossary }).id
        let i = index(id)
        let path = pages[i].path
        let items = pages[i].checklist
        switch items.isEmpty ? 0 : g.below(4) {
        case 0:
            let task = g.task()
            pages[i].checklist.append(ChecklistItem(text: task, isDone: false))
            return Edit("checklist item '\(task)' added to \(path)")
        case 1:
            let k = g.below(items.count)
            let task = g.task()
            pages[i].checklist[k].text = task
            return Edit("checklist item '\(items[k].text)' of \(path) now '\(task)'")
        case 2:
            let k = g.below(items.count)
            pages[i].checklist[k].isDone.toggle()
            return Edit("checklist item '\(items[k].text)' of \(path) \(items[k].isDone ? "unticked" : "ticked")")
        default:
            let k = g.below(items.count)
            pages[i].checklist.remove(at: k)
            return Edit("checklist item '\(items[k].text)' taken out of \(path)")
        }
    }

    /// A page in any folder, perhaps with sections, a link and a checklist, perhaps linked from another page.
    mutating func addNewPage(using g: inout SplitMix64) -> Edit {
        let existing = pages.map(\.id)
        let folder = g.pick(Self.folders)
        let title = g.title()
        let name = uniqueName(Self.name(for: title), in: folder)
        let order: Int? = g.chance(50) ? nil : 1 + g.below(9)
        let id = addPage(folder: folder, name: name, title: title, order: order, using: &g)
        let sectionCount = g.below(3)
        for _ in 0..<sectionCount { addSection(to: id, using: &g) }
        if g.chance(40) {
            let target = g.pick(existing)
            let anchored = g.chance(50)
            addLink(from: id, to: target, anchored: anchored, using: &g)
        }
        if g.chance(30) {
            addChecklistItem(to: id, using: &g)
            addChecklistItem(to: id, using: &g)
        }
        var description = "added \(page(id).path) ('\(title)')"
        let linkers = pages.filter { $0.id != id && !$0.isGlossary }.map(\.id)
        if g.chance(50) {
            let source = g.pick(linkers)
            addLink(from: source, to: id, anchored: false, using: &g)
            description += ", linked from \(page(source).path)"
        }
        return Edit(description)
    }

    /// nil when every page is one that stays.
    mutating func removePage(using g: inout SplitMix64) -> Edit? {
        let candidates = movablePages
        guard !candidates.isEmpty else { return nil }
        let removed = page(g.pick(candidates))
        var fixed: [String] = []
        for i in pages.indices where pages[i].id != removed.id {
            let before = pages[i].links.count + pages[i].related.count
            pages[i].links.removeAll { $0.target == removed.id }
            pages[i].related.removeAll { $0 == removed.id }
            if pages[i].links.count + pages[i].related.count != before { fixed.append(pages[i].path) }
        }
        pages.removeAll { $0.id == removed.id }
        return Edit("removed \(removed.path)" + (fixed.isEmpty ? "" : ", links to it taken out of \(fixed.joined(separator: ", "))"))
    }

    /// A new file name, sometimes in another folder; links to the page follow. nil when every page is one that stays.
    mutating func renamePage(using g: inout SplitMix64) -> Edit? {
        let candidates = movablePages
        guard !candidates.isEmpty else { return nil }
        let renamed = page(g.pick(candidates))
        let folder = g.chance(30) ? g.pick(Self.folders) : renamed.folder
        let base = Self.name(for: g.title())
        let name = uniqueName(base, in: folder)
        let i = index(renamed.id)
        pages[i].folder = folder
        pages[i].name = name
        let linkers = pages.filter { page in page.links.contains { $0.target == renamed.id } || page.related.contains(renamed.id) }.map(\.path)
        return Edit("renamed \(renamed.path) to \(pages[i].path)" + (linkers.isEmpty ? "" : ", links to it changed in \(linkers.joined(separator: ", "))"))
    }

    /// A term added or taken out, or a definition changed.
    mutating func editGlossary(using g: inout SplitMix64) -> Edit {
        let i = pages.firstIndex(where: { $0.isGlossary })!
        let present = pages[i].sections.map(\.heading)
        let absent = Vocabulary.terms.filter { !present.contains($0.name) }
        switch g.below(3) {
        case 0 where !absent.isEmpty:
            let term = g.pick(absent)
            addTerm(term)
            return Edit("glossary: term '\(term.name)' added")
        case 1 where present.count > 1:
            let k = g.below(present.count)
            pages[i].sections.remove(at: k)
            return Edit("glossary: term '\(present[k])' taken out")
        default:
            let k = g.below(present.count)
            let definition = g.sentence()
            pages[i].sections[k].sentences = [definition]
            return Edit("glossary: '\(present[k])' now defined as '\(definition)'")
        }
    }

    /// The project's copy of the theme: a stylesheet rule, the footer template, or a new asset.
    mutating func editTheme(of project: Project, using g: inout SplitMix64) throws -> Edit {
        switch g.below(3) {
        case 0:
            let child = 1 + g.below(9), margin = 1 + g.below(9)
            let rule = ".page-body p:nth-of-type(\(child)) { margin-top: \(margin)px; }\n"
            try project.edit("themes/default/assets/css/guidebook.css") { $0 + rule }
            return Edit("theme: '\(rule.dropLast())' added to assets/css/guidebook.css")
        case 1:
            let words = g.title()
            let line = "<p>Made with Guidebook: \(words)</p>"
            try project.edit("themes/default/templates/footer.mustache") { text in
                var lines = text.components(separatedBy: "\n")
                if let k = lines.firstIndex(where: { $0.hasPrefix("<p>Made with Guidebook") }) {
                    lines[k] = line
                } else {
                    lines.insert(line, at: 0)
                }
                return lines.joined(separator: "\n")
            }
            return Edit("theme: templates/footer.mustache says '\(line)'")
        default:
            themeFilesAdded += 1
            let path = "assets/css/extra-\(themeFilesAdded).css"
            try project.write("themes/default/\(path)", ".extra-\(themeFilesAdded) { color: #333; }\n")
            return Edit("theme: \(path) added")
        }
    }

    mutating func editConfiguration(using g: inout SplitMix64) -> Edit {
        switch g.below(3) {
        case 0:
            let title = g.title()
            siteTitle = title
            return Edit("\(SiteConfiguration.fileName): title '\(title)'")
        case 1:
            let current = organisation
            let choice = g.pick(Vocabulary.organisations.filter { $0 != current })
            organisation = choice
            return Edit("\(SiteConfiguration.fileName): organisation \(choice ?? "none")")
        default:
            editURL = editURL == nil ? "https://git.example.org/guide/-/edit/main/" : nil
            return Edit("\(SiteConfiguration.fileName): edit_url \(editURL ?? "none")")
        }
    }
}

// MARK: - Words and numbers

extension CacheDifferentialTests {
    enum Vocabulary {
        struct Term: Sendable {
            var name: String
            var definition: String
        }

        /// Plain words: none is YAML's true, false or null, or the name of a file the build makes
        /// (search, tags, status, print, checklists), so titles and file names made of them are safe.
        static let words = [
            "agency", "partner", "meeting", "budget", "family", "school", "service", "referral", "outcome", "plan",
            "manager", "support", "record", "training", "health", "council", "worker", "practice", "consent",
            "assessment", "contract", "evidence", "protocol", "leadership", "funding", "visit", "report",
            "advice", "carer", "nurse",
        ]
        static let verbs = ["agree", "name", "book", "write", "share", "check", "update", "send"]
        static let terms = [
            Term(name: "CAF", definition: "Common assessment framework, a shared way to assess what a child needs."),
            Term(name: "YOT", definition: "Youth offending team, a service for young people in trouble with the law."),
            Term(name: "BEST", definition: "Behaviour and education support team, working with schools and families."),
            Term(name: "Lead professional", definition: "The practitioner who coordinates the support a family gets."),
            Term(name: "Team around the child", definition: "The practitioners who work with one child together."),
            Term(name: "Secondment", definition: "A move to another agency for a fixed time, keeping the old contract."),
        ]
        static let tags = ["people", "partners", "money", "safety", "planning"]
        /// nil: none.
        static let owners: [String?] = [nil, "Partnership Team", "Service Manager", "office@example.org"]
        static let organisations: [String?] = [nil, "Children's Services", "Partnership Board"]
        /// Before `TestSite.today` (2026-11-29): an overdue-review warning in the page.
        static let overdueReviewDates = ["2026-06-30"]
        static let reviewDates: [String?] = [nil, "2027-03-31", "2027-09-30", "2026-06-30"]
        static let colours = ["#1d4f91", "#2e7d32", "#b71c1c", "#6a1b9a"]

        static func capitalised(_ text: String) -> String {
            text.prefix(1).uppercased() + String(text.dropFirst())
        }
    }
}

/// SplitMix64 (Steele, Lea and Flood): a seedable generator, the same on every platform.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// 0..<bound, by remainder (its slight bias does not matter here): unlike `Int.random(in:using:)`,
    /// fixed by this file, so a seed means the same edits with any Swift.
    mutating func below(_ bound: Int) -> Int {
        precondition(bound > 0)
        return Int(next() % UInt64(bound))
    }

    mutating func chance(_ percent: Int) -> Bool { below(100) < percent }

    mutating func pick<Element>(_ elements: [Element]) -> Element { elements[below(elements.count)] }
}

extension SplitMix64 {
    typealias Vocabulary = CacheDifferentialTests.Vocabulary

    /// Four to nine words, sometimes with a glossary term (abbreviations as written, others in lower case).
    mutating func sentence() -> String {
        var words: [String] = []
        let count = 4 + below(6)
        for _ in 0..<count {
            let word = pick(Vocabulary.words)
            words.append(word)
        }
        if chance(35) {
            let term = pick(Vocabulary.terms).name
            let position = below(words.count + 1)
            words.insert(term == term.uppercased() ? term : term.lowercased(), at: position)
        }
        return Vocabulary.capitalised(words.joined(separator: " ")) + "."
    }

    mutating func paragraph() -> [String] {
        var sentences: [String] = []
        let count = 1 + below(3)
        for _ in 0..<count { sentences.append(sentence()) }
        return sentences
    }

    mutating func title() -> String {
        let first = pick(Vocabulary.words)
        guard chance(50) else { return Vocabulary.capitalised(first) }
        let second = pick(Vocabulary.words)
        return Vocabulary.capitalised(first + " " + second)
    }

    mutating func heading(avoiding used: [String]) -> String {
        var heading = title()
        while used.contains(heading) {
            let word = pick(Vocabulary.words)
            heading += " " + word
        }
        return heading
    }

    mutating func task() -> String {
        let verb = pick(Vocabulary.verbs)
        let word = pick(Vocabulary.words)
        return Vocabulary.capitalised("\(verb) the \(word)")
    }

    mutating func linkText() -> String {
        let first = pick(Vocabulary.words)
        let second = pick(Vocabulary.words)
        return "the \(first) \(second)"
    }

    /// One plain word changed to another (or, in a sentence without one, a word added).
    mutating func changingOneWord(of sentence: String) -> String {
        var words = sentence.dropLast().split(separator: " ").map(String.init)
        let plain = words.indices.filter { Vocabulary.words.contains(words[$0]) }
        if plain.isEmpty {
            let word = pick(Vocabulary.words)
            words.append(word)
        } else {
            let k = plain[below(plain.count)]
            let old = Vocabulary.words.firstIndex(of: words[k])!
            words[k] = Vocabulary.words[(old + 1 + below(Vocabulary.words.count - 1)) % Vocabulary.words.count]
        }
        return words.joined(separator: " ") + "."
    }
}
