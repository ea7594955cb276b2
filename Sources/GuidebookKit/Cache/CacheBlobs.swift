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

/// `blobs.bin`: a full build writes it anew; a build from the cache appends what it changed (the
/// old bytes stay until the next full build, a few hundred kilobytes an edit).
final class CacheBlobFile: @unchecked Sendable {
    let url: URL
    private var descriptor: Int32 = -1

    init(folder: URL) {
        url = folder.appendingPathComponent("blobs.bin")
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    func bytes(of blob: CacheBlob) throws -> [UInt8] {
        switch blob {
        case .pending(let bytes):
            return bytes
        case .stored(let offset, let count):
            if descriptor < 0 { descriptor = open(url.path, O_RDONLY) }
            guard descriptor >= 0 else { throw CacheReader.Damaged() }
            var bytes = [UInt8](repeating: 0, count: count)
            let read = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, count, off_t(offset)) }
            guard read == count else { throw CacheReader.Damaged() }
            return bytes
        }
    }

    func reader(of blob: CacheBlob) throws -> CacheReader {
        CacheReader(try bytes(of: blob))
    }

    /// Writes every pending blob (a new file when `fresh`, else at the end), making it stored.
    func store(_ blobs: inout [CacheBlob], fresh: Bool) throws {
        let path = fresh ? url.path + ".\(ProcessInfo.processInfo.processIdentifier).tmp" : url.path
        let output = open(path, O_WRONLY | O_CREAT | (fresh ? O_TRUNC : O_APPEND), 0o644)
        guard output >= 0 else { throw BuildError(stage: "cache", path: path, reason: String(cString: strerror(errno))) }
        defer { close(output) }
        var offset = fresh ? 0 : Int(lseek(output, 0, SEEK_END))
        var buffer: [UInt8] = []
        func flush() throws {
            var written = 0
            while written < buffer.count {
                let count = buffer.withUnsafeBytes { write(output, $0.baseAddress! + written, buffer.count - written) }
                guard count > 0 else { throw BuildError(stage: "cache", path: path, reason: String(cString: strerror(errno))) }
                written += count
            }
            buffer.removeAll(keepingCapacity: true)
        }
        for index in blobs.indices {
            guard case .pending(let bytes) = blobs[index] else { continue }
            buffer += bytes
            blobs[index] = .stored(offset: offset, count: bytes.count)
            offset += bytes.count
            if buffer.count > 1 << 20 { try flush() }
        }
        try flush()
        if fresh {
            if descriptor >= 0 { close(descriptor); descriptor = -1 }
            guard rename(path, url.path) == 0 else { throw BuildError(stage: "cache", path: url.path, reason: String(cString: strerror(errno))) }
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
