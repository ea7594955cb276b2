import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A part of the build cache read only when a build needs it (one page's links, one stem's
/// postings, one page's word forms): kept in the cache's blob file (`CacheBlobFile`) and found by
/// its place there, so the cache's main file stays small and quick to read and write.
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

/// `blobs-GENERATION.bin`: a full build writes a new one (its blobs stored as soon as they are
/// made, so they need not all be held until the end) under a new generation, which the main file
/// names; a build from the cache appends what it changed to the one its main file names (the old
/// bytes stay until the next full build, a few hundred kilobytes an edit). A main file therefore
/// never reads another build's blobs, even if a build stops between writing the two.
/// Used by one thread at a time: the index's background work, then the build once it has waited.
final class CacheBlobFile: @unchecked Sendable {
    let folder: URL
    let generation: UInt64
    private var reading: Int32 = -1
    private var writing: (descriptor: Int32, offset: Int, isFresh: Bool)?
    private var buffer: [UInt8] = []
    /// After a failed write the offsets no longer match the file: every later store fails too.
    private var hasFailed = false

    init(folder: URL, generation: UInt64) {
        self.folder = folder
        self.generation = generation
    }

    /// A file for a new cache.
    static func fresh(in folder: URL) -> CacheBlobFile {
        CacheBlobFile(folder: folder, generation: UInt64.random(in: 1...UInt64.max))
    }

    var url: URL { folder.appendingPathComponent("blobs-\(String(generation, radix: 16)).bin") }

    deinit {
        if reading >= 0 { close(reading) }
        if let writing { close(writing.descriptor) }
    }

    func bytes(of blob: CacheBlob) throws -> [UInt8] {
        switch blob {
        case .pending(let bytes):
            return bytes
        case .stored(let offset, let count):
            precondition(writing?.isFresh != true, "a fresh blob file is written, not read")
            if reading < 0 { reading = open(url.path, O_RDONLY | O_CLOEXEC) }
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

    func startFresh() throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try start(flags: O_TRUNC, isFresh: true)
    }

    func startAppending() throws {
        try start(flags: O_APPEND, isFresh: false)
    }

    private func start(flags: Int32, isFresh: Bool) throws {
        let descriptor = open(url.path, O_WRONLY | O_CREAT | O_CLOEXEC | flags, 0o644)
        guard descriptor >= 0 else { throw BuildError.posix(stage: "cache", path: url.path) }
        writing = (descriptor, isFresh ? 0 : Int(lseek(descriptor, 0, SEEK_END)), isFresh)
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
        guard !hasFailed else { throw BuildError(stage: "cache", path: url.path, reason: "an earlier write failed") }
        for index in blobs.indices {
            guard case .pending(let bytes) = blobs[index] else { continue }
            buffer += bytes
            blobs[index] = .stored(offset: file.offset, count: bytes.count)
            file.offset += bytes.count
            if buffer.count > 1 << 20 { try flush(file.descriptor) }
        }
        writing = file
    }

    private func flush(_ descriptor: Int32) throws {
        do {
            try POSIXWrite.all(buffer[...], to: descriptor, path: url.path)
        } catch {
            hasFailed = true
            throw error
        }
        buffer.removeAll(keepingCapacity: true)
    }

    func finish() throws {
        guard let file = writing else { return }
        writing = nil
        defer {
            buffer = []
            close(file.descriptor)
        }
        guard !hasFailed else { throw BuildError(stage: "cache", path: url.path, reason: "an earlier write failed") }
        try flush(file.descriptor)
    }

    /// Stops writing; a fresh file is removed.
    func discard() {
        guard let file = writing else { return }
        writing = nil
        buffer = []
        close(file.descriptor)
        if file.isFresh { unlink(url.path) }
    }

    /// Every blob file in `folder` but this one: what older caches left.
    func removeOthers() {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        for name in files where name.hasPrefix("blobs") && name != url.lastPathComponent {
            try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
        }
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
