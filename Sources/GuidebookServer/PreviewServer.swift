import Foundation
import GuidebookKit
import Hummingbird
import Logging
import ServiceLifecycle

/// `guidebook serve`: builds the site, serves it from the site folder only, rebuilds when
/// content/, themes/ or guidebook.yml change, and tells open pages to reload (or shows the
/// diagnostics of a failed build over the last good site).
public struct PreviewServer: Sendable {
    public struct Options: Sendable {
        public var projectRoot: URL
        public var outputFolder: URL
        public var host: String
        public var port: Int
        public var includeDrafts: Bool

        public init(projectRoot: URL, outputFolder: URL, host: String, port: Int, includeDrafts: Bool) {
            self.projectRoot = projectRoot
            self.outputFolder = outputFolder
            self.host = host
            self.port = port
            self.includeDrafts = includeDrafts
        }
    }

    public let options: Options
    /// Where the server prints (the command's terminal); never called with HTML.
    public let log: @Sendable (String) -> Void

    public init(options: Options, log: @escaping @Sendable (String) -> Void) {
        self.options = options
        self.log = log
    }

    /// Builds once, then serves until SIGINT or SIGTERM. `onRunning` gets the bound port.
    public func run(onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let hub = LiveReloadHub()
        let rebuilder = Rebuilder(options: options, hub: hub, log: log)
        await rebuilder.rebuild()
        let watcher = try FileWatcher(
            folders: [options.projectRoot.appendingPathComponent("content"), options.projectRoot.appendingPathComponent("themes")],
            files: [options.projectRoot.appendingPathComponent("guidebook.yml")],
            onChange: { Task { await rebuilder.rebuild() } })
        let responder = CallbackResponder<BasicRequestContext> { request, _ in
            await SiteResponder(siteFolder: options.outputFolder, hub: hub).respond(to: request)
        }
        let app = Application(
            responder: responder,
            configuration: .init(address: .hostname(options.host, port: options.port), serverName: "Guidebook preview"),
            services: [HubCloser(hub: hub)],
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? options.port) },
            logger: Self.quietLogger)
        do {
            try await app.runService()
        } catch {
            throw PreviewError.cannotListen(host: options.host, port: options.port, reason: "\(error)")
        }
        withExtendedLifetime(watcher) {}
    }

    static var quietLogger: Logger {
        var logger = Logger(label: "guidebook.preview")
        logger.logLevel = .error
        return logger
    }
}

public enum PreviewError: Error, CustomStringConvertible {
    case cannotListen(host: String, port: Int, reason: String)

    public var description: String {
        switch self {
        case let .cannotListen(host, port, reason):
            if reason.contains("Address already in use") || reason.contains("EADDRINUSE") || reason.contains("errno: 98") {
                return "port \(port) on \(host) is already in use; stop the other server or choose another port with --port"
            }
            return "cannot listen on \(host):\(port): \(reason)"
        }
    }
}

/// Ends the live-reload streams when the server shuts down, so open pages do not hold it up.
struct HubCloser: Service {
    let hub: LiveReloadHub

    func run() async throws {
        try? await gracefulShutdown()
        await hub.closeAll()
    }
}

/// One build at a time; a change during a build gives one more build after it.
actor Rebuilder {
    let options: PreviewServer.Options
    let hub: LiveReloadHub
    let log: @Sendable (String) -> Void
    private var isBuilding = false
    private var isWanted = false

    init(options: PreviewServer.Options, hub: LiveReloadHub, log: @escaping @Sendable (String) -> Void) {
        self.options = options
        self.hub = hub
        self.log = log
    }

    func rebuild() async {
        isWanted = true
        guard !isBuilding else { return }
        isBuilding = true
        while isWanted {
            isWanted = false
            await buildOnce()
        }
        isBuilding = false
    }

    private func buildOnce() async {
        let started = Date()
        let root = options.projectRoot
        do {
            let input = try ProjectInput.read(root: root)
            let buildOptions = BuildOptions(includeDrafts: options.includeDrafts, themeSearchFolders: ThemeLoader.searchFolders(projectRoot: root))
            let result = try SiteBuilder(options: buildOptions).build(consume input, into: try FileSystemOutput(outputFolder: options.outputFolder))
            let report = DiagnosticFormatter.format(result.diagnostics)
            if !report.isEmpty { log(report) }
            let seconds = String(format: "%.2f", Date().timeIntervalSince(started))
            if result.didWrite {
                log("Built \(result.pagesWritten.count) pages in \(seconds) s")
                await hub.buildSucceeded()
            } else {
                log("Build failed: \(result.errorCount) errors; still serving the last good site")
                await hub.buildFailed(report: report)
            }
        } catch {
            log("error: \(error)")
            await hub.buildFailed(report: "error: \(error)")
        }
    }
}
