import Foundation
import Testing
@testable import RunACallQuickBooks
@testable import RunACallSupport

/// One ledger, one owner, whatever the path: the lock is the ledger file's
/// (reached through a symbolic link or spelled another way, it is the same
/// lock), a lock file planted as a symbolic link is never followed, and only a
/// regular file holding a rac2qb ledger is used as one. The runs that race are
/// the built binary's, against a ledger this test holds.
@Suite struct LedgerIdentityTests {
    /// Runs the built binary in `folder`, waiting at most `wait` seconds for a held ledger.
    static func run(_ arguments: [String], in folder: URL, wait: Int = 1) throws -> (status: Int32, output: String, error: String) {
        try CommandLineTests.run(arguments, in: folder, environment: ["RAC2QB_LEDGER_WAIT_SECONDS": String(wait)])
    }

    static func convert(_ out: String, ledger: String, in folder: URL) throws -> (status: Int32, output: String, error: String) {
        try run(["convert", TestPaths.samples.appendingPathComponent("export").path, "--config", Conversion.sampleConfig.path,
                 "--out", out, "--ledger", ledger], in: folder)
    }

    @Test func aRunThroughASymbolicLinkWaitsForTheRunThatHoldsTheLedger() throws {
        let folder = try TestPaths.temporaryFolder()
        let ledger = folder.appendingPathComponent("ledger.sqlite")
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("link.sqlite").path, withDestinationPath: "ledger.sqlite")
        let holder = try Ledger(url: ledger, lockingFor: "rac2qb convert")
        let second = try Self.convert("out", ledger: "link.sqlite", in: folder)
        #expect(second.status == 3, "the ledger is held: \(second.error)")
        #expect(second.error.contains("is held by rac2qb convert, pid \(ProcessInfo.processInfo.processIdentifier)"), "\(second.error)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out").path), "nothing written")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("link.sqlite.lock").path), "one lock, the ledger file's")
        _ = holder
    }

    @Test func aPathSpelledThroughAnotherFolderLinkIsTheSameLedger() throws {
        let folder = try TestPaths.temporaryFolder()
        let books = folder.appendingPathComponent("books")
        try FileManager.default.createDirectory(at: books.appendingPathComponent("deep/er"), withIntermediateDirectories: true)
        // x leads to books/deep/er, so x/../../ledger.sqlite is books/ledger.sqlite for the system, but not by its words.
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("x").path, withDestinationPath: "books/deep/er")
        let holder = try Ledger(url: books.appendingPathComponent("ledger.sqlite"), lockingFor: "rac2qb convert")
        let second = try Self.convert("out", ledger: "./x/../../ledger.sqlite", in: folder)
        #expect(second.status == 3, "the ledger is held: \(second.error)")
        #expect(second.error.contains("is held by rac2qb convert"), "\(second.error)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out").path), "nothing written")
        _ = holder
    }

    @Test func anUndoThroughASymbolicLinkWaitsAndForgetsNothing() throws {
        let folder = try TestPaths.temporaryFolder()
        #expect(try Self.convert("out", ledger: "ledger.sqlite", in: folder).status == 1)
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("link.sqlite").path, withDestinationPath: "ledger.sqlite")
        let ledger = folder.appendingPathComponent("ledger.sqlite")
        let holder = try Ledger(url: ledger, lockingFor: "rac2qb convert")
        let undo = try Self.run(["undo", "--ledger", "link.sqlite", "--yes", "--out", "undone"], in: folder)
        #expect(undo.status == 3, "the ledger is held: \(undo.error)")
        #expect(try Ledger(url: ledger).batches().map(\.id) == [1], "batch 1 is not forgotten")
        _ = holder
    }

    @Test func aLedgerWithASecondHardLinkIsRefused() throws {
        let folder = try TestPaths.temporaryFolder()
        #expect(try Self.convert("out", ledger: "ledger.sqlite", in: folder).status == 1)
        try FileManager.default.linkItem(atPath: folder.appendingPathComponent("ledger.sqlite").path,
                                         toPath: folder.appendingPathComponent("other.sqlite").path)
        let second = try Self.convert("again", ledger: "other.sqlite", in: folder)
        #expect(second.status == 3, "\(second.error)")
        #expect(second.error.contains("other.sqlite: the ledger has 2 names (hard links)"), "\(second.error)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("again").path), "nothing written")
    }

    @Test func aLockFilePlantedAsASymbolicLinkIsNeverFollowed() throws {
        let folder = try TestPaths.temporaryFolder()
        let victim = folder.appendingPathComponent("precious.txt")
        try Data("precious\n".utf8).write(to: victim)
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("ledger.sqlite.lock").path, withDestinationPath: victim.path)
        let run = try Self.convert("out", ledger: "ledger.sqlite", in: folder)
        #expect(run.status == 3, "\(run.error)")
        #expect(run.error.contains("ledger.sqlite.lock: the ledger's lock is a symbolic link"), "\(run.error)")
        #expect(try String(contentsOf: victim, encoding: .utf8) == "precious\n", "its target is untouched")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out").path), "nothing written")
    }

    @Test(arguments: ["/dev/null", "a folder", "a pipe"])
    func somethingThatIsNotARegularFileIsRefused(ledger: String) throws {
        let folder = try TestPaths.temporaryFolder()
        var path = ledger
        if ledger == "a folder" {
            path = folder.appendingPathComponent("folder").path
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        } else if ledger == "a pipe" {
            path = folder.appendingPathComponent("pipe").path
            #expect(mkfifo(path, 0o644) == 0)
        }
        let lockExisted = FileManager.default.fileExists(atPath: path + ".lock")
        let run = try Self.convert("out", ledger: path, in: folder)
        #expect(run.status == 3, "\(run.error)")
        #expect(run.error.contains("\(path): not a rac2qb ledger: "), "\(run.error)")
        #expect(run.error.contains("not a regular file"), "\(run.error)")
        #expect(FileManager.default.fileExists(atPath: path + ".lock") == lockExisted, "no lock file made beside it")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out").path), "nothing written")
    }

    @Test func anotherApplicationsSQLiteDatabaseIsRefusedAndLeftAsItWas() throws {
        let folder = try TestPaths.temporaryFolder()
        let url = folder.appendingPathComponent("contacts.sqlite")
        do {
            let other = try SQLiteDatabase(url: url)
            try other.execute("CREATE TABLE contact(name TEXT); INSERT INTO contact VALUES ('Ann')")
        }
        let before = try Data(contentsOf: url)
        let run = try Self.convert("out", ledger: url.path, in: folder)
        #expect(run.status == 3, "\(run.error)")
        #expect(run.error.contains("\(url.path): not a rac2qb ledger: an SQLite database of another application (its tables: contact)"), "\(run.error)")
        #expect(try Data(contentsOf: url) == before, "no table added")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out").path), "nothing written")
    }

    @Test func aFileThatIsNotSQLiteIsRefusedForEveryCommand() throws {
        let folder = try TestPaths.temporaryFolder()
        let url = folder.appendingPathComponent("notes.txt")
        try Data("my notes\n".utf8).write(to: url)
        for arguments in [["history", "--ledger", url.path], ["undo", "--ledger", url.path, "--dry-run"]] {
            let run = try Self.run(arguments, in: folder)
            #expect(run.status == 3, "\(arguments[0]): \(run.error)")
            #expect(run.error.contains("\(url.path): not a rac2qb ledger: not an SQLite database"), "\(arguments[0]): \(run.error)")
        }
        #expect(try String(contentsOf: url, encoding: .utf8) == "my notes\n")
    }

    /// "rac2" in ASCII: what `PRAGMA application_id` holds in a rac2qb ledger.
    static let rac2qbApplicationID: Int64 = 0x7261_6332

    @Test func aNewLedgerIsMarkedAndAnUnmarkedOneOfEarlierVersionsIsMarkedOnOpen() throws {
        let url = try TestPaths.temporaryFolder().appendingPathComponent("ledger.sqlite")
        do { _ = try Ledger(url: url, lockingFor: "test") }
        #expect(try SQLiteDatabase(url: url).integer("PRAGMA application_id") == Self.rac2qbApplicationID)
        do { try SQLiteDatabase(url: url).execute("PRAGMA application_id = 0") }
        #expect(try SQLiteDatabase(url: url).integer("PRAGMA application_id") == 0, "as earlier versions left it")
        #expect(try Ledger(url: url).batches().isEmpty)
        #expect(try SQLiteDatabase(url: url).integer("PRAGMA application_id") == Self.rac2qbApplicationID, "marked on open")
    }
}
