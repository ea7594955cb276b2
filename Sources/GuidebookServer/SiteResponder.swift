import Foundation
import GuidebookKit
import Hummingbird

/// Answers one request: the live-reload stream, or a file of the site (with the live-reload script
/// added to pages), or 400 / 404 / 405. Never a file outside the site folder.
struct SiteResponder {
    let siteFolder: URL
    let hub: LiveReloadHub
    /// Held by a build while it swaps the new site in: a file is never looked for in between.
    let swapLock: NSLock

    static let eventsPath = "/__guidebook/events"

    func respond(to request: Request) async -> Response {
        guard request.method == .get || request.method == .head else {
            return Self.text(.methodNotAllowed, "Only GET and HEAD are served.\n")
        }
        let target = request.uri.string
        let rawPath = String(target[..<(target.firstIndex(of: "?") ?? target.endIndex)])
        if rawPath == Self.eventsPath { return await events() }
        switch SitePath.resolve(rawPath) {
        case .failure(.badRequest(let reason)):
            return Self.text(.badRequest, "Bad request: \(reason).\n")
        case .success(let path):
            return swapLock.withLock { file(path, headOnly: request.method == .head, ifNoneMatch: request.headers[.ifNoneMatch]) }
        }
    }

    private func file(_ path: String, headOnly: Bool, ifNoneMatch: String?) -> Response {
        let root = siteFolder.resolvingSymlinksInPath().path
        let url = URL(fileURLWithPath: root).appendingPathComponent(path).resolvingSymlinksInPath()
        var isDirectory: ObjCBool = false
        guard url.path.hasPrefix(root + "/"), FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            return notFound()
        }
        if isDirectory.boolValue { return redirect(to: path + "/index.html") }
        guard var data = FileManager.default.contents(atPath: url.path) else { return notFound() }
        let type = MediaType.of(path: path)
        if type.hasPrefix("text/html") {
            data = Data(LiveReloadHub.inject(into: String(decoding: data, as: UTF8.self)).utf8)
        }
        // Revalidated on every request: a rebuilt page is never served stale from a cache.
        let etag = "\"\(ContentHash.hex(data))\""
        var headers: HTTPFields = [.contentType: type, .cacheControl: "no-cache", .eTag: etag]
        if ifNoneMatch == etag { return Response(status: .notModified, headers: headers) }
        headers[.contentLength] = String(data.count)
        return Response(status: .ok, headers: headers, body: headOnly ? ResponseBody() : ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    private func notFound() -> Response {
        let page = siteFolder.appendingPathComponent("404.html")
        if let data = FileManager.default.contents(atPath: page.path) {
            let html = LiveReloadHub.inject(into: String(decoding: data, as: UTF8.self))
            return Response(
                status: .notFound, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-cache"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
        }
        return Self.text(.notFound, "Not found.\n")
    }

    private func redirect(to path: String) -> Response {
        let encoded = path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? path
        return Response(status: .movedPermanently, headers: [.location: "/" + encoded, .cacheControl: "no-cache"])
    }

    private func events() async -> Response {
        let stream = await hub.subscribe()
        return Response(
            status: .ok, headers: [.contentType: "text/event-stream", .cacheControl: "no-cache"],
            body: ResponseBody { writer in
                for await message in stream {
                    try await writer.write(ByteBuffer(string: message))
                }
                try await writer.finish(nil)
            })
    }

    static func text(_ status: HTTPResponse.Status, _ message: String) -> Response {
        Response(
            status: status, headers: [.contentType: "text/plain; charset=utf-8", .cacheControl: "no-cache"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: message)))
    }
}
