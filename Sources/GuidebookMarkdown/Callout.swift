/// GitHub's alerts: a block quote whose first line is `[!NOTE]`, `[!TIP]`, `[!IMPORTANT]`,
/// `[!WARNING]` or `[!CAUTION]` is a call-out, as git hosts show it. Rendered as a labelled note
/// (a `div` with `role="note"` and a visible title), not as a quotation.
public enum Callout: String, CaseIterable, Sendable {
    case note = "NOTE"
    case tip = "TIP"
    case important = "IMPORTANT"
    case warning = "WARNING"
    case caution = "CAUTION"

    public var title: String {
        switch self {
        case .note: return "Note"
        case .tip: return "Tip"
        case .important: return "Important"
        case .warning: return "Warning"
        case .caution: return "Caution"
        }
    }

    /// The call-out a block quote is, and the inline nodes of its marker line (to take out), or nil.
    static func of(_ blockQuote: OpaquePointer) -> (Callout, marker: [OpaquePointer])? {
        guard let paragraph = Cmark.children(of: blockQuote).first, Cmark.kind(of: paragraph) == .paragraph else { return nil }
        var marker: [OpaquePointer] = [], text = ""
        for node in Cmark.children(of: paragraph) {
            let kind = Cmark.kind(of: node)
            marker.append(node)
            if kind == .softBreak || kind == .lineBreak { break }
            guard kind == .text else { return nil }
            text += Cmark.literal(of: node)
        }
        let trimmed = text.trimmingWhitespace()
        guard trimmed.hasPrefix("[!"), trimmed.hasSuffix("]"), let callout = Callout(rawValue: String(trimmed.dropFirst(2).dropLast()).uppercased()) else {
            return nil
        }
        return (callout, marker)
    }

    var markupBefore: String {
        "<div class=\"callout callout-\(rawValue.lowercased())\" role=\"note\" aria-label=\"\(title)\">\n<p class=\"callout-title\">\(title)</p>\n"
    }
}
