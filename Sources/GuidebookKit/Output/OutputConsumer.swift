import Foundation

/// Where a build's files go. Files arrive from several threads at once; nothing is visible
/// as the site until `commit`, and `discard` leaves the previous output as it was.
public protocol OutputConsumer: Sendable {
    func write(_ data: Data, to path: String) throws
    func copyFile(from source: URL, to path: String) throws
    func commit() throws
    func discard()
}

/// An environment failure while writing: which file and why (disk full, no permission).
public struct OutputError: Error, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "cannot write '\(path)': \(reason)" }
}
