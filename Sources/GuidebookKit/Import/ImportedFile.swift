import Foundation

/// One file of the source and where it goes in the new project.
struct ImportedFile: Sendable {
    /// The file, relative to the source's content folder (or static folder).
    var sourcePath: String
    /// The path warnings name (relative to the folder given on the command line).
    var displayPath: String
    /// Its path in the new content/.
    var newPath: String
    /// For a page: the address stem the tool published it at (`docs/setup` for Jekyll's `_docs/setup.md`).
    var stem: String
    var isPage: Bool
    var sourceURL: URL
}
