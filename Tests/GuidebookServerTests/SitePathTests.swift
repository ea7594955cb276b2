import Testing

@testable import GuidebookServer

struct SitePathTests {
    @Test(arguments: [
        ("/", "index.html"),
        ("/index.html", "index.html"),
        ("/section/", "section/index.html"),
        ("/section/alpha.html", "section/alpha.html"),
        ("/My%20Page.html", "My Page.html"),
        ("/caf%C3%A9.html", "café.html"),
    ])
    func ordinaryPaths(raw: String, file: String) {
        #expect(SitePath.resolve(raw) == .success(file))
    }

    @Test(arguments: [
        "/../etc/passwd", "/section/../../etc/passwd", "/%2e%2e/etc/passwd", "/%2E%2E/%2E%2E/etc/passwd",
        "/..%2fetc/passwd", "/%2e%2e%2fetc%2fpasswd", "/section%2f..%2f..%2fetc", "/..\\\\etc\\\\passwd", "/%5c..%5cetc",
        "/index.html%00.png", "/a\u{0}b", "/./index.html", "/%zz", "//etc/passwd", "/.git/config", "etc/passwd",
    ])
    func traversalSpellingsAreRefused(raw: String) {
        guard case .failure = SitePath.resolve(raw) else {
            Issue.record("\(raw) must be refused")
            return
        }
    }

    @Test(arguments: [
        ("a.html", "text/html; charset=utf-8"), ("a.css", "text/css; charset=utf-8"), ("a/b.js", "text/javascript; charset=utf-8"),
        ("x.svg", "image/svg+xml"), ("x.PNG", "image/png"), ("doc.pdf", "application/pdf"), ("data.json", "application/json"),
        ("noextension", "application/octet-stream"), ("dir.d/file", "application/octet-stream"),
    ])
    func mediaTypes(path: String, type: String) {
        #expect(MediaType.of(path: path) == type)
    }
}
