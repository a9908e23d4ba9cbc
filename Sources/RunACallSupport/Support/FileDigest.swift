import Foundation

/// A file's content hash (`StableHash`, hex), read in chunks: how the ledger
/// tells that a published file is the one its batch wrote.
package enum FileDigest {
    package static func of(_ url: URL) -> String? {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return nil }
        defer { try? handle.close() }
        var hash = StableHash()
        while let chunk = try? handle.read(upToCount: 1 << 16), !chunk.isEmpty { chunk.withUnsafeBytes { hash.add($0) } }
        return hash.hex
    }

    /// Starts hashing `paths` (relative to `folder`) on a thread of its own; the function returned waits
    /// for it and gives each path's digest (nil where a file could not be read).
    package static func inBackground(_ paths: [String], in folder: URL) -> () -> [String: String?] {
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

    /// What the hashing thread hands over: written before `done` is signalled, read after.
    private final class BackgroundResult: @unchecked Sendable {
        var digests: [String: String?] = [:]
        let done = DispatchSemaphore(value: 0)
    }
}
