import ArgumentParser
import Foundation
import GuidebookKit

extension GuidebookCommand {
    public struct Check: ParsableCommand {
        public static let configuration = CommandConfiguration(
            abstract: "Run every check of a build without writing anything.",
            discussion: "Exit status 0 when clean, 1 when there are errors (or warnings, with --strict)."
        )

        public enum Format: String, ExpressibleByArgument, CaseIterable, Sendable {
            case text, json
        }

        @OptionGroup public var global: GlobalOptions

        @OptionGroup public var reporting: DiagnosticOptions

        @Flag(name: .long, help: "Treat warnings as errors.")
        public var strict: Bool = false

        @Flag(name: .long, help: "Check draft pages too.")
        public var drafts: Bool = false

        @Option(name: .long, help: "How to print diagnostics: text (compiler style) or json (an array, for CI tools).")
        public var format: Format = .text

        public init() {}

        public func run() throws {
            let root = global.projectRoot
            let result: BuildResult
            do {
                let input = try ProjectInput.read(root: root)
                let options = BuildOptions(includeDrafts: drafts, strict: strict, themeSearchFolders: ThemeLoader.searchFolders(projectRoot: root))
                result = try SiteBuilder(options: options).build(consume input, into: NullOutput())
            } catch {
                Terminal.error("error: \(FileSystemFailure.describe(error))")
                throw ExitCode(1)
            }
            switch format {
            case .json:
                print(DiagnosticJSON.encode(result.diagnostics))
            case .text:
                Terminal.report(result.diagnostics, limit: reporting.maxErrors)
                if !global.quiet {
                    Terminal.output(
                        "Checked \(Terminal.plural(result.pagesChecked, "page")): \(Terminal.plural(result.errorCount, "error")), \(Terminal.plural(result.warningCount, "warning"))"
                    )
                }
            }
            if !result.didWrite { throw ExitCode(1) }
        }
    }
}
