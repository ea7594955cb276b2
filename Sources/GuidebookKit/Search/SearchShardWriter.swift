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

        /// The content hash in the name: `terms-0123456789abcdef.js`, `docs-3-0123456789abcdef.js`.
        var hash: String { String(path.dropLast(".js".count).suffix(16)) }
    }

    static func files(for index: SearchIndex) -> [File] {
        written(index).files
    }

    /// The files, and where they came from: what the build cache keeps (`SearchState`).
    struct Layout: Sendable {
        var table: TermTable
        /// The stems, as `table` numbers them.
        var stems: [String]
        /// Per term shard: its forms (in `table.forms`), name and hash.
        var shardRanges: [Range<Int>]
        var shardFirstForms: [String]
        var shardHashes: [String]
        var chunkHashes: [String]
        var directoryHashes: [String]
    }

    static func written(_ index: SearchIndex) -> (files: [File], layout: Layout) {
        var files: [File] = []
        let layout = write(
            table: TermTable(index: index), stems: index.stems, documents: index.documents,
            language: index.language
        ) { files += $0 }
        return (files, layout)
    }

    /// The files, handed to `emit` a batch at a time (term shards, result chunks, their
    /// directories, the manifest) so that they are never all held at once: at 10,000 pages
    /// they are 29 MB of text, made while the pages are still being rendered.
    static func write(
        table: TermTable, stems: [String], documents: [SearchDocument], language: String?,
        emit: ([File]) -> Void
    ) -> Layout {
        let ranges = cut(table)
        let firstForms = ranges.map { firstForm(of: $0, in: table) }
        var shardHashes: [String] = []
        for batch in batches(of: Array(zip(ranges, firstForms))) {
            let terms = batch.concurrentMap { termShard(table, range: $0, firstForm: $1) }
            shardHashes += terms.map(\.hash)
            emit(terms)
        }
        let chunks = documentChunks(for: documents, emit: emit)
        emit([
            manifest(
                language: language, documentCount: documents.count,
                shards: Array(zip(firstForms, shardHashes)), directoryHashes: chunks.directoryHashes)
        ])
        return Layout(
            table: table, stems: stems, shardRanges: ranges, shardFirstForms: firstForms, shardHashes: shardHashes,
            chunkHashes: chunks.chunkHashes, directoryHashes: chunks.directoryHashes)
    }

    /// How many files are made before they are handed on.
    static let emitBatchSize = 128

    private static func batches<Element>(of elements: [Element]) -> [[Element]] {
        stride(from: 0, to: elements.count, by: emitBatchSize).map { Array(elements[$0..<min($0 + emitBatchSize, elements.count)]) }
    }

    static func manifest(language: String?, documentCount: Int, shards: [(firstForm: String, hash: String)], directoryHashes: [String]) -> File {
        var manifest = "Guidebook.registerSearchManifest({\"version\":3,\"language\":\(language.map(JSONText.string) ?? "null"),"
        manifest += "\"docCount\":\(documentCount),"
        manifest += "\"score\":{\"min\":\(SearchEncoding.minimumScore),\"step\":\(SearchEncoding.scoreStep)},"
        manifest += "\"maxPostings\":\(SearchIndexBuilder.maxPostings),"
        manifest += "\"shards\":[" + shards.map { "[\(JSONText.string($0.firstForm)),\"\($0.hash)\"]" }.joined(separator: ",") + "],"
        manifest += "\"chunkSize\":\(chunkSize),\"directorySize\":\(directorySize),"
        manifest += "\"directories\":[" + directoryHashes.map { "\"\($0)\"" }.joined(separator: ",") + "]});\n"
        return File(path: manifestPath, contents: manifest)
    }

    // MARK: Term shards

    /// What term shards are cut from: the word forms in JavaScript's order, each with its stem's
    /// number, and per stem the end of its entry, `"postings",count`.
    struct TermTable: Sendable {
        var forms: [String]
        var formStems: [Int32]
        /// Per stem; only the stems of the shards being written need theirs (`SearchState` reads
        /// the rest from the cache when it must), but every length is known, for `cut`.
        var stemTails: [String]
        var stemTailLengths: [Int32]

        init(forms: [String], formStems: [Int32], stemTails: [String], stemTailLengths: [Int32]) {
            self.forms = forms
            self.formStems = formStems
            self.stemTails = stemTails
            self.stemTailLengths = stemTailLengths
        }

        mutating func setTail(_ tail: String, of stem: Int32) {
            stemTails[Int(stem)] = tail
            stemTailLengths[Int(stem)] = Int32(tail.utf8.count)
        }

        /// Stems numbered as `index` numbers them; `order` is the forms' numbers in JavaScript's order.
        init(index: SearchIndex, order: [Int]? = nil) {
            let order = order ?? SearchEncoding.javaScriptOrder(of: index.forms)
            forms = order.map { index.forms[$0] }
            formStems = order.map { index.formStems[$0] }
            stemTails = index.stemTails
            stemTailLengths = stemTails.map { Int32($0.utf8.count) }
        }
    }

    /// The end of a stem's entry: its (pruned) postings and how many documents hold it.
    static func tail(postings: [SearchPosting], documentCount: Int) -> String {
        tail(postingBytes: SearchEncoding.postingBytes(postings), documentCount: documentCount)
    }

    /// The same, from the postings as `SearchEncoding.postingBytes` gives them.
    static func tail(postingBytes: [UInt8], documentCount: Int) -> String {
        // Gathered as bytes, one string at the end: there is one for every stem of the guide.
        var bytes: [UInt8] = [UInt8(ascii: "\"")]
        bytes.reserveCapacity(postingBytes.count + 12)
        bytes += postingBytes
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ","))
        bytes += String(documentCount).utf8
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The manifest's name for a shard: "" for the first.
    static func firstForm(of range: Range<Int>, in table: TermTable) -> String {
        range.lowerBound == 0 ? "" : table.forms[range.lowerBound]
    }

    /// Where the shards start and end, as ranges of `table.forms`.
    static func cut(_ table: TermTable) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = 0, size = 0
        var shardOfStem = [Int32](repeating: -1, count: table.stemTailLengths.count)
        for (position, form) in table.forms.enumerated() {
            let stem = Int(table.formStems[position])
            // A stem's first form brings its entry, `["forms","postings",count],\n`; later ones a space and the form.
            let entry = form.utf8.count + Int(table.stemTailLengths[stem]) + 6
            let added = shardOfStem[stem] == Int32(ranges.count) ? form.utf8.count + 1 : entry
            if size > 0 && (size + added > shardMaximum || (size >= shardMinimum && isCutPoint(form))) {
                ranges.append(start..<position)
                start = position
                size = entry
            } else {
                size += added
            }
            shardOfStem[stem] = Int32(ranges.count)
        }
        if start < table.forms.count || ranges.isEmpty { ranges.append(start..<table.forms.count) }
        return ranges
    }

    static func termShard(_ table: TermTable, range: Range<Int>, firstForm: String) -> File {
        // Each stem's forms, the stems in the order their first forms come: the positions sorted by
        // stem, then runs of one stem by their first position. Sorted, not gathered through a
        // dictionary of arrays: that was a hash and often an array for each of a guide's forms.
        var positions = Array(range)
        table.formStems.withUnsafeBufferPointer { stems in
            positions.sort { stems[$0] != stems[$1] ? stems[$0] < stems[$1] : $0 < $1 }
        }
        var entries: [(stem: Int32, positions: Range<Int>)] = []
        var start = 0
        while start < positions.count {
            let stem = table.formStems[positions[start]]
            var end = start + 1
            while end < positions.count, table.formStems[positions[end]] == stem { end += 1 }
            entries.append((stem, start..<end))
            start = end
        }
        entries.sort { positions[$0.positions.lowerBound] < positions[$1.positions.lowerBound] }
        // Gathered as bytes, as `chunkScript` is.
        var body: [UInt8] = []
        body.reserveCapacity(shardMaximum + 256)
        body += "Guidebook.registerSearchShard(".utf8
        JSONText.append(firstForm, to: &body)
        body += ",[".utf8
        var forms: [UInt8] = []
        for (number, entry) in entries.enumerated() {
            if number > 0 { body += ",\n".utf8 }
            forms.removeAll(keepingCapacity: true)
            for offset in entry.positions {
                if offset > entry.positions.lowerBound { forms.append(UInt8(ascii: " ")) }
                forms += table.forms[positions[offset]].utf8
            }
            body.append(UInt8(ascii: "["))
            JSONText.append(utf8: forms, to: &body)
            body.append(UInt8(ascii: ","))
            body += table.stemTails[Int(entry.stem)].utf8
            body.append(UInt8(ascii: "]"))
        }
        body += "]);\n".utf8
        let text = String(decoding: body, as: UTF8.self)
        return File(path: "\(folder)/terms-\(ContentHash.hex(text)).js", contents: text)
    }

    /// The entries of a shard's script, as `termShard` wrote them: each its forms and the end
    /// (`tail`) of its text. For the build cache, which reads shards back from the site instead of
    /// keeping a copy. nil when it is not such a script.
    static func entries(inShardScript script: String) -> [(forms: [String], tail: String)]? {
        let prefix = "Guidebook.registerSearchShard(", suffix = ");\n"
        guard script.hasPrefix(prefix), script.hasSuffix(suffix) else { return nil }
        let json = "[" + script.dropFirst(prefix.count).dropLast(suffix.count) + "]"
        guard let parts = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [Any], parts.count == 2,
            let entries = parts[1] as? [[Any]]
        else { return nil }
        var result: [(forms: [String], tail: String)] = []
        result.reserveCapacity(entries.count)
        for entry in entries {
            guard entry.count == 3, let forms = entry[0] as? String, let postings = entry[1] as? String, let count = entry[2] as? Int,
                !forms.isEmpty, !postings.utf8.contains(UInt8(ascii: "\""))
            else { return nil }
            result.append((forms.split(separator: " ").map(String.init), tail(postingBytes: Array(postings.utf8), documentCount: count)))
        }
        return result
    }

    /// Whether a shard may start at this form: a property of the form alone. From the hash's high
    /// bits: FNV-1a's low bits depend only on the low bits of each byte.
    static func isCutPoint(_ form: String) -> Bool {
        (ContentHash.fnv1a(form) >> 40) % cutPointSpacing == 0
    }

    // MARK: Result text

    /// Chunks of `chunkSize` documents with their pages' titles and links, and directories of
    /// `directorySize` chunk hashes, so the manifest stays small however many chunks there are.
    static func documentChunks(for documents: [SearchDocument], emit: ([File]) -> Void) -> (chunkHashes: [String], directoryHashes: [String]) {
        var chunkHashes: [String] = []
        for starts in batches(of: Array(stride(from: 0, to: documents.count, by: chunkSize))) {
            let files = starts.concurrentMap { chunkFile(number: $0 / chunkSize, documents[$0..<min($0 + chunkSize, documents.count)]) }
            chunkHashes += files.map(\.hash)
            emit(files)
        }
        let directories = stride(from: 0, to: chunkHashes.count, by: directorySize).map { directoryFile(number: $0 / directorySize, chunkHashes: chunkHashes) }
        emit(directories)
        return (chunkHashes, directories.map(\.hash))
    }

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
        // Gathered as bytes: there is a chunk for every 16 sections of the guide (5,600 at 10,000
        // pages), and joining strings of strings was most of the cost of making them.
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

/// JSON text written by hand so the bytes are stable: strings escaped per RFC 8259,
/// plus U+2028 and U+2029, which older JavaScript engines reject in string literals.
enum JSONText {
    /// `string(value)`'s bytes, appended.
    static func append(_ value: String, to bytes: inout [UInt8]) {
        append(utf8: value.utf8, to: &bytes)
    }

    /// `string` of these UTF-8 bytes, appended.
    static func append<UTF8Bytes: Collection<UInt8>>(utf8: UTF8Bytes, to bytes: inout [UInt8]) {
        if needsNoEscape(utf8) {
            bytes.append(UInt8(ascii: "\""))
            bytes += utf8
            bytes.append(UInt8(ascii: "\""))
        } else {
            bytes += string(String(decoding: utf8, as: UTF8.self)).utf8
        }
    }

    /// `[string, string...]`, appended.
    static func appendArray(_ values: [String], to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "["))
        for (offset, value) in values.enumerated() {
            if offset > 0 { bytes.append(UInt8(ascii: ",")) }
            append(value, to: &bytes)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    /// Most strings need no escape: no control character, quote or backslash, and no 0xE2 byte
    /// (which U+2028 and U+2029 start with).
    private static func needsNoEscape<Bytes: Sequence<UInt8>>(_ utf8: Bytes) -> Bool {
        utf8.allSatisfy { $0 >= 0x20 && $0 != 0x22 && $0 != 0x5C && $0 != 0xE2 }
    }

    static func string(_ value: String) -> String {
        if needsNoEscape(value.utf8) { return "\"" + value + "\"" }
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
