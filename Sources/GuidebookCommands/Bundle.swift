import ArgumentParser
import Foundation
import GuidebookKit

extension GuidebookCommand {
    public struct Bundle: ParsableCommand {
        public static let configuration = CommandConfiguration(
            abstract: "Build the site into one zip that opens from disk after unzipping.",
            discussion:
                "The zip is named from the guide's title and today's date and holds one folder with the site. Bundling the same content twice gives the same bytes."
        )

        @OptionGroup public var global: GlobalOptions

        @OptionGroup public var reporting: DiagnosticOptions

        @Option(name: .long, help: ArgumentHelp("Where to write the zip (default: <source>/<title>-<date>.zip).", valueName: "file"))
        public var output: String?

        @Flag(name: .long, help: "Include pages marked 'draft: true'.")
        public var drafts: Bool = false

        @Flag(name: .long, help: "Treat warnings as errors.")
        public var strict: Bool = false

        public init() {}

        public func run() throws {
            let started = ContinuousClock.now
            let root = global.projectRoot
            let site = MemoryOutput()
            let result: BuildResult
            let today = CalendarDate.today()
            let chosen = output.map { URL(fileURLWithPath: $0).standardizedFileURL }
            if let chosen { try Terminal.refuseUnsafe(OutputLocation.checkBundleFile(chosen, projectRoot: root)) }
            let zip: URL
            do {
                let input = try ProjectInput.read(root: root)
                let options = BuildOptions(
                    includeDrafts: drafts, strict: strict, themeSearchFolders: ThemeLoader.searchFolders(projectRoot: root), today: today)
                result = try SiteBuilder(options: options).build(input, into: site)
                Terminal.report(result.diagnostics, limit: reporting.maxErrors)
                guard result.didWrite else {
                    Terminal.summary(result, seconds: Terminal.seconds(since: started), strict: strict, outputFolder: root)
                    throw ExitCode(1)
                }
                let title = SiteConfigurationLoader.load(text: input.configurationText ?? "").0.title
                let name = BundleWriter.name(title: title, on: today)
                zip = chosen ?? root.appendingPathComponent("\(name).zip")
                if chosen == nil { try Terminal.refuseUnsafe(OutputLocation.checkBundleFile(zip, projectRoot: root)) }
                try BundleWriter.write(files: site.files, folder: name, to: zip)
            } catch let exit as ExitCode {
                throw exit
            } catch {
                Terminal.error("error: \(FileSystemFailure.describe(error))")
                throw ExitCode(1)
            }
            if !global.quiet {
                Terminal.output(
                    "Bundled \(Terminal.plural(result.pagesWritten.count, "page")) into \(zip.path), \(Terminal.plural(result.warningCount, "warning")), in \(String(format: "%.2f", Terminal.seconds(since: started))) s"
                )
            }
        }
    }
}
