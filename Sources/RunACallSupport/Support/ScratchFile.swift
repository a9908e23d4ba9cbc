/// A file of the process's own for bytes it sets aside and reads back (a large table's older entries, so that
/// they cost disk, not memory): appended to, read at the offsets `append` gave, gone once closed or the process
/// ends. Reads come from the system's file cache while it holds them. Not thread-safe.
public final class ScratchFile {
    private let descriptor: Int32
    /// Bytes appended so far: where the next append goes.
    public private(set) var size: Int64 = 0

    public init() throws(SystemCalls.Failure) {
        descriptor = try SystemCalls.openScratch()
    }

    deinit { SystemCalls.close(descriptor) }

    /// Appends `bytes`; returns the offset they start at.
    public func append(_ bytes: [UInt8]) throws(SystemCalls.Failure) -> Int64 {
        let offset = size
        let failure = bytes.withUnsafeBytes { bytes -> SystemCalls.Failure? in
            do throws(SystemCalls.Failure) { try SystemCalls.write(descriptor, bytes, at: offset) } catch { return error }
            return nil
        }
        if let failure { throw failure }
        size += Int64(bytes.count)
        return offset
    }

    /// Up to `count` bytes from `offset` (fewer only past what was appended).
    public func read(_ count: Int, at offset: Int64) throws(SystemCalls.Failure) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: Int(max(0, min(Int64(count), size - offset))))
        let read = bytes.withUnsafeMutableBytes { buffer -> Result<Int, SystemCalls.Failure> in
            do throws(SystemCalls.Failure) { return .success(try SystemCalls.read(descriptor, into: buffer, at: offset)) } catch { return .failure(error) }
        }
        bytes.removeLast(bytes.count - (try read.get()))
        return bytes
    }
}
