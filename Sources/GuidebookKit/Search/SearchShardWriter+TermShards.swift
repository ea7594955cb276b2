import Foundation

/// Term shards: the word forms and their stems' entries, cut where the forms say (`cut`).
extension SearchShardWriter {
    /// What term shards are cut from: the word forms in JavaScript's order, each with its stem's
    /// number, and per stem the end of its entry, `"postings",count`.
    struct TermTable: Sendable {
        var forms: [String]
        var formStems: [Int32]
        /// Per stem; only the stems of the shards being written need theirs (`SearchState` reads
        /// the others back from the site's term shards, `shardEntries`), but every length is known,
        /// for `cut`.
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
        // dictionary of arrays, which would take a hash and often an array for each form.
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
}
