import Foundation

/// Result text: chunks of documents, the directories that list them, and reading a chunk back.
extension SearchShardWriter {
    static func chunkFile(number: Int, _ documents: ArraySlice<SearchDocument>) -> File {
        let body = chunkScript(number, documents)
        return File(path: "\(folder)/docs-\(number)-\(ContentHash.hex(body)).js", contents: body)
    }

    static func directoryFile(number: Int, chunkHashes: [String]) -> File {
        let start = number * directorySize
        let list = chunkHashes[start..<min(start + directorySize, chunkHashes.count)].map { "\"\($0)\"" }.joined(separator: ",")
        let body = "Guidebook.registerSearchChunkDirectory(\(number),[\(list)]);\n"
        return File(path: "\(folder)/chunks-\(number)-\(ContentHash.hex(body)).js", contents: body)
    }

    static func chunkScript(_ number: Int, _ documents: ArraySlice<SearchDocument>) -> String {
        // Gathered as bytes, not by joining strings: there is a chunk for every 16 sections of the guide.
        var script: [UInt8] = []
        script.reserveCapacity(4096)
        script += "Guidebook.registerSearchDocs(\(number),[".utf8
        var pageURLs: [String] = []
        var pageOfDocument: [Int] = []
        for document in documents {
            // A page's sections are next to each other, and a chunk holds at most 16.
            if let known = pageURLs.lastIndex(of: document.pageURL) {
                pageOfDocument.append(known)
                continue
            }
            pageOfDocument.append(pageURLs.count)
            if !pageURLs.isEmpty { script.append(UInt8(ascii: ",")) }
            pageURLs.append(document.pageURL)
            JSONText.appendArray([document.pageURL, document.pageTitle, document.breadcrumb], to: &script)
        }
        script += "],\n[".utf8
        for (offset, document) in documents.enumerated() {
            if offset > 0 { script += ",\n".utf8 }
            script += "[\(pageOfDocument[offset]),".utf8
            JSONText.append(storedAnchor(document), to: &script)
            script.append(UInt8(ascii: ","))
            JSONText.append(document.heading, to: &script)
            script.append(UInt8(ascii: ","))
            JSONText.append(document.text, to: &script)
            script.append(UInt8(ascii: "]"))
        }
        script += "]);\n".utf8
        return String(decoding: script, as: UTF8.self)
    }

    /// The documents of a chunk's script, as `chunkScript` wrote them: for the build cache, which
    /// reads a chunk back from the site instead of keeping a copy. nil when it is not such a script.
    /// An anchor left out (`storedAnchor`) comes back as the heading's slug, or nil without a
    /// heading: the same script either way.
    static func documents(inChunkScript script: String, number: Int) -> [SearchDocument]? {
        let prefix = "Guidebook.registerSearchDocs(\(number),", suffix = ");\n"
        guard script.hasPrefix(prefix), script.hasSuffix(suffix) else { return nil }
        let json = "[" + script.dropFirst(prefix.count).dropLast(suffix.count) + "]"
        guard let parts = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [Any], parts.count == 2,
            let pages = parts[0] as? [[String]], pages.allSatisfy({ $0.count == 3 }),
            let documents = parts[1] as? [[Any]]
        else { return nil }
        var result: [SearchDocument] = []
        for fields in documents {
            guard fields.count == 4, let page = fields[0] as? Int, pages.indices.contains(page),
                let anchor = fields[1] as? String, let heading = fields[2] as? String, let text = fields[3] as? String
            else { return nil }
            let storedAnchor = !anchor.isEmpty ? anchor : heading.isEmpty ? nil : SearchEncoding.asciiSlug(heading)
            result.append(
                SearchDocument(
                    pageURL: pages[page][0], anchor: storedAnchor, pageTitle: pages[page][1], heading: heading,
                    breadcrumb: pages[page][2], text: text))
        }
        return result
    }

    /// "" where search.js can work the fragment out from the heading (or there is none).
    static func storedAnchor(_ document: SearchDocument) -> String {
        guard let anchor = document.anchor else { return "" }
        if !document.heading.isEmpty && SearchEncoding.asciiSlug(document.heading) == anchor { return "" }
        return anchor
    }
}
