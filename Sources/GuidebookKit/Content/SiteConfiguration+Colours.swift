import Foundation
import Yams

/// A council's own colours from guidebook.yml (`colours:`), each checked against WCAG 2.2 AA where
/// it carries text or marks a control: 4.5:1 for text, 3:1 for the parts of controls.
public struct BrandColours: Sendable, Hashable {
    /// Buttons (with white text), the line under the header, the current page's marker.
    public var brand: String?
    /// The header's background (with white text).
    public var header: String?
    /// Links on the page's light background.
    public var link: String?
    /// The focus highlight (with near-black text on it).
    public var focus: String?

    public init() {}

    public var isEmpty: Bool { brand == nil && header == nil && link == nil && focus == nil }

    static let keys = ["brand", "header", "link", "focus"]

    /// The theme's custom properties these colours set, as CSS for a `<style>` element. Values are
    /// `#rrggbb` (checked when read), so nothing here needs escaping. The link colour is for the
    /// light scheme only: the dark scheme keeps the theme's own.
    public var styleSheet: String {
        var always: [String] = []
        if let brand { always.append("--accent: \(brand);") }
        if let header { always.append("--header-background: \(header);") }
        if let focus { always.append("--focus: \(focus);") }
        var css = always.isEmpty ? "" : ":root { \(always.joined(separator: " ")) }"
        if let link {
            css += (css.isEmpty ? "" : " ") + "@media not all and (prefers-color-scheme: dark) { :root { --link: \(link); } }"
        }
        return css
    }
}

/// Contrast as WCAG 2.2 defines it, between two `#rrggbb` colours.
enum ColourContrast {
    static let pageBackground = "#ffffff"
    static let panelBackground = "#f3f2f1"
    static let headerText = "#ffffff"
    static let focusText = "#0b0c0c"

    /// `#rgb` or `#rrggbb` (any case) as lowercase `#rrggbb`; nil for anything else.
    static func normalised(_ text: String) -> String? {
        let hex = text.trimmingCharacters(in: " \t")
        guard hex.first == "#" else { return nil }
        let digits = hex.dropFirst().lowercased()
        guard digits.allSatisfy({ $0.isHexDigit && $0.isASCII }) else { return nil }
        switch digits.count {
        case 6: return "#" + digits
        case 3: return "#" + digits.map { "\($0)\($0)" }.joined()
        default: return nil
        }
    }

    static func relativeLuminance(_ colour: String) -> Double {
        let hex = Array(colour.dropFirst())
        func channel(_ index: Int) -> Double {
            let value = Double(Int(String(hex[index...index + 1]), radix: 16) ?? 0) / 255
            return value <= 0.04045 ? value / 12.92 : pow((value + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4)
    }

    static func ratio(_ first: String, _ second: String) -> Double {
        let (a, b) = (relativeLuminance(first), relativeLuminance(second))
        return (max(a, b) + 0.05) / (min(a, b) + 0.05)
    }

    /// The pairs each colour takes part in: (the other colour, what it is, the ratio needed, for what).
    static func pairs(for key: String) -> [(other: String, otherName: String, needed: Double, use: String)] {
        switch key {
        case "brand":
            return [
                (headerText, "white button text", 4.5, "text"),
                (pageBackground, "the page background", 3, "parts of controls and the page's marks"),
            ]
        case "header": return [(headerText, "the header's white text", 4.5, "text")]
        case "link":
            return [
                (pageBackground, "the page background", 4.5, "text"),
                (panelBackground, "the grey panels' background", 4.5, "text"),
            ]
        case "focus": return [(focusText, "the focused link's text", 4.5, "text")]
        default: return []
        }
    }
}

extension SiteConfigurationLoader {
    /// `colours:` in guidebook.yml: known keys, `#rrggbb` values, and each text pair at WCAG 2.2 AA.
    static func readColours(_ node: Node, reader: YAMLReader, diagnostics: inout [Diagnostic]) -> BrandColours {
        var colours = BrandColours()
        guard case .mapping(let mapping) = node else {
            diagnostics.append(
                .error(
                    .invalidConfiguration, "'colours' in guidebook.yml must be a mapping, such as 'colours: {brand: \"#1d70b8\"}'",
                    at: reader.location(of: node)))
            return colours
        }
        for (key, value) in mapping {
            let name = key.keyText
            guard BrandColours.keys.contains(name) else {
                diagnostics.append(
                    .error(
                        .invalidConfiguration, "unknown colour '\(name)' in 'colours' of guidebook.yml", at: reader.location(of: key),
                        notes: ["known colours: \(BrandColours.keys.joined(separator: ", "))"]))
                continue
            }
            guard case .scalar(let scalar) = value, let colour = ColourContrast.normalised(scalar.string) else {
                diagnostics.append(
                    .error(
                        .invalidConfiguration, "'colours.\(name)' in guidebook.yml must be a colour written #rrggbb, such as \"#1d70b8\"",
                        at: reader.location(of: value), notes: ["put it in quotes: YAML reads an unquoted # as a comment"]))
                continue
            }
            var passes = true
            for pair in ColourContrast.pairs(for: name) {
                let ratio = ColourContrast.ratio(colour, pair.other)
                guard ratio < pair.needed else { continue }
                passes = false
                diagnostics.append(
                    .error(
                        .invalidConfiguration,
                        "colour '\(name)' \(colour) against \(pair.otherName) \(pair.other) has a contrast ratio of \(format(ratio)):1; WCAG 2.2 AA needs at least \(format(pair.needed)):1 for \(pair.use)",
                        at: reader.location(of: value),
                        notes: [
                            "choose a \(ColourContrast.relativeLuminance(colour) > ColourContrast.relativeLuminance(pair.other) ? "lighter" : "darker") '\(name)' colour"
                        ]))
            }
            guard passes else { continue }
            switch name {
            case "brand": colours.brand = colour
            case "header": colours.header = colour
            case "link": colours.link = colour
            default: colours.focus = colour
            }
        }
        return colours
    }

    /// A ratio as people write it: rounded down to two decimals, so 4.4999 is never shown as 4.5.
    static func format(_ ratio: Double) -> String {
        let hundredths = Int((ratio * 100).rounded(.down))
        let text = "\(hundredths / 100).\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100)"
        return text.hasSuffix(".00") ? String(text.dropLast(3)) : (text.hasSuffix("0") ? String(text.dropLast()) : text)
    }
}
