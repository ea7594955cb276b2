import Foundation
import Mustache

/// Finds a theme by name, parses every template (reporting each error with its file and line)
/// and checks that nothing in it loads from outside the site.
public enum ThemeLoader {
    /// Folders searched for `<name>/`, in order: the project's themes/, then the themes shipped with Guidebook.
    public static func searchFolders(projectRoot: URL) -> [URL] {
        var folders = [projectRoot.appendingPathComponent("themes")]
        if let override = ProcessInfo.processInfo.environment["GUIDEBOOK_THEMES"] {
            folders.append(URL(fileURLWithPath: override))
        }
        let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
        folders.append(executable.deletingLastPathComponent().appendingPathComponent("../share/guidebook/themes").standardized)
        // A checkout: Sources/GuidebookKit/Theme/ThemeLoader.swift -> themes/
        let checkout = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        folders.append(checkout.appendingPathComponent("themes"))
        return folders
    }

    public static func load(named name: String, searchFolders: [URL], projectRoot: URL, configurationLocation: SourceLocation?) -> (Theme?, [Diagnostic]) {
        let fileManager = FileManager.default
        guard OutputPath.unsafeReason(name) == nil,
            let directory = searchFolders.map({ $0.appendingPathComponent(name) }).first(where: { isDirectory($0, fileManager) })
        else {
            let available = Set(searchFolders.flatMap { (try? fileManager.contentsOfDirectory(atPath: $0.path)) ?? [] }).sorted()
            var notes = ["themes available: \(available.isEmpty ? "none" : available.joined(separator: ", "))"]
            if let near = NearestName.find(name, among: available) { notes.insert("did you mean '\(near)'?", at: 0) }
            return (
                nil,
                [
                    .error(
                        .unknownTheme, "theme '\(name)' does not exist", at: configurationLocation ?? SourceLocation(path: SiteConfiguration.fileName),
                        notes: notes)
                ]
            )
        }
        // A theme's files are published too: links in it may lead only within the project (or, for
        // a theme shipped with Guidebook, within that theme).
        let projectPath = FolderWalk.realPath(projectRoot.path) ?? projectRoot.path
        let themePath = FolderWalk.realPath(directory.path) ?? directory.path
        let allowed = themePath.hasPrefix(projectPath + "/") ? projectRoot : directory
        var diagnostics = FolderWalk.walk(directory, allowedRoot: allowed).diagnostics(folderName: ProjectPath.display(directory, projectRoot: projectRoot))
        MustacheContentTypes.register(HTMLEscaping.ContentType(), named: HTMLEscaping.ContentType.name)
        var templates: [String: MustacheTemplate] = [:]
        var templateTexts: [String: (text: String, displayPath: String)] = [:]
        let templateFolder = directory.appendingPathComponent("templates")
        // A project's theme folder of the same name as a shipped theme may hold only the templates it
        // changes (themes/default/templates/footer.mustache): every other template comes from the
        // shipped theme, and so do the assets when the project's folder has no assets/ of its own.
        let shipped = shippedTheme(named: name, overriddenBy: directory, searchFolders: searchFolders, fileManager)
        let templateFiles = templateSources(primary: templateFolder, fallback: shipped?.appendingPathComponent("templates"), fileManager)
        for (relative, file) in templateFiles {
            let displayPath = ProjectPath.display(file, projectRoot: projectRoot)
            guard let text = try? String(contentsOf: file, encoding: .utf8) else {
                diagnostics.append(.error(.templateError, "template is not readable UTF-8 text", at: SourceLocation(path: displayPath)))
                continue
            }
            templateTexts[String(relative.dropLast(".mustache".count))] = (text, displayPath)
            do {
                templates[String(relative.dropLast(".mustache".count))] = try MustacheTemplate(string: escapingPragma + text)
            } catch let error as MustacheTemplate.ParserError {
                diagnostics.append(
                    .error(
                        .templateError, "template syntax error: \(describe(error.error))",
                        at: SourceLocation(path: displayPath, line: error.context.lineNumber - 1, column: error.context.columnNumber + 1)))
            } catch {
                diagnostics.append(.error(.templateError, "template syntax error: \(error)", at: SourceLocation(path: displayPath)))
            }
            diagnostics += ExternalReferenceCheck.check(text, kind: .template, path: displayPath)
        }
        diagnostics += PartialCycleCheck.check(templates: templateTexts)
        if templates[Theme.pageTemplate] == nil && diagnostics.isEmpty {
            diagnostics.append(
                .error(
                    .templateError, "theme '\(name)' has no templates/\(Theme.pageTemplate).mustache",
                    at: SourceLocation(path: ProjectPath.display(templateFolder, projectRoot: projectRoot))))
        }
        let assetSources = overlay(primary: directory.appendingPathComponent("assets"), fallback: shipped?.appendingPathComponent("assets"), fileManager)
        for (relative, file) in assetSources.sorted(by: { $0.key < $1.key }) {
            guard let kind = ExternalReferenceCheck.Kind(fileName: relative) else { continue }
            guard let text = try? String(contentsOf: file, encoding: .utf8) else { continue }
            diagnostics += ExternalReferenceCheck.check(text, kind: kind, path: ProjectPath.display(file, projectRoot: projectRoot))
        }
        guard !diagnostics.contains(where: \.isError) else { return (nil, diagnostics) }
        return (Theme(name: name, directory: directory, templates: MustacheLibrary(templates: templates), assetSources: assetSources), diagnostics)
    }

    /// The theme of this name in a later search folder (one shipped with Guidebook) when `directory`
    /// is another folder (a project's): its templates complete the project's.
    private static func shippedTheme(named name: String, overriddenBy directory: URL, searchFolders: [URL], _ fileManager: FileManager) -> URL? {
        let page = "templates/\(Theme.pageTemplate).mustache"
        let own = FolderWalk.realPath(directory.path) ?? directory.path
        return searchFolders.map { $0.appendingPathComponent(name) }.first { candidate in
            (FolderWalk.realPath(candidate.path) ?? candidate.path) != own && fileManager.fileExists(atPath: candidate.appendingPathComponent(page).path)
        }
    }

    /// Template files by name relative to templates/: the fallback's, each replaced by the primary's of the same name.
    private static func templateSources(primary: URL, fallback: URL?, _ fileManager: FileManager) -> [(String, URL)] {
        let sources = overlay(primary: primary, fallback: fallback, fileManager)
        return sources.keys.sorted().filter { $0.hasSuffix(".mustache") }.map { ($0, sources[$0]!) }
    }

    /// Files by path relative to a folder: the fallback's, each replaced by the primary's of the same path.
    private static func overlay(primary: URL, fallback: URL?, _ fileManager: FileManager) -> [String: URL] {
        var sources: [String: URL] = [:]
        if let fallback {
            for relative in files(under: fallback, fileManager) { sources[relative] = fallback.appendingPathComponent(relative) }
        }
        for relative in files(under: primary, fileManager) { sources[relative] = primary.appendingPathComponent(relative) }
        return sources
    }

    private static func describe(_ error: any Error) -> String {
        switch error as? MustacheTemplate.Error {
        case .sectionCloseNameIncorrect: return "a closing tag does not match the open section"
        case .unfinishedName: return "a tag is not closed with '}}'"
        case .expectedSectionEnd: return "a section is not closed ({{/name}} missing)"
        case .invalidSetDelimiter: return "invalid set-delimiter tag"
        default: return "\(error)"
        }
    }

    private static func isDirectory(_ url: URL, _ fileManager: FileManager) -> Bool {
        var isDirectory: ObjCBool = false
        return fileManager.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// Put first in every template, on a line of its own (a standalone tag, so it adds no text):
    /// `{{name}}` then escapes through `HTMLEscaping`. Template errors are one line further down.
    static let escapingPragma = "{{% CONTENT_TYPE: \(HTMLEscaping.ContentType.name)}}\n"

    /// Files under `folder`, relative and sorted, without hidden ones (`FileStamp.files(under:)`).
    static func files(under folder: URL, _ fileManager: FileManager) -> [String] {
        FileStamp.files(under: folder).keys.sorted()
    }
}

/// Paths as printed in diagnostics: relative to the project root where possible.
enum ProjectPath {
    static func display(_ url: URL, projectRoot: URL) -> String {
        let root = projectRoot.standardizedFileURL.path
        let path = url.standardizedFileURL.path
        if path.hasPrefix(root + "/") { return String(path.dropFirst(root.count + 1)) }
        return path
    }
}
