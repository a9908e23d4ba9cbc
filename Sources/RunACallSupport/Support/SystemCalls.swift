#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif os(Windows)
import ucrt
import WinSDK
#endif
import CSystemCalls
import Foundation

/// The few POSIX system calls the ledger lock, publishing and the progress line
/// need, in one place (Linux and macOS; the ledger's lock and path resolution
/// have a Windows branch, not tried yet): whole-file locks, flushing to disk,
/// renames that never replace, whether a process is alive, whether standard
/// error is a terminal, what a path is and where it really leads. Each failure is its errno.
public enum SystemCalls {
    /// An errno value as a thrown error.
    public struct Failure: Error, Equatable {
        public let errno: Int32
    }

    private static func check(_ result: Int32) throws(Failure) {
        if result != 0 { throw Failure(errno: errno) }
    }

    /// Opens (creating it if needed) a regular file for reading and writing; returns its descriptor.
    /// A symbolic link is never followed (ELOOP), and anything but a regular file is refused (EFTYPE: `notRegularFile`).
    public static func openForLocking(_ path: String) throws(Failure) -> Int32 {
        #if os(Windows)
        // Untested here: a reparse point (a link) is opened as itself, never followed, and then refused.
        let handle = path.withCString(encodedAs: UTF16.self) {
            CreateFileW($0, DWORD(GENERIC_READ) | DWORD(GENERIC_WRITE), DWORD(FILE_SHARE_READ | FILE_SHARE_WRITE), nil,
                        DWORD(OPEN_ALWAYS), DWORD(FILE_ATTRIBUTE_NORMAL | FILE_FLAG_OPEN_REPARSE_POINT), nil)
        }
        guard let handle, handle != INVALID_HANDLE_VALUE else { throw Failure(errno: EACCES) }
        var information = BY_HANDLE_FILE_INFORMATION()
        guard GetFileInformationByHandle(handle, &information),
              information.dwFileAttributes & DWORD(FILE_ATTRIBUTE_REPARSE_POINT | FILE_ATTRIBUTE_DIRECTORY) == 0 else {
            CloseHandle(handle)
            throw Failure(errno: information.dwFileAttributes & DWORD(FILE_ATTRIBUTE_REPARSE_POINT) != 0 ? ELOOP : notRegularFile)
        }
        let descriptor = _open_osfhandle(intptr_t(bitPattern: handle), _O_RDWR)
        if descriptor < 0 { CloseHandle(handle); throw Failure(errno: EMFILE) }
        return descriptor
        #else
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0o644)
        if descriptor < 0 { throw Failure(errno: errno == EMLINK ? ELOOP : errno) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
            _ = closeDescriptor(descriptor)
            throw Failure(errno: notRegularFile)
        }
        return descriptor
        #endif
    }

    /// The error `openForLocking` gives for something that is not a regular file (a device, a pipe, a folder).
    public static let notRegularFile: Int32 = EINVAL

    /// Takes an exclusive lock on the whole open file without waiting: false when
    /// another open file description holds it. The system releases it when the
    /// descriptor is closed or the process ends, killed or not.
    public static func tryLock(_ descriptor: Int32) throws(Failure) -> Bool {
        #if os(Windows)
        // Untested here: LockFileEx on the file's handle, failing at once when another handle holds it.
        var overlapped = OVERLAPPED()
        let handle = HANDLE(bitPattern: _get_osfhandle(descriptor))
        if LockFileEx(handle, DWORD(LOCKFILE_EXCLUSIVE_LOCK | LOCKFILE_FAIL_IMMEDIATELY), 0, 1, 0, &overlapped) { return true }
        if GetLastError() == DWORD(ERROR_LOCK_VIOLATION) { return false }
        throw Failure(errno: EACCES)
        #else
        if flock(descriptor, LOCK_EX | LOCK_NB) == 0 { return true }
        let code = errno
        if code == EWOULDBLOCK || code == EINTR { return false }
        throw Failure(errno: code)
        #endif
    }

    /// Replaces the content of an open file with `bytes`.
    public static func overwrite(_ descriptor: Int32, with bytes: [UInt8]) throws(Failure) {
        try check(ftruncate(descriptor, 0))
        let written = bytes.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
        if written != bytes.count { throw Failure(errno: written < 0 ? errno : EIO) }
    }

    public static func close(_ descriptor: Int32) {
        _ = closeDescriptor(descriptor)
    }

    /// Flushes a file or a folder (its entries: names created or renamed in it) to the disk.
    public static func flushToDisk(_ path: String) throws(Failure) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        if descriptor < 0 { throw Failure(errno: errno) }
        defer { _ = closeDescriptor(descriptor) }
        #if canImport(Darwin)
        // fsync(2) on macOS leaves the data in the drive's cache; F_FULLFSYNC flushes that too.
        if fcntl(descriptor, F_FULLFSYNC) == 0 { return }
        #endif
        try check(fsync(descriptor))
    }

    /// Starts writing a file's changed pages to the disk and returns at once (Linux; elsewhere nothing), so that
    /// `flushToDisk` later has little left to wait for. Only a hint: a file it cannot open is left to `flushToDisk`.
    public static func startWritingToDisk(_ path: String) {
        #if os(Linux)
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        _ = rac2qb_start_writeback(descriptor)
        _ = closeDescriptor(descriptor)
        #endif
    }

    /// Copies the rest of the file open as `from` to the end of the one open as `to` inside the kernel, without
    /// reading it into memory (Linux); false when that cannot be done (both offsets then where the copy stopped,
    /// so a plain read-and-write copy goes on from there).
    public static func copyRest(from: Int32, to: Int32) -> Bool {
        #if os(Linux)
        rac2qb_copy_rest(from, to) == 0
        #else
        false
        #endif
    }

    /// Renames `source` to `destination`, which must not exist: a hard link then
    /// the removal of the old name, so an existing file is never replaced.
    public static func renameWithoutReplacing(_ source: String, _ destination: String) throws(Failure) {
        if link(source, destination) == 0 {
            try check(unlink(source))
            return
        }
        let code = errno
        guard code == EPERM || code == ENOTSUP || code == EOPNOTSUPP || code == EMLINK else { throw Failure(errno: code) }
        // A file system without hard links (FAT, some network shares): look, then rename.
        guard kind(destination) == .missing else { throw Failure(errno: EEXIST) }
        try check(renameFile(source, destination))
    }

    /// rename(2): replaces `destination` in one step when it exists.
    public static func rename(_ source: String, _ destination: String) throws(Failure) {
        try check(renameFile(source, destination))
    }

    /// Whether a process with this id runs on this machine (one we may not signal counts as running).
    public static func isAlive(_ pid: Int32) -> Bool {
        pid > 0 && (kill(pid, 0) == 0 || errno == EPERM)
    }

    /// This machine's name.
    public static var hostName: String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count) == 0 else { return "unknown host" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// What a path is, without following a last symbolic link.
    public enum Kind { case missing, folder, file, symbolicLink }

    public static func kind(_ path: String) -> Kind {
        var status = stat()
        guard lstat(path, &status) == 0 else { return .missing }
        switch status.st_mode & S_IFMT {
        case S_IFDIR: return .folder
        case S_IFLNK: return .symbolicLink
        default: return .file
        }
    }

    /// What a path is, without following a last symbolic link, in the detail a ledger is told apart by.
    public enum FileType: Equatable { case missing, regular, folder, symbolicLink, device, pipe, socket }

    public static func fileType(_ path: String) -> FileType {
        var status = stat()
        guard lstat(path, &status) == 0 else { return .missing }
        switch status.st_mode & S_IFMT {
        case S_IFREG: return .regular
        case S_IFDIR: return .folder
        case S_IFLNK: return .symbolicLink
        case S_IFIFO: return .pipe
        case S_IFSOCK: return .socket
        default: return .device
        }
    }

    /// How many names (hard links) a file has; nil when it cannot be read.
    public static func linkCount(_ path: String) -> Int? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        return Int(status.st_nlink)
    }

    /// The path with every symbolic link, `.` and `..` resolved by the system, as it
    /// reaches the file (realpath(3)); nil when a part of it does not exist.
    public static func realPath(_ path: String) -> String? {
        #if os(Windows)
        // Untested here: the final path of the opened file, links followed by the system.
        let handle = path.withCString(encodedAs: UTF16.self) {
            CreateFileW($0, 0, DWORD(FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE), nil, DWORD(OPEN_EXISTING),
                        DWORD(FILE_FLAG_BACKUP_SEMANTICS), nil)
        }
        guard let handle, handle != INVALID_HANDLE_VALUE else { return nil }
        defer { CloseHandle(handle) }
        var buffer = [WCHAR](repeating: 0, count: 32_768)
        let length = GetFinalPathNameByHandleW(handle, &buffer, DWORD(buffer.count), DWORD(FILE_NAME_NORMALIZED))
        guard length > 0, Int(length) < buffer.count else { return nil }
        let text = String(decoding: buffer.prefix(Int(length)), as: UTF16.self)
        return text.hasPrefix(#"\\?\"#) ? String(text.dropFirst(4)) : text
        #else
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
        #endif
    }

    /// Whether an open descriptor is a terminal (isatty(3)): the progress line is only for one.
    public static func isTerminal(_ descriptor: Int32) -> Bool { isatty(descriptor) == 1 }

    /// Turns a terminal's echo of what is typed on or off; false when `descriptor` is no terminal or its mode cannot be set.
    static func setEcho(_ descriptor: Int32, _ on: Bool) -> Bool {
        #if os(Windows)
        // Untested here: the console's echo of typed input (ENABLE_ECHO_INPUT).
        let handle = HANDLE(bitPattern: _get_osfhandle(descriptor))
        var mode = DWORD()
        guard GetConsoleMode(handle, &mode) else { return false }
        let echo = DWORD(ENABLE_ECHO_INPUT)
        return SetConsoleMode(handle, on ? mode | echo : mode & ~echo)
        #else
        var settings = termios()
        guard tcgetattr(descriptor, &settings) == 0 else { return false }
        if on { settings.c_lflag |= tcflag_t(ECHO) } else { settings.c_lflag &= ~tcflag_t(ECHO) }
        return tcsetattr(descriptor, TCSANOW, &settings) == 0
        #endif
    }

    /// Reads one line from an open descriptor a byte at a time (nothing past the line is taken from it), without
    /// its line break (`\n`, `\r\n`); nil at the end of the input before any byte.
    static func readLine(_ descriptor: Int32) -> String? {
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while true {
            let count = readDescriptor(descriptor, &byte)
            if count < 0, errno == EINTR { continue }
            if count <= 0 { return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self) }
            if byte == 0x0A { break }
            bytes.append(byte)
        }
        if bytes.last == 0x0D { bytes.removeLast() }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Writes all of `bytes` to an open descriptor (standard output or error), however many write(2)
    /// calls it takes; a signal's interruption is retried. Fails with the errno of the first write that fails.
    static func writeAll(_ descriptor: Int32, _ bytes: [UInt8]) throws(Failure) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in
                writeDescriptor(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw Failure(errno: errno)
            }
            if written == 0 { throw Failure(errno: EIO) }
            offset += written
        }
    }

    /// When `descriptor` is closed, opens the null device on it (the lowest free number is the closed one),
    /// so that no file opened later takes it; true when it was closed.
    static func reserveIfClosed(_ descriptor: Int32) -> Bool {
        guard !isOpen(descriptor) else { return false }
        let opened = openNullDevice()
        if opened >= 0 && opened != descriptor { _ = closeDescriptor(opened) }
        return true
    }

    /// A closed pipe makes write(2) fail with EPIPE instead of killing the process with SIGPIPE.
    static func ignoreBrokenPipes() {
        #if !os(Windows)
        signal(SIGPIPE, SIG_IGN)
        #endif
    }

    /// The bytes an unprivileged process may still write on the disk holding `path` (statvfs(3)); nil when unknown.
    static func freeBytes(_ path: String) -> Int64? {
        #if os(Windows)
        return nil
        #else
        var status = statvfs()
        guard statvfs(path, &status) == 0 else { return nil }
        return Int64(status.f_bavail) * Int64(status.f_frsize)
        #endif
    }

    /// Whether this process may create and rename entries in a folder.
    public static func isWritableFolder(_ path: String) -> Bool { access(path, W_OK | X_OK) == 0 }
}

private func closeDescriptor(_ descriptor: Int32) -> Int32 {
    #if canImport(Darwin)
    Darwin.close(descriptor)
    #elseif canImport(Glibc)
    Glibc.close(descriptor)
    #elseif os(Windows)
    _close(descriptor)
    #else
    Musl.close(descriptor)
    #endif
}

private func renameFile(_ source: String, _ destination: String) -> Int32 {
    #if canImport(Darwin)
    Darwin.rename(source, destination)
    #elseif canImport(Glibc)
    Glibc.rename(source, destination)
    #else
    Musl.rename(source, destination)
    #endif
}

private func writeDescriptor(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    #if os(Windows)
    Int(ucrt._write(descriptor, bytes, UInt32(min(count, Int(Int32.max)))))
    #else
    write(descriptor, bytes, count)
    #endif
}

private func readDescriptor(_ descriptor: Int32, _ byte: UnsafeMutablePointer<UInt8>) -> Int {
    #if os(Windows)
    Int(ucrt._read(descriptor, byte, 1))
    #else
    read(descriptor, byte, 1)
    #endif
}

private func isOpen(_ descriptor: Int32) -> Bool {
    #if os(Windows)
    ucrt._get_osfhandle(descriptor) != -1
    #else
    fcntl(descriptor, F_GETFD) != -1 || errno != EBADF
    #endif
}

private func openNullDevice() -> Int32 {
    #if os(Windows)
    ucrt._open("NUL", _O_RDWR)
    #else
    open("/dev/null", O_RDWR)
    #endif
}
