import Foundation

/// Throws every file away: `guidebook check` runs the whole pipeline and writes nothing.
public struct NullOutput: OutputConsumer {
    public init() {}
    public func write(_ data: Data, to path: String) throws {}
    public func copyFile(from source: URL, to path: String) throws {}
    public func commit() throws {}
    public func discard() {}
}
