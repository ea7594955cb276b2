/// A page ready to join the index: its documents, and its word forms, each once, with their
/// weights in the documents that hold them. Weighed a page at a time, not a section at a time,
/// so the index's serial part (`SearchIndexBuilder.add`) looks each form up once a page.
struct WeighedPage: Sendable {
    struct Posting: Sendable {
        /// In `formTable`.
        var form: Int32
        /// Weights are sums of whole-number boosts.
        var weight: UInt32
    }

    var documents: [SearchDocument] = []
    /// Per document, its length in weighted words (BM25's document length).
    var lengths: [Double] = []
    /// What the page's `search_weight` adds to each of its score codes.
    var codeShift = 0
    /// The page's word forms, numbered in the order they first come in it.
    var formTable = FormTable()
    /// Per document, the forms it holds, each once.
    var postings: [[Posting]] = []

    /// Documents are the page's text before its first H2/H3 (with the title, summary and tags)
    /// and each H2/H3 section (with its heading). The page's top shows its summary as its result
    /// text, where it has one: it says what the page is for, and a page often opens with a heading. Pure, so pages can be weighed in parallel.
    init(_ page: SearchPage) {
        // Sized for the page's words up front, so that its table seldom grows.
        let textBytes = page.sections.reduce(page.title.utf8.count + page.summary.utf8.count) { $0 + $1.text.utf8.count + $1.heading.utf8.count }
        var counter = Counter(forms: textBytes / Self.bytesPerForm)
        for (offset, section) in page.sections.enumerated() {
            let isFirst = offset == 0
            if !isFirst && section.text.isEmpty && section.heading.isEmpty { continue }
            if isFirst {
                counter.count(page.title, boost: SearchIndexBuilder.boosts.title)
                counter.count(page.summary, boost: SearchIndexBuilder.boosts.summary)
                counter.count(page.tags.joined(separator: " "), boost: SearchIndexBuilder.boosts.tags)
            }
            counter.count(section.heading, boost: SearchIndexBuilder.boosts.heading)
            counter.count(section.text, boost: SearchIndexBuilder.boosts.body)
            documents.append(
                SearchDocument(
                    pageURL: page.outputPath, anchor: section.headingID, pageTitle: page.title,
                    heading: section.heading, breadcrumb: page.breadcrumb,
                    text: SearchIndexBuilder.resultText(isFirst && !page.summary.isEmpty ? page.summary : section.text)))
            let (documentPostings, length) = counter.endDocument()
            postings.append(documentPostings)
            lengths.append(length)
        }
        formTable = counter.table
        codeShift = SearchEncoding.codeShift(forWeight: page.weight)
    }

    /// The same documents as `SearchIndexBuilder.WeighedDocument`s, each with its forms by name.
    var weighedDocuments: [SearchIndexBuilder.WeighedDocument] {
        let forms = formTable.forms
        return documents.indices.map { number in
            var weighted: [String: Double] = [:]
            for posting in postings[number] { weighted[forms[Int(posting.form)]] = Double(posting.weight) }
            return SearchIndexBuilder.WeighedDocument(document: documents[number], weighted: weighted, length: lengths[number], codeShift: codeShift)
        }
    }

    /// About the text bytes of a page per distinct word form in it (English prose: 6 bytes a
    /// word, most words repeated); a page past it makes its table grow.
    static let bytesPerForm = 10

    /// Counts a page's words into the document being weighed, numbering forms for the page.
    /// A struct with mutating methods, not a closure's captures, which are checked for exclusive
    /// access at run time, once per word.
    private struct Counter {
        var table: FormTable
        /// By form number, its weight in the document being weighed; `touched` lists the nonzero ones.
        var weights: [UInt32] = []
        var touched: [Int32] = []
        var length = 0.0

        /// Room for `forms` forms up front, in the table and in these lists, so that they are not
        /// reallocated as the page's forms come.
        init(forms: Int) {
            table = FormTable(capacity: forms)
            weights.reserveCapacity(forms)
            touched.reserveCapacity(forms)
        }

        mutating func count(_ text: String, boost: Double) {
            let boost = UInt32(boost)
            Tokeniser.forEachToken(in: text) { token in
                let number = table.number(of: token)
                if Int(number) == weights.count { weights.append(0) }
                if weights[Int(number)] == 0 { touched.append(number) }
                weights[Int(number)] += boost
                length += 1
            }
        }

        mutating func endDocument() -> (postings: [Posting], length: Double) {
            let postings = touched.map { Posting(form: $0, weight: weights[Int($0)]) }
            for number in touched { weights[Int(number)] = 0 }
            touched.removeAll(keepingCapacity: true)
            defer { length = 0 }
            return (postings, length)
        }
    }
}
