import Foundation
import Testing
@testable import RunACallQuickBooks
@testable import RunACallSupport

/// A full temporary folder (TMPDIR on a full disk) is named as such: SQLite's
/// "database or disk is full" of a scratch database, or of the ledger's
/// temporary files while the ledger's own disk has room, is not "ledger full".
/// The disk is filled with `max_page_count`, the same SQLITE_FULL a full disk gives.
@Suite struct TemporaryFolderFullTests {
    static func fill(_ database: SQLiteDatabase) throws -> FatalError {
        try database.execute("CREATE TABLE filler(text TEXT)")
        try database.execute("PRAGMA max_page_count = \(try database.integer("PRAGMA page_count") ?? 1)")
        return try #require(throws: FatalError.self) {
            for number in 0..<100 { try database.run("INSERT INTO filler VALUES (?)", [.text(String(repeating: "x", count: 4_000) + "\(number)")]) }
        }
    }

    @Test func aFullScratchDatabaseNamesTheTemporaryFolder() throws {
        let error = try Self.fill(try SQLiteDatabase(scratch: "invoice facts"))
        #expect(error.kind == .unwritableOutput)
        #expect(error.description.hasPrefix("the temporary folder \(SQLiteDatabase.temporaryFolder) is full (no space left on device)"))
        #expect(error.description.contains("the run's scratch database (invoice facts)") && error.description.contains("set TMPDIR"))
        #expect(!error.description.contains("ledger"))
    }

    @Test func aLedgerWhoseDiskHasRoomNamesTheTemporaryFolder() throws {
        let url = try TestPaths.temporaryFolder().appendingPathComponent("ledger.sqlite")
        let error = try Self.fill(try SQLiteDatabase(url: url))
        #expect(error.description.hasPrefix("the temporary folder \(SQLiteDatabase.temporaryFolder) is full"))
        #expect(error.description.contains("SQLite's temporary files for \(url.path): ledger"))
    }
}
