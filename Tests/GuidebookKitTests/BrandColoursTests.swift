import Testing

@testable import GuidebookKit

/// `colours:` in guidebook.yml: each colour that carries text is checked against WCAG 2.2 AA.
struct BrandColoursTests {
    @Test(arguments: [("#000000", "#ffffff", 21.0), ("#ffffff", "#ffffff", 1.0), ("#767676", "#ffffff", 4.54)])
    func contrastRatioIsWCAGs(first: String, second: String, expected: Double) {
        #expect(abs(ColourContrast.ratio(first, second) - expected) < 0.01)
    }

    @Test func aLinkColourBelowFourAndAHalfToOneIsAnErrorAtItsValue() throws {
        let (configuration, diagnostics) = SiteConfigurationLoader.load(text: "title: T\ncolours:\n  link: \"#7fa7e0\"\n")
        let first = try #require(diagnostics.first)
        #expect(first.code == .invalidConfiguration)
        #expect(first.location == SourceLocation(path: "guidebook.yml", line: 3, column: 9))
        #expect(
            first.summary
                == "colour 'link' #7fa7e0 against the page background #ffffff has a contrast ratio of 2.46:1; WCAG 2.2 AA needs at least 4.5:1 for text")
        #expect(configuration.colours.link == nil)
    }

    @Test func aBrandColourMustCarryWhiteButtonText() throws {
        let (_, diagnostics) = SiteConfigurationLoader.load(text: "title: T\ncolours:\n  brand: \"#4c9be8\"\n")
        #expect(diagnostics.contains { $0.summary.contains("white button text") && $0.summary.contains("4.5:1") })
    }

    @Test func goodColoursBecomeTheThemesProperties() throws {
        let (configuration, diagnostics) = SiteConfigurationLoader.load(
            text: "title: T\ncolours:\n  brand: \"#1D70B8\"\n  header: \"#003078\"\n  link: \"#003078\"\n  focus: \"#fd0\"\n")
        #expect(diagnostics.isEmpty)
        #expect(configuration.colours.brand == "#1d70b8")
        #expect(configuration.colours.focus == "#ffdd00")
        #expect(configuration.colours.styleSheet.contains("--accent: #1d70b8;"))
        #expect(configuration.colours.styleSheet.contains("(prefers-color-scheme: dark) { :root { --link: #003078; } }"))
    }

    @Test(arguments: ["colours:\n  brand: blue\n", "colours:\n  brand: \"#12345\"\n", "colours:\n  shade: \"#123456\"\n", "colours: red\n"])
    func badColourEntriesAreErrors(yaml: String) {
        let (_, diagnostics) = SiteConfigurationLoader.load(text: "title: T\n" + yaml)
        #expect(diagnostics.map(\.code) == [.invalidConfiguration])
    }
}
