import Foundation

/// `guidebook new PATH`: a new page's file, with front matter filled in from its name,
/// its folder and guidebook.yml's defaults.
public enum NewPage {
    public struct Plan: Sendable, Equatable {
        /// Relative to the content folder: `building-the-work-group/volunteers.md`.
        public var contentPath: String
        public var text: String
    }

    public enum Problem: Error, Equatable, CustomStringConvertible {
        case unsafeName(String, reason: String)
        case exists(String)
        case reserved(String, outputPath: String, reason: String)

        public var description: String {
            switch self {
            case .unsafeName(let segment, let reason): return "'\(segment)' is not a safe name for a web page or folder: \(reason)"
            case .exists(let path): return "\(path) already exists; Guidebook never overwrites a page"
            case .reserved(let path, let outputPath, let reason): return "\(path) would be written to '\(outputPath)', \(reason); choose another name"
            }
        }
    }

    /// `existingOrders` are the `order` values of the pages already in the new page's folder.
    public static func plan(path: String, configuration: SiteConfiguration, existingOrders: [Int], today: CalendarDate) -> Result<Plan, Problem> {
        var contentPath = path.hasSuffix(".md") ? path : path + ".md"
        while contentPath.hasPrefix("./") { contentPath.removeFirst(2) }
        switch OutputPath.map(contentPath: contentPath) {
        case .failure(let error): return .failure(.unsafeName(error.segment, reason: error.reason))
        case .success(let outputPath):
            // The page's next build would fail with duplicate-output: say so now.
            if let reason = ReservedOutput.reason(outputPath) ?? ReservedOutput.reason(OutputPath.folder(of: outputPath)) {
                return .failure(.reserved("content/\(contentPath)", outputPath: outputPath, reason: reason))
            }
        }
        let name = String((contentPath.split(separator: "/").last ?? "page").dropLast(3))
        let title =
            name == "index"
            ? folderTitle(contentPath) : name.replacingOccurrences(of: "-", with: " ").replacingOccurrences(of: "_", with: " ").capitalisedFirstLetter
        let order = (existingOrders.max() ?? 0) + 1
        var lines = ["---", "title: \(yamlString(title))", "summary: ", "order: \(name == "index" ? 0 : order)", "tags: []"]
        if let owner = configuration.defaultOwner { lines.append("owner: \(yamlString(owner))") }
        lines.append("review_by: \(adding(months: configuration.reviewMonths, to: today))")
        lines += ["---", "", "Write the page here. Start sections with `##`.", ""]
        return .success(Plan(contentPath: contentPath, text: lines.joined(separator: "\n")))
    }

    private static func folderTitle(_ contentPath: String) -> String {
        let parts = contentPath.split(separator: "/")
        guard parts.count >= 2 else { return "Home" }
        return parts[parts.count - 2].replacingOccurrences(of: "-", with: " ").capitalisedFirstLetter
    }

    /// Quoted when YAML would read it as something other than plain text.
    static func yamlString(_ text: String) -> String {
        let plain = text.range(of: #"^[A-Za-z0-9][A-Za-z0-9 ,.()'’-]*$"#, options: .regularExpression) != nil && !text.contains(": ")
        return plain ? text : "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// The `order` of each page and subsection in `folder`: its pages but index.md (which orders the
    /// folder among its own siblings), and each subfolder's index.md. Unreadable or orderless ones are skipped.
    public static func existingOrders(in folder: URL) -> [Int] {
        let fileManager = FileManager.default
        let names = (try? fileManager.contentsOfDirectory(atPath: folder.path)) ?? []
        let files = names.map { name -> URL in
            let url = folder.appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            return fileManager.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue ? url.appendingPathComponent("index.md") : url
        }.filter { $0.pathExtension == "md" && !($0.lastPathComponent == "index.md" && $0.deletingLastPathComponent() == folder) }
        return files.compactMap { file in
            guard let text = try? String(contentsOf: file, encoding: .utf8) else { return nil }
            return FrontMatterParser.parse(text, path: file.lastPathComponent).frontMatter?.order
        }
    }

    static func adding(months: Int, to date: CalendarDate) -> CalendarDate {
        let total = date.month - 1 + months
        let year = date.year + total / 12, month = total % 12 + 1
        return CalendarDate(year: year, month: month, day: min(date.day, CalendarDate.days(inMonth: month, year: year)))
    }
}
