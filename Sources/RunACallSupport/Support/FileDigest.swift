import Foundation

/// A file's content digest, read in chunks: how the ledger tells that a published file is the one its batch wrote.
///
/// A digest is `w` and sixteen hex digits (`WordHash`). Ledgers written before it hold sixteen hex digits
/// alone (`StableHash`, a byte at a time, eight times slower); `matches` still reads those.
public enum FileDigest {
    /// The digest of the file at `url`, nil when it cannot be read.
    public static func of(_ url: URL) -> String? {
        var hash = WordHash()
        guard read(url, into: { hash.add($0) }) else { return nil }
        return "w" + hex(hash.finished)
    }

    /// Whether the file at `url` is the one whose digest was `recorded`, in either form.
    public static func matches(_ url: URL, _ recorded: String) -> Bool {
        guard recorded.first != "w" else { return of(url) == recorded }
        var hash = StableHash()
        guard read(url, into: { hash.add($0) }) else { return false }
        return hash.hex == recorded
    }

    /// Starts hashing `paths` (relative to `folder`) on a thread of its own; the function returned waits
    /// for it and gives each path's digest (nil where a file could not be read).
    public static func inBackground(_ paths: [String], in folder: URL) -> () -> [String: String?] {
        let result = BackgroundResult()
        let thread = Thread {
            result.digests = Dictionary(paths.map { ($0, of(folder.appendingPathComponent($0))) }, uniquingKeysWith: { first, _ in first })
            result.done.signal()
        }
        thread.start()
        return {
            result.done.wait()
            result.done.signal()
            return result.digests
        }
    }

    /// Hands the file's bytes to `add` in chunks; false when it cannot be opened.
    private static func read(_ url: URL, into add: (UnsafeRawBufferPointer) -> Void) -> Bool {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return false }
        defer { try? handle.close() }
        while let chunk = try? handle.read(upToCount: 1 << 16), !chunk.isEmpty { chunk.withUnsafeBytes { add($0) } }
        return true
    }

    private static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// What the hashing thread hands over: written before `done` is signalled, read after.
    private final class BackgroundResult: @unchecked Sendable {
        var digests: [String: String?] = [:]
        let done = DispatchSemaphore(value: 0)
    }
}
