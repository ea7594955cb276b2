import Testing

@testable import GuidebookKit

struct SiteConfigurationLoaderTests {
    @Test func defaults() {
        let (configuration, diagnostics) = SiteConfigurationLoader.load(text: "title: Guide\n")
        #expect(diagnostics.isEmpty)
        #expect(configuration.title == "Guide")
        #expect(configuration.language == "en-GB")
        #expect(configuration.theme == "default")
        #expect(configuration.allowsRawHTML == false)
        #expect(configuration.hasSearch)
    }

    @Test func readsEveryKey() {
        let (configuration, diagnostics) = SiteConfigurationLoader.load(
            text: "title: G\norganisation: Council\nlanguage: cy\ntheme: plain\nunsafe_html: true\nsearch: false\n")
        #expect(diagnostics.isEmpty)
        #expect(configuration.organisation == "Council")
        #expect(configuration.language == "cy")
        #expect(configuration.theme == "plain")
        #expect(configuration.allowsRawHTML)
        #expect(!configuration.hasSearch)
        #expect(configuration.themeLocation == SourceLocation(path: "guidebook.yml", line: 4, column: 8))
    }

    @Test func unknownKeyHasLineColumnAndSuggestion() throws {
        let (_, diagnostics) = SiteConfigurationLoader.load(text: "title: G\n  \nthme: default\n")
        let diagnostic = try #require(diagnostics.first)
        #expect(diagnostic.code == .invalidConfiguration)
        #expect(diagnostic.summary == "unknown key 'thme' in guidebook.yml")
        #expect(diagnostic.location == SourceLocation(path: "guidebook.yml", line: 3, column: 1))
        #expect(diagnostic.notes.first == "did you mean 'theme'?")
    }

    @Test func wrongType() throws {
        let (_, diagnostics) = SiteConfigurationLoader.load(text: "title: G\nunsafe_html: sometimes\n")
        let diagnostic = try #require(diagnostics.first)
        #expect(diagnostic.summary == "'unsafe_html' in guidebook.yml must be true or false, not 'sometimes'")
        #expect(diagnostic.location == SourceLocation(path: "guidebook.yml", line: 2, column: 14))
    }

    @Test func notAMapping() {
        let (_, diagnostics) = SiteConfigurationLoader.load(text: "- a\n- b\n")
        #expect(diagnostics.map(\.code) == [.invalidConfiguration])
    }
}
