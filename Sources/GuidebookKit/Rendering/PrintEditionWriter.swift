import Foundation
import Mustache

/// Writes a print edition (`print.html`, or a section's) in parts, so that a whole edition (every
/// page's body) is never held in memory: the theme's print template is rendered with a marker where
/// each body goes, and the bodies are rendered a batch at a time (in parallel) and written between
/// the template's parts.
enum PrintEditionWriter {
    static let batchSize = 256
    static let open = Unicode.Scalar(0xFDD3 as UInt32)!, close = Unicode.Scalar(0xFDD4 as UInt32)!

    /// Stands for one page's body in the template's output.
    struct BodyMarker: MustacheCustomRenderable, Sendable {
        let page: Int
        var renderText: String { "\(PrintEditionWriter.open)\(page)\(PrintEditionWriter.close)" }
        var isNull: Bool { false }
    }

    /// The rendered template cut at its markers: text, then a body, then text...
    struct Part {
        var text: String
        var bodyOfPage: Int?
    }

    /// What `write` tells the build cache: per page shown, where its body went in the file (as
    /// bytes, for pages whose body the template shows once) and its body's `RenderFingerprint`.
    struct Written {
        var bodyRanges: [Int: Range<Int>] = [:]
        var fingerprints: [Int: UInt64] = [:]

        /// Another edition's, for pages in no edition before (the sections' editions share no page).
        mutating func add(_ other: Written) {
            bodyRanges.merge(other.bodyRanges) { first, _ in first }
            fingerprints.merge(other.fingerprints) { first, _ in first }
        }
    }

    /// `rewrites` are each page's links' in this edition (`LinkedSite.printRewrites` for the whole
    /// guide's, `sectionPrintRewrites` for a section's). With `previous`, a body made from what the
    /// old edition's was made from is copied from it instead of rendered. `fingerprints` only when
    /// there is a build cache to keep them.
    @discardableResult
    static func write(
        _ edition: PrintEdition, tree: SiteTree, renderer: PageRenderer, rewrites: [[String: String]], to output: some OutputConsumer,
        fingerprints makesFingerprints: Bool = false, previous: PreviousSite? = nil
    ) throws -> Written {
        let shell = renderer.render(GeneratedPages.print(edition: edition, tree: tree, body: { BodyMarker(page: $0) }))
        let parts = split(shell, pageCount: tree.pages.count)
        let oldFile = previous?.openPrintEdition(edition.outputPath)
        let isSection = edition.section != nil
        var written = Written()
        var shownTwice: Set<Int> = []
        var byteCount = 0
        try output.write(
            parts: { emit in
                for start in stride(from: 0, to: parts.count, by: batchSize) {
                    let batch = Array(parts[start..<min(start + batchSize, parts.count)])
                    let bodies = batch.concurrentMap { part -> (body: Data, fingerprint: UInt64?) in
                        guard let page = part.bodyOfPage else { return (Data(), nil) }
                        let source = tree.pages[page]
                        let fingerprint =
                            makesFingerprints
                            ? RenderFingerprint.printBody(
                                source.body, outputPath: source.outputPath, rewrites: rewrites[page], allowsRawHTML: renderer.allowsRawHTML)
                            : nil
                        if let fingerprint,
                            let kept = previous?.printBody(of: source.outputPath, inSectionEdition: isSection, fingerprint: fingerprint, in: oldFile)
                        {
                            return (kept, fingerprint)
                        }
                        return (Data(renderer.renderForPrint(page: page, rewrites: rewrites[page]).utf8), fingerprint)
                    }
                    for (part, (bodyData, fingerprint)) in zip(batch, bodies) {
                        let text = Data(part.text.utf8)
                        if let page = part.bodyOfPage, let fingerprint { written.fingerprints[page] = fingerprint }
                        try emit(text)
                        try emit(bodyData)
                        byteCount += text.count
                        if let page = part.bodyOfPage {
                            if written.bodyRanges.updateValue(byteCount..<(byteCount + bodyData.count), forKey: page) != nil { shownTwice.insert(page) }
                        }
                        byteCount += bodyData.count
                    }
                }
            }, to: edition.outputPath)
        for page in shownTwice { written.bodyRanges[page] = nil }
        return written
    }

    /// Only a marker naming a real page counts; anything else that looks like one stays text.
    static func split(_ shell: String, pageCount: Int) -> [Part] {
        var parts: [Part] = []
        var text = String.UnicodeScalarView()
        var scalars = shell.unicodeScalars[...]
        while let scalar = scalars.popFirst() {
            if scalar == open, let closing = scalars.firstIndex(of: close),
                let page = Int(String(scalars[..<closing])), (0..<pageCount).contains(page)
            {
                parts.append(Part(text: String(text), bodyOfPage: page))
                text = String.UnicodeScalarView()
                scalars = scalars[scalars.index(after: closing)...]
            } else {
                text.append(scalar)
            }
        }
        parts.append(Part(text: String(text), bodyOfPage: nil))
        return parts
    }
}
