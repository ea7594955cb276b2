import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An old print edition (`print.html` or a section's), open for reading pieces of it from several threads (`pread`).
final class PrintEditionFile: Sendable {
    private let descriptor: Int32
    private let size: Int

    init?(path: String) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            close(descriptor)
            return nil
        }
        self.descriptor = descriptor
        size = Int(info.st_size)
    }

    deinit { close(descriptor) }

    func bytes(_ range: Range<Int>) -> Data? {
        guard range.lowerBound >= 0, range.upperBound <= size else { return nil }
        var data = Data(count: range.count)
        let read = data.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, range.count, off_t(range.lowerBound)) }
        return read == range.count ? data : nil
    }
}
