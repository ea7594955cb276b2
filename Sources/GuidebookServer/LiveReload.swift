import Foundation

/// The preview's live-reload channel (Server-Sent Events): every open page hears "reload" after
/// a build that wrote the site, and the diagnostics of one with errors, shown in an overlay until a
/// build has none. The preview keeps going: a build with errors still writes every page it can.
public actor LiveReloadHub {
    public enum State: Sendable, Equatable {
        case good(generation: Int)
        /// `written`: the site was written anyway (errors marked in its pages), so pages reload.
        case failed(generation: Int, report: String, written: Bool)
    }

    private var state: State = .good(generation: 0)
    private var clients: [UUID: AsyncStream<String>.Continuation] = [:]
    /// Once the server is stopping, a page that reconnects gets an ended stream.
    private var isClosed = false

    public init() {}

    public func buildSucceeded() {
        state = .good(generation: generation + 1)
        broadcast()
    }

    public func buildFailed(report: String, written: Bool = false) {
        state = .failed(generation: generation + 1, report: report, written: written)
        broadcast()
    }

    /// A stream of SSE messages for one page; it starts with the current state.
    public func subscribe() -> AsyncStream<String> {
        let id = UUID()
        let (stream, continuation) = AsyncStream<String>.makeStream(bufferingPolicy: .bufferingNewest(8))
        if isClosed {
            continuation.finish()
            return stream
        }
        continuation.onTermination = { _ in Task { await self.remove(id) } }
        clients[id] = continuation
        continuation.yield(Self.message(for: state))
        return stream
    }

    /// Ends every stream, so the server can shut down.
    public func closeAll() {
        isClosed = true
        for continuation in clients.values { continuation.finish() }
        clients = [:]
    }

    private func remove(_ id: UUID) { clients[id] = nil }

    private var generation: Int {
        switch state {
        case .good(let generation), .failed(let generation, _, _): return generation
        }
    }

    private func broadcast() {
        let message = Self.message(for: state)
        for continuation in clients.values { continuation.yield(message) }
    }

    /// `event: state` with JSON data: {"generation": n, "ok": true} or {"generation": n, "ok": false,
    /// "report": "...", "written": true or false}.
    static func message(for state: State) -> String {
        var payload: [String: Any] = [:]
        switch state {
        case .good(let generation): payload = ["generation": generation, "ok": true]
        case .failed(let generation, let report, let written):
            payload = ["generation": generation, "ok": false, "report": report, "written": written]
        }
        let data = (try? JSONSerialization.data(withJSONObject: payload, options: [.sortedKeys])) ?? Data("{}".utf8)
        return "event: state\ndata: \(String(decoding: data, as: UTF8.self))\n\n"
    }

    /// Added before `</body>` of every HTML page the preview serves, never to `build` output.
    /// Diagnostics go in with textContent; the first state message only sets the baseline.
    public static let script = """
        <script>
        (function () {
          var source = new EventSource("/__guidebook/events");
          var seen = null;
          function overlay() {
            var box = document.getElementById("guidebook-preview-errors");
            if (!box) {
              box = document.createElement("div");
              box.id = "guidebook-preview-errors";
              box.setAttribute("role", "alert");
              box.style.cssText = "position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:2147483647;background:#1b1b1b;color:#fff;font:14px/1.5 ui-monospace,Consolas,monospace;padding:1rem 1.25rem;border-top:6px solid #d4351c;white-space:pre-wrap";
              document.body.appendChild(box);
            }
            return box;
          }
          source.addEventListener("state", function (event) {
            var state = JSON.parse(event.data);
            if (seen !== null && state.generation !== seen && (state.ok || state.written)) { location.reload(); return; }
            seen = state.generation;
            var box = document.getElementById("guidebook-preview-errors");
            if (state.ok) { if (box) { box.remove(); } return; }
            var target = overlay();
            target.textContent = (state.written
              ? "Guidebook: the last build has errors; links with problems are marked in the pages.\\n\\n"
              : "Guidebook: the last build failed; this is the last good version.\\n\\n") + state.report;
          });
        })();
        </script>
        """

    /// Inserts the script before the last `</body>` (or at the end of a page without one).
    public static func inject(into html: String) -> String {
        guard let range = html.range(of: "</body>", options: .backwards) else { return html + script }
        return html.replacingCharacters(in: range, with: script + "\n</body>")
    }
}
