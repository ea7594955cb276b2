import Foundation

/// The built site must make no request outside itself: a template or asset that loads a script,
/// stylesheet, font or image from another host is an error. Links a reader follows are fine.
enum ExternalReferenceCheck {
    enum Kind {
        case template, stylesheet, script

        init?(fileName: String) {
            if fileName.hasSuffix(".css") {
                self = .stylesheet
            } else if fileName.hasSuffix(".js") {
                self = .script
            } else if fileName.hasSuffix(".html") || fileName.hasSuffix(".svg") {
                self = .template
            } else {
                return nil
            }
        }
    }

    private static let external = #"(?:https?:)?//[^\s"'<>)]+"#
    private static let patterns: [Kind: [NSRegularExpression]] = [
        .template: [
            #"<(?:script|img|iframe|source|video|audio|embed|object|track|image|use)\b[^>]*?\s(?:src|href|xlink:href|data|srcset|poster)\s*=\s*["']?\s*(\#(external))"#,
            #"<link\b[^>]*?\shref\s*=\s*["']?\s*(\#(external))"#,
            #"url\(\s*["']?\s*(\#(external))"#,
        ],
        .stylesheet: [#"url\(\s*["']?\s*(\#(external))"#, #"@import\s+["']\s*(\#(external))"#],
        .script: [#"(?:\bimport\s*\(?|\bfetch\s*\(|\bimportScripts\s*\(|\bfrom)\s*["'`]\s*(\#(external))"#, #"\.src\s*=\s*["'`]\s*(\#(external))"#],
    ].mapValues { $0.map { try! NSRegularExpression(pattern: $0, options: [.caseInsensitive]) } }

    static func check(_ text: String, kind: Kind, path: String) -> [Diagnostic] {
        let range = NSRange(text.startIndex..., in: text)
        var diagnostics: [Diagnostic] = []
        for pattern in patterns[kind] ?? [] {
            for match in pattern.matches(in: text, range: range) {
                guard let urlRange = Range(match.range(at: 1), in: text) else { continue }
                let before = text[..<urlRange.lowerBound]
                let line = before.filter { $0 == "\n" }.count + 1
                let column = before.distance(from: before.lastIndex(of: "\n").map { before.index(after: $0) } ?? before.startIndex, to: before.endIndex) + 1
                diagnostics.append(
                    .error(
                        .externalResource, "'\(text[urlRange])' would be loaded from outside the site",
                        at: SourceLocation(path: path, line: line, column: column),
                        notes: ["copy the file into the theme's assets/ folder and refer to it by a relative path"]))
            }
        }
        return diagnostics
    }
}
