import Foundation

/// What `guidebook import` wrote and what it could not convert.
public struct ImportResult: Sendable {
    public var output: URL
    public var title: String
    public var pageCount: Int
    public var fileCount: Int
    public var warnings: [ImportWarning]
}
