import ArgumentParser
import Foundation
import GuidebookKit

extension GuidebookCommand {
    public struct Build: ParsableCommand {
        public static let configuration = CommandConfiguration(
            abstract: "Build the site from content/ into the output folder.",
            discussion: """
                Nothing is written unless the build succeeds (or --keep-going is given): a failed build leaves the previous site as it was. \
                The build cache in <source>/.guidebook-cache/ lets the next build rewrite only what an edit to pages' text \
                changed; the site is the same either way.
                """
        )

        @OptionGroup public var global: GlobalOptions

        @OptionGroup public var reporting: DiagnosticOptions

        @Option(name: .long, help: ArgumentHelp("Where to write the site (default: <source>/site).", valueName: "dir"))
        public var output: String?

        @Flag(name: .long, help: "Include pages marked 'draft: true'.")
        public var drafts: Bool = false

        @Flag(name: .long, help: "Treat warnings as errors.")
        public var strict: Bool = false

        @Flag(
            name: .long,
            help: "Write the site even when there are errors: every page that can be made, links with problems marked in them. Still exits 1.")
        public var keepGoing: Bool = false

        @Flag(name: .long, help: "Print how long each stage took.")
        public var timings: Bool = false

        @Flag(name: .long, help: "Build everything, without reading or writing the build cache (.guidebook-cache/).")
        public var noCache: Bool = false

        @Option(name: .long, help: ArgumentHelp("Pages to work on at once (default: one per core). The site is the same whatever the number.", valueName: "n"))
        public var jobs: Int?

        public init() {}

        public func validate() throws {
            if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        }

        public func run() throws {
            let started = ContinuousClock.now
            if let jobs { Parallelism.setWorkers(jobs) }
            let root = global.projectRoot
            let outputFolder = output.map { URL(fileURLWithPath: $0).standardizedFileURL } ?? root.appendingPathComponent("site")
            try Terminal.refuseUnsafe(OutputLocation.checkSiteFolder(outputFolder, projectRoot: root))
            let result: BuildResult
            do {
                var options = BuildOptions(includeDrafts: drafts, strict: strict, themeSearchFolders: ThemeLoader.searchFolders(projectRoot: root))
                options.keepsGoing = keepGoing
                if noCache {
                    let input = try ProjectInput.read(root: root)
                    result = try SiteBuilder(options: options).build(consume input, into: try FileSystemOutput(outputFolder: outputFolder))
                } else {
                    result = try CachedBuild.build(root: root, outputFolder: outputFolder, options: options)
                }
            } catch {
                Terminal.error("error: \(FileSystemFailure.describe(error))")
                throw ExitCode(1)
            }
            Terminal.report(result.diagnostics, limit: reporting.maxErrors)
            if timings {
                Terminal.error(result.timings.map { "\($0.stage): \(String(format: "%.3f", $0.seconds)) s" }.joined(separator: "\n"))
            }
            let seconds = Terminal.seconds(since: started)
            if !global.quiet || !result.didWrite {
                Terminal.summary(result, seconds: seconds, strict: strict, outputFolder: outputFolder)
            }
            if !result.didWrite || result.errorCount > 0 || (strict && result.warningCount > 0) { throw ExitCode(1) }
        }
    }
}
