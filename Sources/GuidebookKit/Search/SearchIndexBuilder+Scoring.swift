/// Score codes: BM25's term-frequency part of a stem in a document, and the best postings of a stem.
extension SearchIndexBuilder {
    /// A document's score code for a stem, from the stem's weighted count in it and its length.
    /// Weights and lengths are sums of whole numbers, so the order they were added in never matters.
    static func scoreCode(weight: Double, length: Double) -> Int {
        SearchEncoding.scoreCode(termScore(weight: weight, length: length))
    }

    /// The same, from a table for the usual weights and lengths, so that most postings need no
    /// logarithm.
    static func scoreCode(weight: UInt32, length: Double) -> Int {
        scoreCode(weight: weight, row: scoreRow(length), length: length)
    }

    /// A document length's row in the table, found once a document, not once a posting; -1 for
    /// a length the table does not hold.
    static func scoreRow(_ length: Double) -> Int32 {
        guard let row = Int(exactly: length), row >= 0, row < tabledLengths else { return -1 }
        return Int32(row)
    }

    /// The same with the length's row (`scoreRow`) found already.
    static func scoreCode(weight: UInt32, row: Int32, length: Double) -> Int {
        guard weight < tabledWeights, row >= 0 else { return scoreCode(weight: Double(weight), length: length) }
        return Int(scoreCodeTable[Int(row) * tabledWeights + Int(weight)])
    }

    private static let tabledWeights = 32, tabledLengths = 4096
    private static let scoreCodeTable: [UInt8] = (0..<(tabledLengths * tabledWeights)).map { entry in
        UInt8(scoreCode(weight: Double(entry % tabledWeights), length: Double(entry / tabledWeights)))
    }

    /// BM25 without its idf: `tf * (k1 + 1) / (tf + k1 * (1 - b + b * length / averageLength))`.
    static func termScore(weight tf: Double, length: Double) -> Double {
        tf * (k1 + 1) / (tf + k1 * (1 - b + b * length / averageLength))
    }

    /// The `maxPostings` highest score codes (ties to the earlier document), in document order.
    /// By code, not by exact score, so that a rebuild from the build cache, which keeps codes only,
    /// keeps the same postings; and by counting, as there are only `SearchEncoding.digitCount` codes.
    static func best(_ postings: [SearchPosting]) -> [SearchPosting] {
        guard postings.count > maxPostings else { return postings }
        var countOfCode = [Int](repeating: 0, count: SearchEncoding.digitCount)
        for posting in postings { countOfCode[posting.scoreCode] += 1 }
        // The lowest code kept, and how many postings with it fit (the earliest documents).
        var threshold = SearchEncoding.digitCount - 1, above = 0
        while above + countOfCode[threshold] < maxPostings {
            above += countOfCode[threshold]
            threshold -= 1
        }
        var room = maxPostings - above
        return postings.filter { posting in
            if posting.scoreCode > threshold { return true }
            guard posting.scoreCode == threshold, room > 0 else { return false }
            room -= 1
            return true
        }
    }
}
