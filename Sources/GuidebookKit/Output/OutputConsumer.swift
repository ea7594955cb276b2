import Foundation

/// Where a build's files go. Files arrive from several threads at once; nothing is visible
/// as the site until `commit`, and `discard` leaves the previous output as it was.
public protocol OutputConsumer: Sendable {
    func write(_ data: Data, to path: String) throws
    /// A large file given in parts as they are made (`emit` each), so it is never whole in memory.
    func write(parts: (_ emit: (Data) throws -> Void) throws -> Void, to path: String) throws
    func copyFile(from source: URL, to path: String) throws
    /// Puts the previous build's file at `path` into the new site as it is, without writing it;
    /// false when this output cannot (it keeps nothing, or there is no such file): then write it.
    func keep(_ path: String) throws -> Bool
    func commit() throws
    func discard()
}

extension OutputConsumer {
    public func keep(_ path: String) throws -> Bool { false }

    /// Keeps every one of `paths`; false when this output keeps nothing (then none was kept).
    func keepAll(_ paths: [String]) throws -> Bool {
        guard let first = paths.first else { return true }
        guard try keep(first) else { return false }
        for path in paths.dropFirst() where try !keep(path) {
            throw OutputError(path: path, reason: "the last build's file could not be kept")
        }
        return true
    }

    /// Outputs that keep files whole anyway just join the parts.
    public func write(parts: (_ emit: (Data) throws -> Void) throws -> Void, to path: String) throws {
        var whole = Data()
        try parts { whole.append($0) }
        try write(whole, to: path)
    }
}

/// An environment failure while writing: which file and why (disk full, no permission).
public struct OutputError: Error, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "cannot write '\(path)': \(reason)" }
}
