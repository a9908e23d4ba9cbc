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
import Foundation

/// The calls behind `ScratchFile`: a file of the process's own, written and read at offsets.
extension SystemCalls {
    /// What a read of a scratch file that gives back less than was written there fails with.
    public static let shortRead = Failure(errno: EIO)

    /// Opens a new, empty file in the system's temporary folder for reading and writing, gone once it is closed
    /// or the process ends, killed or not (POSIX: its name removed at once; Windows: delete on close). Returns its descriptor.
    public static func openScratch() throws(Failure) -> Int32 {
        #if os(Windows)
        // Untested here: a temporary name, then the file opened with FILE_FLAG_DELETE_ON_CLOSE.
        var folder = [WCHAR](repeating: 0, count: Int(MAX_PATH) + 1)
        guard GetTempPathW(DWORD(folder.count), &folder) > 0 else { throw Failure(errno: ENOENT) }
        var name = [WCHAR](repeating: 0, count: Int(MAX_PATH) + 1)
        guard "rqb".withCString(encodedAs: UTF16.self, { GetTempFileNameW(folder, $0, 0, &name) }) != 0 else { throw Failure(errno: EACCES) }
        let handle = CreateFileW(name, DWORD(GENERIC_READ) | DWORD(GENERIC_WRITE), 0, nil, DWORD(CREATE_ALWAYS),
                                 DWORD(FILE_ATTRIBUTE_TEMPORARY) | DWORD(FILE_FLAG_DELETE_ON_CLOSE), nil)
        guard let handle, handle != INVALID_HANDLE_VALUE else { throw Failure(errno: EACCES) }
        let descriptor = _open_osfhandle(intptr_t(bitPattern: handle), _O_RDWR)
        if descriptor < 0 { CloseHandle(handle); throw Failure(errno: EMFILE) }
        return descriptor
        #else
        var template = Array((FileManager.default.temporaryDirectory.path + "/rac2qb-scratch-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        if descriptor < 0 { throw Failure(errno: errno) }
        _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        _ = template.withUnsafeBufferPointer { unlink($0.baseAddress!) }
        return descriptor
        #endif
    }

    /// Writes all of `bytes` at `offset` of the open file.
    public static func write(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer, at offset: Int64) throws(Failure) {
        var done = 0
        while done < bytes.count {
            let written = positioned(descriptor, UnsafeMutableRawPointer(mutating: bytes.baseAddress! + done),
                                     count: bytes.count - done, offset: offset + Int64(done), writing: true)
            if written <= 0 { throw Failure(errno: written < 0 ? errno : EIO) }
            done += written
        }
    }

    /// Reads into `buffer` from `offset` of the open file; how many bytes came (fewer only at the end of the file).
    public static func read(_ descriptor: Int32, into buffer: UnsafeMutableRawBufferPointer, at offset: Int64) throws(Failure) -> Int {
        var done = 0
        while done < buffer.count {
            let count = positioned(descriptor, buffer.baseAddress! + done, count: buffer.count - done, offset: offset + Int64(done), writing: false)
            if count < 0 { throw Failure(errno: errno) }
            if count == 0 { break }
            done += count
        }
        return done
    }

    /// One pread(2) or pwrite(2) (Windows: ReadFile or WriteFile at an offset): the bytes moved, -1 on failure.
    private static func positioned(_ descriptor: Int32, _ address: UnsafeMutableRawPointer, count: Int, offset: Int64,
                                   writing: Bool) -> Int {
        #if os(Windows)
        // Untested here: the OVERLAPPED offset of a synchronous handle is where the call reads or writes.
        var overlapped = OVERLAPPED()
        overlapped.Offset = DWORD(truncatingIfNeeded: offset)
        overlapped.OffsetHigh = DWORD(truncatingIfNeeded: offset >> 32)
        var moved: DWORD = 0
        let handle = HANDLE(bitPattern: _get_osfhandle(descriptor))
        let size = DWORD(min(count, Int(Int32.max)))
        let succeeded = writing ? WriteFile(handle, address, size, &moved, &overlapped) : ReadFile(handle, address, size, &moved, &overlapped)
        if succeeded { return Int(moved) }
        if !writing, GetLastError() == DWORD(ERROR_HANDLE_EOF) { return 0 }
        return -1
        #else
        while true {
            let moved = writing ? pwrite(descriptor, address, count, off_t(offset)) : pread(descriptor, address, count, off_t(offset))
            if moved < 0, errno == EINTR { continue }
            return moved
        }
        #endif
    }
}
