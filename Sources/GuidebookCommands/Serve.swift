import ArgumentParser
import Foundation
import GuidebookKit
import GuidebookServer

extension GuidebookCommand {
    public struct Serve: AsyncParsableCommand {
        public static let configuration = CommandConfiguration(
            abstract: "Build, serve the site for preview, and rebuild and reload pages as files change.",
            discussion:
                "Serves on 127.0.0.1 unless --host says otherwise. A failed build keeps the last good site and shows its diagnostics in the page. Ctrl-C stops it."
        )

        @OptionGroup public var global: GlobalOptions

        @Option(name: .long, help: "The address to listen on (other than 127.0.0.1, the preview is visible to others).")
        public var host: String = "127.0.0.1"

        @Option(name: .long, help: "The port to listen on.")
        public var port: Int = 8000

        @Option(name: .long, help: ArgumentHelp("Where to write the site (default: <source>/site).", valueName: "dir"))
        public var output: String?

        @Flag(name: .long, help: "Include pages marked 'draft: true'.")
        public var drafts: Bool = false

        public init() {}

        public func validate() throws {
            guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        }

        public func run() async throws {
            let root = global.projectRoot
            if !["127.0.0.1", "localhost", "::1"].contains(host) {
                Terminal.error("warning: serving on \(host): anyone who can reach this machine can see the preview, drafts included")
            }
            let outputFolder = output.map { URL(fileURLWithPath: $0).standardizedFileURL } ?? root.appendingPathComponent("site")
            try Terminal.refuseUnsafe(OutputLocation.checkSiteFolder(outputFolder, projectRoot: root))
            let options = PreviewServer.Options(
                projectRoot: root, outputFolder: outputFolder,
                host: host, port: port, includeDrafts: drafts)
            let quiet = global.quiet
            let shownHost = host.contains(":") ? "[\(host)]" : host
            let server = PreviewServer(options: options, log: { if !quiet || $0.contains("error") { Terminal.error($0) } })
            do {
                try await server.run(onRunning: { port in
                    Terminal.error("Serving the guide at http://\(shownHost):\(port)/ (Ctrl-C to stop)")
                })
            } catch {
                Terminal.error("error: \(error)")
                throw ExitCode(1)
            }
            Terminal.error("Stopped.")
        }
    }
}
