/// "Did you mean" suggestions: the candidate with the smallest edit distance, if it is close enough.
enum NearestName {
    static func find(_ name: String, among candidates: [String]) -> String? {
        let limit = max(2, name.count / 3)
        let scored = candidates.map { ($0, distance(name, $0)) }.filter { $0.1 <= limit }
        return scored.min { ($0.1, $0.0) < ($1.1, $1.0) }?.0
    }

    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}

/// "Did you mean" over many names (every page and file of a guide), asked once per broken link.
/// Comparing a misspelt name with every name costs pages x links edit distances (seconds for a
/// guide of thousands of pages with thousands of broken links); instead the names are indexed by
/// their three-character pieces once, and only the few names sharing the most pieces with the
/// misspelt one are measured. A name within `NearestName`'s limit shares most of its pieces.
struct NameIndex: Sendable {
    private let names: [String]
    private let namesByPiece: [String: [Int]]
    static let candidatesMeasured = 24

    init(_ names: [String]) {
        self.names = names.sorted()
        var index: [String: [Int]] = [:]
        for (number, name) in self.names.enumerated() {
            for piece in Set(Self.pieces(of: name)) { index[piece, default: []].append(number) }
        }
        namesByPiece = index
    }

    /// The closest name within `NearestName`'s limit, or nil. Pieces most names share (`.md`,
    /// a folder all pages are in) tell nothing apart and would make every query count every name:
    /// only the rarer ones are counted (the three rarest when all are common).
    func nearest(to name: String) -> String? {
        let lists = Set(Self.pieces(of: name)).compactMap { namesByPiece[$0] }.sorted { $0.count < $1.count }
        let common = max(64, names.count / 8)
        let telling = lists.filter { $0.count <= common }
        var shared: [Int: Int] = [:]
        for list in telling.isEmpty ? Array(lists.prefix(3)) : telling {
            for number in list { shared[number, default: 0] += 1 }
        }
        let likely = shared.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(Self.candidatesMeasured).map { names[$0.key] }
        return NearestName.find(name, among: likely)
    }

    /// Three-character pieces, with the start and end marked so short names have some too.
    static func pieces(of name: String) -> [String] {
        let characters = Array("\u{2}\u{2}" + name.lowercased() + "\u{3}")
        guard characters.count >= 3 else { return [] }
        return (0...(characters.count - 3)).map { String(characters[$0..<($0 + 3)]) }
    }
}
