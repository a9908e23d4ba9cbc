import Foundation
import Testing
@testable import RunACallQuickBooks
@testable import RunACallSupport

/// A published file's digest: the same however the file is read, pinned so that no change of it
/// goes unnoticed, changed by any byte, and still matching the digests older ledgers hold.
@Suite struct FileDigestTests {
    static let text = Array("TRNS\tINVOICE\t11/02/2026\tAccounts Receivable\tAnn Lee\t100.00\n".utf8)

    static func file(_ bytes: [UInt8], _ name: String = #function) throws -> URL {
        let url = try TestPaths.temporaryFolder(name).appendingPathComponent("quickbooks.iif")
        try Data(bytes).write(to: url)
        return url
    }

    static func wordHash(_ bytes: [UInt8], cutEvery size: Int) -> UInt64 {
        var hash = WordHash()
        var start = 0
        while start < bytes.count {
            let end = min(start + size, bytes.count)
            bytes[start..<end].withUnsafeBytes { hash.add($0) }
            start = end
        }
        return hash.finished
    }

    /// The values come from a separate implementation of the same steps (Python, in the commit that added them).
    @Test func theDigestIsPinned() throws {
        #expect(FileDigest.of(try Self.file(Self.text)) == "wdb81d98c56eaa86a")
        #expect(FileDigest.of(try Self.file([], "empty")) == "w7acdbb98b1344213")
    }

    @Test func howTheBytesAreCutDoesNotMatter() {
        let whole = Self.wordHash(Self.text, cutEvery: Self.text.count)
        for size in [1, 3, 7, 8, 9, 16] {
            #expect(Self.wordHash(Self.text, cutEvery: size) == whole, "cut every \(size) bytes")
        }
    }

    @Test func anyChangedByteOrLengthChangesIt() throws {
        let original = Self.wordHash(Self.text, cutEvery: 64)
        for position in [0, 7, 8, 31, Self.text.count - 1] {
            var changed = Self.text
            changed[position] ^= 0x01
            #expect(Self.wordHash(changed, cutEvery: 64) != original, "byte \(position)")
        }
        #expect(Self.wordHash(Self.text + [0], cutEvery: 64) != original, "a zero byte added")
        #expect(Self.wordHash(Array(Self.text.dropLast()), cutEvery: 64) != original, "the last byte removed")
    }

    @Test func aDigestAnOlderLedgerHoldsStillMatches() throws {
        let url = try Self.file(Self.text)
        var legacy = StableHash()
        legacy.add(Self.text)
        #expect(legacy.hex.count == 16)
        #expect(FileDigest.matches(url, legacy.hex))
        #expect(FileDigest.matches(url, try #require(FileDigest.of(url))))
        try Data(Self.text.dropLast()).write(to: url)
        #expect(!FileDigest.matches(url, legacy.hex), "a changed file no longer matches its old digest")
        #expect(!FileDigest.matches(url.appendingPathExtension("gone"), legacy.hex), "nor does a missing file")
    }
}
