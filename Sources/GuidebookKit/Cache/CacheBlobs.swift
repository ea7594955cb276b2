import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A part of the build cache read only when a build needs it (one page's links, one stem's
/// postings, one chunk of result text): kept in `blobs.bin` and found by its place there. A body
/// edit needs a few hundred of a 10,000-page guide's hundreds of thousands, so the cache's main
/// file stays small enough to read and write in a fraction of a second.
enum CacheBlob: Sendable, Equatable {
    /// Made by this build, not yet written.
    case pending([UInt8])
    case stored(offset: Int, count: Int)

    static func encoding(_ encode: (inout CacheWriter) -> Void) -> CacheBlob {
        var writer = CacheWriter()
        encode(&writer)
        return .pending(writer.bytes)
    }
}

/// `blobs.bin`: a full build writes it anew (its blobs stored as soon as they are made, so they
/// need not all be held until the end); a build from the cache appends what it changed (the old
/// bytes stay until the next full build, a few hundred kilobytes an edit).
final class CacheBlobFile: @unchecked Sendable {
    let url: URL
    private var reading: Int32 = -1
    private var writing: (descriptor: Int32, path: String, offset: Int, isFresh: Bool)?

    init(folder: URL) {
        url = folder.appendingPathComponent("blobs.bin")
    }

    deinit {
        if reading >= 0 { close(reading) }
        if let writing { close(writing.descriptor) }
    }

    func bytes(of blob: CacheBlob) throws -> [UInt8] {
        switch blob {
        case .pending(let bytes):
            return bytes
        case .stored(let offset, let count):
            if reading < 0 { reading = open(url.path, O_RDONLY) }
            guard reading >= 0 else { throw CacheReader.Damaged() }
            var bytes = [UInt8](repeating: 0, count: count)
            let read = bytes.withUnsafeMutableBytes { pread(reading, $0.baseAddress, count, off_t(offset)) }
            guard read == count else { throw CacheReader.Damaged() }
            return bytes
        }
    }

    func reader(of blob: CacheBlob) throws -> CacheReader {
        CacheReader(try bytes(of: blob))
    }

    /// A new file beside the old one, put in its place by `finish`.
    func startFresh() throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try start(path: url.path + ".\(ProcessInfo.processInfo.processIdentifier).tmp", flags: O_TRUNC, isFresh: true)
    }

    func startAppending() throws {
        try start(path: url.path, flags: O_APPEND, isFresh: false)
    }

    private func start(path: String, flags: Int32, isFresh: Bool) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | flags, 0o644)
        guard descriptor >= 0 else { throw BuildError(stage: "cache", path: path, reason: String(cString: strerror(errno))) }
        writing = (descriptor, path, isFresh ? 0 : Int(lseek(descriptor, 0, SEEK_END)), isFresh)
    }

    /// Writes one blob (if pending) and returns it stored.
    func store(_ blob: CacheBlob) throws -> CacheBlob {
        var blobs = [blob]
        try store(&blobs)
        return blobs[0]
    }

    /// Writes every pending blob (through a buffer `finish` empties), making it stored.
    func store(_ blobs: inout [CacheBlob]) throws {
        guard var file = writing else { preconditionFailure("start the blob file before storing in it") }
        for index in blobs.indices {
            guard case .pending(let bytes) = blobs[index] else { continue }
            buffer += bytes
            blobs[index] = .stored(offset: file.offset, count: bytes.count)
            file.offset += bytes.count
            if buffer.count > 1 << 20 { try flush(file) }
        }
        writing = file
    }

    private var buffer: [UInt8] = []

    private func flush(_ file: (descriptor: Int32, path: String, offset: Int, isFresh: Bool)) throws {
        var written = 0
        while written < buffer.count {
            let count = buffer.withUnsafeBytes { write(file.descriptor, $0.baseAddress! + written, buffer.count - written) }
            guard count > 0 else { throw BuildError(stage: "cache", path: file.path, reason: String(cString: strerror(errno))) }
            written += count
        }
        buffer.removeAll(keepingCapacity: true)
    }

    func finish() throws {
        guard let file = writing else { return }
        writing = nil
        defer { buffer = [] }
        do { try flush(file) } catch { close(file.descriptor); throw error }
        close(file.descriptor)
        guard file.isFresh else { return }
        if reading >= 0 { close(reading); reading = -1 }
        guard rename(file.path, url.path) == 0 else { throw BuildError(stage: "cache", path: url.path, reason: String(cString: strerror(errno))) }
    }

    /// Stops writing; a fresh file is removed.
    func discard() {
        guard let file = writing else { return }
        writing = nil
        buffer = []
        close(file.descriptor)
        if file.isFresh { unlink(file.path) }
    }
}

extension CacheWriter {
    mutating func blob(_ blob: CacheBlob) {
        guard case .stored(let offset, let count) = blob else { preconditionFailure("blobs are stored before the cache that names them") }
        int(offset)
        int(count)
    }
}

extension CacheReader {
    mutating func storedBlob() throws -> CacheBlob {
        let offset = try int(), count = try int()
        guard offset >= 0, count >= 0 else { throw Damaged() }
        return .stored(offset: offset, count: count)
    }
}
