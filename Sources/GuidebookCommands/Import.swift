import ArgumentParser
import Foundation
import GuidebookKit

extension GuidebookCommand {
    public struct Import: ParsableCommand {
        public static let configuration = CommandConfiguration(
            abstract: "Make a Guidebook project from another tool's documentation.",
            discussion:
                "FORMAT is mkdocs, jekyll, hugo, tech-docs or markdown. Writes guidebook.yml and content/ into a new or empty folder (default: beside SOURCE, named SOURCE-guidebook), converting navigation and weights to order, README.md and _index.md to index.md, description to summary, links to relative .md links and admonitions to call-outs, and reports what it could not convert. SOURCE is only read."
        )

        @Argument(help: ArgumentHelp("The tool: mkdocs, jekyll, hugo, tech-docs or markdown.", valueName: "format"))
        public var format: String

        @Argument(help: ArgumentHelp("The tool's project folder (or a plain folder of Markdown).", valueName: "source"))
        public var source: String

        @Option(name: .long, help: ArgumentHelp("Where the Guidebook project goes: a new or empty folder.", valueName: "dir"))
        public var output: String?

        @Flag(name: .long, help: "Print only what could not be converted, not the summary line.")
        public var quiet: Bool = false

        @OptionGroup public var reporting: DiagnosticOptions

        public init() {}

        public func validate() throws {
            if ImportFormat(rawValue: format) == nil {
                throw ValidationError("unknown format '\(format)'; use one of: \(ImportFormat.allCases.map(\.rawValue).joined(separator: ", "))")
            }
        }

        public func run() throws {
            let format = ImportFormat(rawValue: format)!
            let sourceURL = URL(fileURLWithPath: source).standardizedFileURL
            let outputURL = output.map { URL(fileURLWithPath: $0).standardizedFileURL } ?? ProjectImporter.defaultOutput(for: sourceURL)
            if let refusal = ImportRefusal.check(source: sourceURL, output: outputURL) {
                Terminal.error("error: \(refusal)")
                throw ExitCode(2)
            }
            let start = ContinuousClock.now
            let result: ImportResult
            do {
                result = try ProjectImporter.importProject(format: format, source: sourceURL, output: outputURL)
            } catch {
                Terminal.error("error: import into \(outputURL.path) failed: \(FileSystemFailure.describe(error))")
                throw ExitCode(1)
            }
            Terminal.report(result.warnings.map(\.diagnostic), limit: reporting.maxErrors)
            if !quiet {
                let time = String(format: "%.2f", Terminal.seconds(since: start))
                Terminal.output(
                    "Imported \(Terminal.plural(result.pageCount, "page")) and \(Terminal.plural(result.fileCount, "file")) into \(result.output.path), \(Terminal.plural(result.warnings.count, "thing")) not converted, in \(time) s"
                )
                Terminal.output("Next: guidebook build --source \(result.output.path)")
            }
        }
    }
}
