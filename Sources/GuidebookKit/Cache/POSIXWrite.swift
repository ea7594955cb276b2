import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// write(2) and pwrite(2) until every byte is written, again when a signal interrupts them.
enum POSIXWrite {
    static func all(_ bytes: ArraySlice<UInt8>, to descriptor: Int32, at offset: Int? = nil, path: String) throws {
        try bytes.withUnsafeBytes { buffer in
            var written = 0
            while written < buffer.count {
                let pointer = buffer.baseAddress! + written, count = buffer.count - written
                let result = offset.map { pwrite(descriptor, pointer, count, off_t($0 + written)) } ?? write(descriptor, pointer, count)
                if result < 0 && errno == EINTR { continue }
                guard result > 0 else { throw BuildError.posix(stage: "write", path: path) }
                written += result
            }
        }
    }
}

extension BuildError {
    /// From `errno`, just after a failed call.
    static func posix(stage: String, path: String) -> BuildError {
        BuildError(stage: stage, path: path, reason: FileSystemFailure.lastError())
    }
}
