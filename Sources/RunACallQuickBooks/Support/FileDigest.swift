import Foundation

/// A file's content hash (`StableHash`, hex), read in chunks: how the ledger
/// tells that a published file is the one its batch wrote.
enum FileDigest {
    static func of(_ url: URL) -> String? {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return nil }
        defer { try? handle.close() }
        var hash = StableHash()
        while let chunk = try? handle.read(upToCount: 1 << 16), !chunk.isEmpty { chunk.withUnsafeBytes { hash.add($0) } }
        return hash.hex
    }
}
