import CStemmer

/// Snowball's stemmer for one language: the only caller of libstemmer. One instance is not
/// safe to share between threads (libstemmer reuses its buffer), so the index builder owns one.
final class Stemmer {
    /// The Snowball algorithm in use ("english"), or nil when the language has none (words are kept as they are).
    let algorithm: String?
    private let stemmer: OpaquePointer?

    init(language: String) {
        let algorithm = Stemmer.algorithm(forLanguage: language)
        self.algorithm = algorithm
        stemmer = algorithm.flatMap { sb_stemmer_new($0, "UTF_8") }
    }

    deinit {
        if let stemmer { sb_stemmer_delete(stemmer) }
    }

    func stem(_ word: String) -> String {
        var word = word
        return word.withUTF8 { bytes in withStem(of: bytes) { String(decoding: $0, as: UTF8.self) } }
    }

    /// The stem of a word given as UTF-8 bytes, valid only during the call: the index stems every
    /// word form of a guide and needs no string of most stems.
    func withStem<Result>(of word: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        guard let stemmer, let result = sb_stemmer_stem(stemmer, word.baseAddress, Int32(word.count)) else { return body(word) }
        return body(UnsafeBufferPointer(start: result, count: Int(sb_stemmer_length(stemmer))))
    }

    /// Every algorithm this libstemmer offers ("english", "french", "porter"...).
    static let algorithms: Set<String> = {
        var names: Set<String> = []
        guard var cursor = sb_stemmer_list() else { return names }
        while let name = cursor.pointee {
            names.insert(String(cString: name))
            cursor += 1
        }
        return names
    }()

    /// `language` from guidebook.yml: a language tag ("en-GB", "fr") or a Snowball algorithm's name ("french").
    static func algorithm(forLanguage language: String) -> String? {
        let lowered = language.lowercased()
        if algorithms.contains(lowered) { return lowered }
        let code = String(lowered.split(whereSeparator: { $0 == "-" || $0 == "_" }).first ?? "")
        guard let name = snowballNames[code], algorithms.contains(name) else { return nil }
        return name
    }

    private static let snowballNames: [String: String] = [
        "ar": "arabic", "hy": "armenian", "eu": "basque", "ca": "catalan", "da": "danish", "nl": "dutch", "en": "english",
        "fi": "finnish", "fr": "french", "de": "german", "el": "greek", "hi": "hindi", "hu": "hungarian", "id": "indonesian",
        "ga": "irish", "it": "italian", "lt": "lithuanian", "ne": "nepali", "no": "norwegian", "nb": "norwegian", "nn": "norwegian",
        "pt": "portuguese", "ro": "romanian", "ru": "russian", "sr": "serbian", "es": "spanish", "sv": "swedish", "ta": "tamil",
        "tr": "turkish", "yi": "yiddish",
    ]
}
