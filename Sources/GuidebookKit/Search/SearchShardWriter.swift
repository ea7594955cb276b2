import Foundation

/// Cuts the index into classic scripts (they call `Guidebook.register...`, so they load from file://):
/// a manifest, term shards keyed by the first letters of word forms, and chunks of result text.
/// Every name carries a hash of its content; the same content gives the same bytes.
enum SearchShardWriter {
    static let folder = "search"
    static let prefixLength = 2
    static let chunkSize = 16

    struct File: Sendable {
        var path: String
        var contents: String
    }

    /// The files, and the manifest's path (relative to the site root) for the pages to point at.
    static func files(for index: SearchIndex) -> (files: [File], manifestPath: String) {
        var files: [File] = []
        var shardNames: [(String, String)] = []
        let formsByKey = Dictionary(grouping: index.stemOfForm.keys, by: shardKey)
        for key in formsByKey.keys.sorted() {
            let forms = formsByKey[key]!.sorted()
            var localStem: [String: Int] = [:]
            var stems: [String] = []
            for form in forms where localStem[index.stemOfForm[form]!] == nil {
                localStem[index.stemOfForm[form]!] = stems.count
                stems.append(index.stemOfForm[form]!)
            }
            let formsJSON = forms.map { "\(JSONText.string($0)):\(localStem[index.stemOfForm[$0]!]!)" }.joined(separator: ",")
            let postingsJSON = stems.map { stem in
                "[" + (index.postings[stem] ?? []).map { "\($0.document),\($0.score)" }.joined(separator: ",") + "]"
            }.joined(separator: ",")
            let body = "Guidebook.registerSearchShard(\(JSONText.string(key)),{\"forms\":{\(formsJSON)},\"postings\":[\(postingsJSON)]});\n"
            let name = "terms-\(fileSafe(key))-\(ContentHash.hex(body)).js"
            files.append(File(path: "\(folder)/\(name)", contents: body))
            shardNames.append((key, name))
        }
        var chunkNames: [String] = []
        for start in stride(from: 0, to: index.documents.count, by: chunkSize) {
            let chunk = start / chunkSize
            let documents = index.documents[start..<min(start + chunkSize, index.documents.count)].map { document in
                "[" + [document.url, document.pageTitle, document.heading, document.breadcrumb, document.text].map(JSONText.string).joined(separator: ",") + "]"
            }
            let body = "Guidebook.registerSearchDocs(\(chunk),[\(documents.joined(separator: ",\n"))]);\n"
            let name = "docs-\(chunk)-\(ContentHash.hex(body)).js"
            files.append(File(path: "\(folder)/\(name)", contents: body))
            chunkNames.append(name)
        }
        let shardsJSON = shardNames.map { "\(JSONText.string($0.0)):\(JSONText.string($0.1))" }.joined(separator: ",")
        let manifest = "Guidebook.registerSearchManifest({\"version\":1,\"language\":\(index.language.map(JSONText.string) ?? "null"),"
            + "\"prefixLength\":\(prefixLength),\"shards\":{\(shardsJSON)},\"chunkSize\":\(chunkSize),"
            + "\"chunks\":[\(chunkNames.map(JSONText.string).joined(separator: ","))],\"docCount\":\(index.documents.count)});\n"
        let manifestPath = "\(folder)/manifest-\(ContentHash.hex(manifest)).js"
        files.append(File(path: manifestPath, contents: manifest))
        return (files, manifestPath)
    }

    static func shardKey(_ form: String) -> String {
        String(form.prefix(prefixLength))
    }

    /// ASCII letters, digits and hyphens as they are; anything else as hex of its UTF-8, so
    /// file names are plain ASCII on every file system and in every URL.
    static func fileSafe(_ key: String) -> String {
        if key.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }) { return key }
        return "x" + key.utf8.map { String($0, radix: 16) }.joined()
    }
}

/// JSON text written by hand so the bytes are stable: strings escaped per RFC 8259,
/// plus U+2028 and U+2029, which older JavaScript engines reject in string literals.
enum JSONText {
    static func string(_ value: String) -> String {
        var result = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "\u{2028}": result += "\\u2028"
            case "\u{2029}": result += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    result += String(format: "\\u%04x", scalar.value)
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}
