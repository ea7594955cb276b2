import GuidebookMarkdown

/// A task list as readers tick it. Ids are written into the HTML at build time and key the
/// reader's stored ticks, so they depend only on what identifies the list and the item:
/// the page, the heading above the list, and the item's own text.
public struct Checklist: Sendable, Hashable {
    /// Unique in the guide: `<page path without .html>--<heading id>` (`governance--ten-early-tasks`).
    public var id: String
    /// Unique in the page, for links to the list: `checklist-<heading id>`.
    public var elementID: String
    /// The heading above the list, or the page title when there is none.
    public var title: String
    public var headingID: String?
    public var items: [ChecklistItem]
}

public struct ChecklistItem: Sendable, Hashable {
    /// A hash of the item's text, unique in its list: editing the text resets only this item,
    /// and adding, removing or reordering others keeps it. Repeats get `-2`, `-3`.
    public var id: String
    public var text: String
    public var isChecked: Bool
}

public enum ChecklistBuilder {
    public static func checklists(pageOutputPath: String, pageTitle: String, outline: MarkdownOutline) -> [Checklist] {
        let pageKey = pageOutputPath.hasSuffix(".html") ? String(pageOutputPath.dropLast(5)) : pageOutputPath
        var listIDs = HeadingIDGenerator()
        return outline.taskLists.map { list in
            let base = list.heading?.id ?? "checklist"
            let local = listIDs.uniqueID(for: base)
            var itemIDs = HeadingIDGenerator()
            let items = list.items.map { item in
                ChecklistItem(id: itemIDs.uniqueID(for: textHash(item.text)), text: item.text, isChecked: item.isChecked)
            }
            return Checklist(
                id: "\(pageKey)--\(local)", elementID: "checklist-\(local)", title: list.heading?.text ?? pageTitle,
                headingID: list.heading?.id, items: items)
        }
    }

    /// FNV-1a (64 bit) of the text with case and runs of white space folded, in base 36, 8 characters.
    static func textHash(_ text: String) -> String {
        let normalised = foldedASCII(text) ?? text.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
        let digits = String(ContentHash.fnv1a(normalised), radix: 36)
        return String(String(repeating: "0", count: max(0, 8 - digits.count)) + digits.suffix(8))
    }

    /// The same folding for ASCII text, a byte at a time (splitting by characters was a
    /// noticeable part of a large build): ASCII's white space is 0x09-0x0D and the space.
    private static func foldedASCII(_ text: String) -> String? {
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else { return nil }
        var folded: [UInt8] = []
        folded.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for byte in text.utf8 {
            if byte == 0x20 || (0x09...0x0D).contains(byte) {
                pendingSpace = !folded.isEmpty
            } else {
                if pendingSpace { folded.append(0x20) }
                pendingSpace = false
                folded.append(byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte)
            }
        }
        return String(decoding: folded, as: UTF8.self)
    }
}
