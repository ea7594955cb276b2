import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file system failure in our own words, with what to do about it. Foundation's errors read
/// "The operation could not be completed (NSCocoaErrorDomain error 256)" on Linux; what a person
/// needs is the cause (the disk is full, no permission) and the fix.
public enum FileSystemFailure {
    /// From `errno`, just after a failed call.
    public static func lastError() -> String { describe(errno: errno) }

    public static func describe(_ error: any Error) -> String {
        if let own = error as? OutputError { return own.description }
        if let own = error as? BuildError { return own.description }
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return describe(errno: Int32(underlying.code))
        }
        if nsError.domain == NSPOSIXErrorDomain { return describe(errno: Int32(nsError.code)) }
        guard nsError.domain == NSCocoaErrorDomain else { return "\(error) (this is a bug in Guidebook: please report it)" }
        switch CocoaError.Code(rawValue: nsError.code) {
        case .fileNoSuchFile, .fileReadNoSuchFile: return describe(errno: ENOENT)
        case .fileReadNoPermission, .fileWriteNoPermission: return describe(errno: EACCES)
        case .fileWriteOutOfSpace: return describe(errno: ENOSPC)
        case .fileWriteVolumeReadOnly: return describe(errno: EROFS)
        case .fileWriteFileExists: return describe(errno: EEXIST)
        default: return "the file system refused (error \(nsError.code)); check the path, its permissions and the free space"
        }
    }

    public static func describe(errno code: Int32) -> String {
        switch code {
        case ENOSPC, EDQUOT: return "the disk is full (or the quota used up); free some space and build again"
        case EACCES, EPERM: return "permission denied; check that the account running Guidebook may read and write there"
        case EROFS: return "the disk is read-only; choose a folder on a writable disk"
        case ENOENT: return "a folder on the way does not exist; create it first"
        case ENOTDIR: return "a part of the path is a file, not a folder"
        case EISDIR: return "a folder is in the way where a file should be"
        case EEXIST: return "something is already there"
        case EXDEV: return "it is on another disk than the folder beside it"
        default: return String(cString: strerror(code)).lowercased()
        }
    }
}
