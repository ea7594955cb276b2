import Foundation
import Mustache

/// A loaded theme: its Mustache templates (by name, partials included) and the asset files to copy.
public struct Theme: Sendable {
    public var name: String
    public var directory: URL
    public var templates: MustacheLibrary
    /// Paths relative to the theme's assets/ folder.
    public var assetPaths: [String]

    public static let pageTemplate = "page"
}
