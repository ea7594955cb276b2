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
        let swapLock = NSLock()
        let rebuilder = Rebuilder(options: options, hub: hub, swapLock: swapLock, log: log)
        await rebuilder.rebuild()
        let watcher = try FileWatcher(
            folders: [options.projectRoot.appendingPathComponent("content"), options.projectRoot.appendingPathComponent("themes")],
            files: [options.projectRoot.appendingPathComponent("guidebook.yml")],
            onChange: { paths in Task { await rebuilder.rebuild(changed: paths) } })
        let responder = CallbackResponder<BasicRequestContext> { request, _ in
            await SiteResponder(siteFolder: options.outputFolder, hub: hub, swapLock: swapLock).respond(to: request)
        }
        let app = Application(
            responder: responder,
            configuration: .init(address: .hostname(options.host, port: options.port), serverName: "Guidebook preview"),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? options.port) },
            logger: Self.quietLogger)
        // A group shuts its services down last first: the live-reload streams must end before the
        // server waits for its open requests to finish, or an open page keeps it running after Ctrl-C.
        let services = ServiceGroup(
            configuration: .init(
                services: [app, HubCloser(hub: hub)],
                gracefulShutdownSignals: [.sigterm, .sigint], logger: Self.quietLogger))
        do {
            try await services.run()
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
        case .cannotListen(let host, let port, let reason):
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

/// One build at a time; a change during a build gives one more build after it. An edit to one
/// page's text is shown first on its own (`PreviewSnapshot`), then the full build follows.
actor Rebuilder {
    let options: PreviewServer.Options
    let hub: LiveReloadHub
    let swapLock: NSLock
    let log: @Sendable (String) -> Void
    private var isBuilding = false
    private var isWanted = false
    private var changedPaths: Set<String> = []
    /// From the last build that wrote the site, which is what the site folder holds.
    private var snapshot: PreviewSnapshot?

    init(options: PreviewServer.Options, hub: LiveReloadHub, swapLock: NSLock, log: @escaping @Sendable (String) -> Void) {
        self.options = options
        self.hub = hub
        self.swapLock = swapLock
        self.log = log
    }

    func rebuild(changed: Set<String> = []) async {
        changedPaths.formUnion(changed)
        isWanted = true
        guard !isBuilding else { return }
        isBuilding = true
        while isWanted {
            isWanted = false
            let changed = changedPaths
            changedPaths = []
            let shownEarly = await showEditEarly(changed)
            await buildOnce(announcingSuccess: !shownEarly)
        }
        isBuilding = false
    }

    /// Writes the page over its old file and reloads open pages, when the only change is to one
    /// page's text and nothing else shows that text. True if it did.
    private func showEditEarly(_ changed: Set<String>) async -> Bool {
        let started = Date()
        let contentFolder = options.projectRoot.appendingPathComponent("content").path + "/"
        guard let snapshot, changed.count == 1, let path = changed.first, path.hasPrefix(contentFolder), path.hasSuffix(".md"),
            let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8),
            let (outputPath, html) = snapshot.renderBodyEdit(contentPath: String(path.dropFirst(contentFolder.count)), text: text)
        else { return false }
        do {
            try FileSystemOutput.replaceFile(outputPath, in: options.outputFolder, with: Data(html.utf8))
        } catch {
            return false
        }
        log(
            "Updated \(outputPath) in \(String(format: "%.3f", Date().timeIntervalSince(started))) s; "
                + "rebuilding the print edition and the search index")
        await hub.buildSucceeded()
        return true
    }

    /// `announcingSuccess` is false when the edit has already been shown: open pages are not
    /// reloaded a second time for the same text.
    private func buildOnce(announcingSuccess: Bool = true) async {
        let started = Date()
        let root = options.projectRoot
        do {
            let input = try ProjectInput.read(root: root)
            var buildOptions = BuildOptions(includeDrafts: options.includeDrafts, themeSearchFolders: ThemeLoader.searchFolders(projectRoot: root))
            buildOptions.keepsPreviewSnapshot = true
            buildOptions.keepsGoing = true
            let result = try SiteBuilder(options: buildOptions).build(
                consume input, into: try FileSystemOutput(outputFolder: options.outputFolder, swapLock: swapLock))
            let report = DiagnosticFormatter.format(result.diagnostics)
            if !report.isEmpty { log(report) }
            let seconds = String(format: "%.2f", Date().timeIntervalSince(started))
            if result.didWrite && result.errorCount > 0 {
                // Shown with its errors marked; a body edit of it goes through the full build again.
                snapshot = nil
                log(
                    "Built \(result.pagesWritten.count) pages in \(seconds) s with \(result.errorCount) \(result.errorCount == 1 ? "error" : "errors"); links with problems are marked"
                )
                await hub.buildFailed(report: report, written: true)
            } else if result.didWrite {
                snapshot = result.previewSnapshot
                log("Built \(result.pagesWritten.count) pages in \(seconds) s")
                if announcingSuccess { await hub.buildSucceeded() }
            } else {
                log("Build failed: \(result.errorCount) \(result.errorCount == 1 ? "error" : "errors"); still serving the last good site")
                await hub.buildFailed(report: report)
            }
        } catch {
            log("error: \(error)")
            await hub.buildFailed(report: "error: \(error)")
        }
    }
}
