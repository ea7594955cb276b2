/// The finished index, ready to be cut into shards. Forms and stems are numbered, in flat lists,
/// not dictionaries keyed by them.
struct SearchIndex: Sendable {
    var documents: [SearchDocument]
    /// Word forms by number, each with its stem's number.
    var forms: [String]
    var formStems: [Int32]
    /// Stems by number; per stem, the documents that hold it (counted before its postings were
    /// pruned to `SearchIndexBuilder.maxPostings`), and for the build cache every posting, encoded
    /// as in the index.
    var stems: [String]
    var stemDocumentCounts: [Int]
    /// Per stem, the end of its entry in the term shards (`SearchShardWriter.tail`).
    var stemTails: [String]
    var stemAllPostings: [[UInt8]]
    var language: String?

    /// Each form's stem, by name.
    var stemOfForm: [String: String] {
        Dictionary(uniqueKeysWithValues: zip(forms, formStems.map { stems[Int($0)] }))
    }

    /// Each stem's postings (the best, as the index files hold them), by name, read back from
    /// the ends of the stems' entries.
    var postings: [String: [SearchPosting]] {
        Dictionary(
            uniqueKeysWithValues: zip(
                stems,
                stemTails.map { tail in
                    // `"postings",count`: the digits have no quote among them.
                    let digits = tail.utf8.dropFirst().prefix { $0 != UInt8(ascii: "\"") }
                    return (try? SearchEncoding.decodePostings(Array(digits))) ?? []
                }))
    }
}
