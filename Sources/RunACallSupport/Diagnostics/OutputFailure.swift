import Foundation

/// Failures of the file system in plain words, with the path: what the
/// user sees instead of `Error Domain=NSCocoaErrorDomain Code=516 ...`.
public enum OutputFailure {
    /// The cause of an errno, in words: "no space left on device", "permission denied", ...
    public static func words(errno code: Int32, path: String? = nil) -> String {
        switch code {
        case EEXIST, ENOTDIR:
            // ENOTDIR: a part of the path that must be a folder is a file.
            if let path, let file = firstFile(along: path) {
                return file == path ? "exists and is a file, not a folder" : "\(file) is a file, not a folder"
            }
            return code == EEXIST ? "already exists" : "a part of the path is a file, not a folder"
        case EISDIR: return "is a folder, not a file"
        case EACCES, EPERM: return "permission denied"
        case EROFS: return "read-only file system"
        case ENOSPC: return "no space left on device"
        case EDQUOT: return "disk quota exceeded"
        case ENOENT: return "no such file or folder"
        case ENAMETOOLONG: return "the name is too long"
        case ELOOP: return "too many symbolic links"
        case EXDEV: return "on another file system than the output folder"
        case EIO: return "input/output error (the disk failed)"
        default: return String(cString: strerror(code)).lowercased()
        }
    }

    /// The first existing non-folder along `path` (itself or a parent), if any.
    private static func firstFile(along path: String) -> String? {
        var prefix = ""
        for component in path.split(separator: "/", omittingEmptySubsequences: true) {
            prefix += "/\(component)"
            switch SystemCalls.kind(prefix) {
            case .file: return prefix
            case .missing: return nil
            case .folder, .symbolicLink: continue
            }
        }
        return nil
    }

    /// An error a write or a folder creation threw, as the run's fatal error (exit 3):
    /// "PATH: cannot be written: no space left on device". Fatal errors and errors not of the file system pass through.
    public static func fatal(_ error: any Error, path fallback: URL? = nil) -> any Error {
        if error is FatalError { return error }
        if let failure = error as? SystemCalls.Failure {
            let path = fallback?.path ?? "output"
            return FatalError(.unwritableOutput, "\(path): cannot be written: \(words(errno: failure.errno, path: path))")
        }
        let bridged = error as NSError
        guard bridged.domain == NSCocoaErrorDomain || bridged.domain == NSPOSIXErrorDomain else { return error }
        let error = bridged
        let path = (error.userInfo[NSFilePathErrorKey] as? String) ?? (error.userInfo[NSURLErrorKey] as? URL)?.path
            ?? fallback?.path ?? "output"
        // Foundation's codes 256-511 are read errors (of an input); the others are write errors.
        let reading = error.domain == NSCocoaErrorDomain && (256..<512).contains(error.code)
        return FatalError(reading ? .unreadableInput : .unwritableOutput,
                          "\(path): cannot be \(reading ? "read" : "written"): \(cause(of: error, path: path))")
    }

    /// The plain cause of a Foundation error: its errno when it has one, else its code's meaning.
    private static func cause(of error: NSError, path: String) -> String {
        if error.domain == NSPOSIXErrorDomain { return words(errno: Int32(error.code), path: path) }
        if let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return words(errno: Int32(underlying.code), path: path)
        }
        switch CocoaError.Code(rawValue: error.code) {
        case .fileWriteFileExists: return words(errno: EEXIST, path: path)
        case .fileWriteNoPermission, .fileReadNoPermission: return words(errno: EACCES)
        case .fileWriteOutOfSpace: return words(errno: ENOSPC)
        case .fileWriteVolumeReadOnly: return words(errno: EROFS)
        case .fileNoSuchFile, .fileReadNoSuchFile: return words(errno: ENOENT, path: path)
        case .fileWriteInvalidFileName, .fileReadInvalidFileName: return "the name is not allowed"
        default:
            if firstFile(along: path) != nil { return words(errno: ENOTDIR, path: path) }
            return "an unknown error of the file system (\(error.localizedDescription))"
        }
    }
}
