import Foundation

/// Keeps a build's files in memory, for tests and previews. `files` holds what the last commit made.
public final class MemoryOutput: OutputConsumer, @unchecked Sendable {
    private let lock = NSLock()
    private var pending: [String: Data] = [:]
    private var committed: [String: Data] = [:]
    private var commitCount = 0

    public init() {}

    public var files: [String: Data] { lock.withLock { committed } }
    public var commits: Int { lock.withLock { commitCount } }

    public func text(at path: String) -> String? {
        files[path].flatMap { String(data: $0, encoding: .utf8) }
    }

    public func write(_ data: Data, to path: String) throws {
        lock.withLock { pending[path] = data }
    }

    public func copyFile(from source: URL, to path: String) throws {
        let data = try Data(contentsOf: source)
        try write(data, to: path)
    }

    public func commit() throws {
        lock.withLock {
            committed = pending
            pending = [:]
            commitCount += 1
        }
    }

    public func discard() {
        lock.withLock { pending = [:] }
    }
}
