import ArgumentParser
import Foundation
import GuidebookKit

extension GuidebookCommand {
    public struct New: ParsableCommand {
        public static let configuration = CommandConfiguration(
            abstract: "Create a page: content/PATH.md with its front matter filled in.",
            discussion:
                "The title comes from the file name, the order follows the last page in the folder, and the owner and first review date from 'defaults' in guidebook.yml. An existing file is never overwritten."
        )

        @OptionGroup public var global: GlobalOptions

        @Argument(help: ArgumentHelp("The page's path inside content/, such as building-the-work-group/volunteers.", valueName: "path"))
        public var path: String

        public init() {}

        public func run() throws {
            let root = global.projectRoot
            let configurationURL = root.appendingPathComponent(SiteConfiguration.fileName)
            let configurationText = (try? String(contentsOf: configurationURL, encoding: .utf8)) ?? ""
            let (configuration, problems) = SiteConfigurationLoader.load(text: configurationText)
            if !problems.isEmpty {
                Terminal.report(problems)
                throw ExitCode(1)
            }
            let content = root.appendingPathComponent("content")
            let folder = content.appendingPathComponent(path).deletingLastPathComponent()
            let orders = NewPage.existingOrders(in: folder)
            switch NewPage.plan(path: path, configuration: configuration, existingOrders: orders, today: .today()) {
            case .failure(let problem):
                Terminal.error("error: \(problem)")
                throw ExitCode(1)
            case .success(let plan):
                let file = content.appendingPathComponent(plan.contentPath)
                if FileManager.default.fileExists(atPath: file.path) {
                    Terminal.error("error: \(NewPage.Problem.exists("content/\(plan.contentPath)"))")
                    throw ExitCode(1)
                }
                do {
                    try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                    // withoutOverwriting: even if the file appears meanwhile, it is not replaced.
                    try Data(plan.text.utf8).write(to: file, options: .withoutOverwriting)
                } catch {
                    Terminal.error("error: cannot create content/\(plan.contentPath): \(FileSystemFailure.describe(error))")
                    throw ExitCode(1)
                }
                if !global.quiet { Terminal.output("Created content/\(plan.contentPath)") }
            }
        }
    }
}
