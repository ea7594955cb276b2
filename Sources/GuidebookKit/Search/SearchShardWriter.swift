import Foundation

/// Cuts the index into classic scripts (they call `Guidebook.register...`, so they load from
/// file://), in format 3 (README, "Search index format"): a manifest with a fixed name, term
/// shards cut over the sorted word forms where the content says (below), and result text in small
/// chunks found through chunk directories. Every other name carries a hash of its content; the same
/// content gives the same bytes, and a query loads a few small files whatever the size of the guide.
enum SearchShardWriter {
    static let folder = "search"
    static let manifestPath = "\(folder)/manifest.js"
    /// A term shard ends before a form whose hash says "cut" once it holds `shardMinimum` bytes of
    /// forms and postings, and before any form that would take it past `shardMaximum`. Cuts chosen
    /// by the forms themselves, not by a running count from the first form, stay where they were
    /// when one stem's postings grow or shrink: an edit rewrites the shards near its words only.
    static let shardMinimum = 12_000
    static let shardMaximum = 32_000
    /// One form in this many is a cut point: about 7 KB of entries past the minimum, on average.
    static let cutPointSpacing: UInt64 = 128
    static let chunkSize = 16
    static let directorySize = 64

    struct File: Sendable {
        var path: String
        var contents: String

        /// The content hash in the name: `terms-3-0123456789abcdef.js`.
        var hash: String { String(path.dropLast(".js".count).suffix(16)) }
    }

    static func files(for index: SearchIndex) -> [File] {
        let terms = termShards(for: index)
        let chunks = documentChunks(for: index.documents)
        var manifest = "Guidebook.registerSearchManifest({\"version\":3,\"language\":\(index.language.map(JSONText.string) ?? "null"),"
        manifest += "\"docCount\":\(index.documents.count),"
        manifest += "\"score\":{\"min\":\(SearchEncoding.minimumScore),\"step\":\(SearchEncoding.scoreStep)},"
        manifest += "\"maxPostings\":\(SearchIndexBuilder.maxPostings),"
        manifest += "\"shards\":[" + terms.firstForms.indices.map { "[\(JSONText.string(terms.firstForms[$0])),\"\(terms.hashes[$0])\"]" }.joined(separator: ",") + "],"
        manifest += "\"chunkSize\":\(chunkSize),\"directorySize\":\(directorySize),"
        manifest += "\"directories\":[" + chunks.directoryHashes.map { "\"\($0)\"" }.joined(separator: ",") + "]});\n"
        return terms.files + chunks.files + [File(path: manifestPath, contents: manifest)]
    }

    // MARK: Term shards

    /// Word forms in JavaScript's order, cut into shards (see `shardMinimum`). A shard lists, per
    /// stem, that stem's forms in its range, its postings and its document count.
    static func termShards(for index: SearchIndex) -> (files: [File], firstForms: [String], hashes: [String]) {
        let forms = index.stemOfForm.keys.map { (form: $0, utf16: Array($0.utf16)) }
            .sorted { $0.utf16.lexicographicallyPrecedes($1.utf16) }.map(\.form)
        let stems = Array(index.postings.keys)
        let encoded = Dictionary(uniqueKeysWithValues: zip(stems, stems.concurrentMap { stem in
            "\"\(SearchEncoding.postings(index.postings[stem]!))\",\(index.documentCounts[stem] ?? 0)"
        }))
        @Sendable func postings(of stem: String) -> String { encoded[stem] ?? "\"\",0" }

        var ranges: [Range<Int>] = []
        var start = 0, size = 0
        var stemsInShard: Set<String> = []
        for (position, form) in forms.enumerated() {
            let stem = index.stemOfForm[form]!
            // A stem's first form brings its entry, `["forms","postings",count],\n`; later ones a space and the form.
            let entry = form.utf8.count + postings(of: stem).utf8.count + 6
            let added = stemsInShard.contains(stem) ? form.utf8.count + 1 : entry
            if size > 0 && (size + added > shardMaximum || (size >= shardMinimum && isCutPoint(form))) {
                ranges.append(start..<position)
                start = position; size = entry; stemsInShard = [stem]
            } else {
                size += added
                stemsInShard.insert(stem)
            }
        }
        if start < forms.count || ranges.isEmpty { ranges.append(start..<forms.count) }

        let firstForms = ranges.enumerated().map { $0.offset == 0 ? "" : forms[$0.element.lowerBound] }
        let files = Array(zip(ranges, firstForms)).concurrentMap { range, firstForm -> File in
            var formsOfStem: [String: [String]] = [:]
            var stemsInOrder: [String] = []
            for form in forms[range] {
                let stem = index.stemOfForm[form]!
                if formsOfStem[stem] == nil { stemsInOrder.append(stem) }
                formsOfStem[stem, default: []].append(form)
            }
            let entries = stemsInOrder.map { "[\(JSONText.string(formsOfStem[$0]!.joined(separator: " "))),\(postings(of: $0))]" }
            let body = "Guidebook.registerSearchShard(\(JSONText.string(firstForm)),[\(entries.joined(separator: ",\n"))]);\n"
            return File(path: "\(folder)/terms-\(ContentHash.hex(body)).js", contents: body)
        }
        return (files, firstForms, files.map(\.hash))
    }

    /// Whether a shard may start at this form: a property of the form alone. From the hash's high
    /// bits: FNV-1a's low bits depend only on the low bits of each byte.
    static func isCutPoint(_ form: String) -> Bool {
        (ContentHash.fnv1a(form) >> 40) % cutPointSpacing == 0
    }

    // MARK: Result text

    /// Chunks of `chunkSize` documents with their pages' titles and links, and directories of
    /// `directorySize` chunk hashes, so the manifest stays small however many chunks there are.
    static func documentChunks(for documents: [SearchDocument]) -> (files: [File], directoryHashes: [String]) {
        let starts = Array(stride(from: 0, to: documents.count, by: chunkSize))
        var files = starts.concurrentMap { start -> File in
            let number = start / chunkSize
            let body = chunkScript(number, documents[start..<min(start + chunkSize, documents.count)])
            return File(path: "\(folder)/docs-\(number)-\(ContentHash.hex(body)).js", contents: body)
        }
        let chunkHashes = files.map(\.hash)
        var directoryHashes: [String] = []
        for start in stride(from: 0, to: chunkHashes.count, by: directorySize) {
            let number = start / directorySize
            let list = chunkHashes[start..<min(start + directorySize, chunkHashes.count)].map { "\"\($0)\"" }.joined(separator: ",")
            let body = "Guidebook.registerSearchChunkDirectory(\(number),[\(list)]);\n"
            let hash = ContentHash.hex(body)
            files.append(File(path: "\(folder)/chunks-\(number)-\(hash).js", contents: body))
            directoryHashes.append(hash)
        }
        return (files, directoryHashes)
    }

    static func chunkScript(_ number: Int, _ documents: ArraySlice<SearchDocument>) -> String {
        var pages: [String] = []
        var pageIndex: [String: Int] = [:]
        var rows: [String] = []
        for document in documents {
            let page: Int
            if let known = pageIndex[document.pageURL] { page = known } else {
                page = pages.count
                pageIndex[document.pageURL] = page
                pages.append("[" + [document.pageURL, document.pageTitle, document.breadcrumb].map(JSONText.string).joined(separator: ",") + "]")
            }
            rows.append("[\(page)," + [storedAnchor(document), document.heading, document.text].map(JSONText.string).joined(separator: ",") + "]")
        }
        return "Guidebook.registerSearchDocs(\(number),[\(pages.joined(separator: ","))],\n[\(rows.joined(separator: ",\n"))]);\n"
    }

    /// "" where search.js can work the fragment out from the heading (or there is none).
    static func storedAnchor(_ document: SearchDocument) -> String {
        guard let anchor = document.anchor else { return "" }
        if !document.heading.isEmpty && SearchEncoding.asciiSlug(document.heading) == anchor { return "" }
        return anchor
    }
}

/// JSON text written by hand so the bytes are stable: strings escaped per RFC 8259,
/// plus U+2028 and U+2029, which older JavaScript engines reject in string literals.
enum JSONText {
    static func string(_ value: String) -> String {
        // Most strings need no escape: no control character, quote or backslash, and no 0xE2 byte
        // (which U+2028 and U+2029 start with).
        if value.utf8.allSatisfy({ $0 >= 0x20 && $0 != 0x22 && $0 != 0x5C && $0 != 0xE2 }) { return "\"" + value + "\"" }
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
