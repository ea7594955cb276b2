import Foundation
import Mustache

/// A loaded theme: its Mustache templates (by name, partials included) and the asset files to copy.
public struct Theme: Sendable {
    public var name: String
    public var directory: URL
    public var templates: MustacheLibrary
    /// Each asset's path relative to assets/, and the file it is copied from: the shipped theme's,
    /// each replaced by the project's file of the same name.
    public var assetSources: [String: URL]

    public static let pageTemplate = "page"
}
