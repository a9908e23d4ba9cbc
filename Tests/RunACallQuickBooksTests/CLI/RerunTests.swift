import Foundation
import Testing
@testable import RunACallQuickBooks
@testable import RunACallSupport
@testable import RunACallRead

/// No hidden state: every run says what running it again would do; a run with
/// nothing new leaves an earlier batch's files and report as they were, even
/// with `--replace`; a `from-quickbooks` run that sends nothing records no
/// batch; `undo --dry-run` writes nothing.
@Suite struct RerunTests {
    static func convert(_ out: String, _ extra: [String] = [], in folder: URL) throws -> (status: Int32, output: String, error: String) {
        try LedgerIdentityTests.run(["convert", TestPaths.samples.appendingPathComponent("export").path, "--config", Conversion.sampleConfig.path,
                                     "--out", out] + extra, in: folder)
    }

    @Test func eachConvertSaysWhatARunOfTheSameExportWouldDo() throws {
        let folder = try TestPaths.temporaryFolder()
        let first = try Self.convert("1", ["--ledger", "ledger.sqlite"], in: folder)
        #expect(first.error.contains("rac2qb: batch 1 recorded in ledger ledger.sqlite: running the same export again writes nothing new"), "\(first.error)")
        let second = try Self.convert("2", ["--ledger", "ledger.sqlite"], in: folder)
        #expect(second.error.contains("rac2qb: nothing new since batch 1: no QuickBooks file written and no batch recorded"), "\(second.error)")
        #expect(second.error.contains("every record is already in a batch of ledger ledger.sqlite (latest: batch 1), or fails or is skipped again; running it again does the same. To write everything again, run with --no-ledger or another --ledger"), "\(second.error)")
        let json = try Self.convert("3", ["--ledger", "ledger.sqlite", "--json"], in: folder)
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        #expect((summary["rerun"] as? String)?.hasPrefix("nothing new since batch 1: ") == true, "\(summary["rerun"] ?? "none")")
        #expect(summary["nothing_new"] as? Bool == true)
        #expect(summary["counts"] != nil, "the summary's members are still there")
        let without = try Self.convert("4", ["--no-ledger"], in: folder)
        #expect(without.error.contains("rac2qb: no ledger: running it again writes every record again"), "\(without.error)")
    }

    @Test func replaceWithNothingNewLeavesTheEarlierBatchsFilesAndReportAsTheyWere() throws {
        let folder = try TestPaths.temporaryFolder()
        #expect(try Self.convert("out", ["--ledger", "ledger.sqlite"], in: folder).status == 1)
        let out = folder.appendingPathComponent("out")
        let before = try OutputFolderTests.snapshot(out)
        let again = try Self.convert("out", ["--ledger", "ledger.sqlite", "--replace"], in: folder)
        #expect(again.status == 1, "the closed-period invoice fails again")
        #expect(again.error.contains("rac2qb: nothing new since batch 1: "), "\(again.error)")
        #expect(again.error.contains("out still holds the files and report of batch 1, left as they were (--replace replaces them only with new ones)"), "\(again.error)")
        #expect(try OutputFolderTests.snapshot(out) == before, "QuickBooks files and report unchanged: never a report of all Skipped beside batch 1's files")
        #expect(try Ledger(url: folder.appendingPathComponent("ledger.sqlite")).batches().map(\.id) == [1])
    }

    @Test func fromQuickBooksThatSendsNothingRecordsNoBatchAndLeavesUndoFree() throws {
        let folder = try TestPaths.temporaryFolder()
        #expect(try Self.convert("out", ["--ledger", "ledger.sqlite"], in: folder).status == 1)
        let list = folder.appendingPathComponent("customers.csv")
        try Data("""
            Customer,Company,Email,Phone,Billing Street,Billing City,Billing State,Billing ZIP,Billing Country,Active
            Bob The Builder Jones,,bob@example.com,,8 Tool Ln,Aurora,CO,80011,US,true

            """.utf8).write(to: list)
        let sent = try LedgerIdentityTests.run(["from-quickbooks", list.path, "--config", Conversion.sampleConfig.path, "--out", "fq",
                                                "--ledger", "ledger.sqlite"], in: folder)
        #expect(sent.status == 0, "\(sent.error)")
        #expect(sent.output.contains("customers: 0 success, 0 failed, 1 skipped"))
        #expect(sent.error.contains("rac2qb: nothing new to send to Run a Call: no Run a Call file written and no batch recorded"), "\(sent.error)")
        #expect(try Ledger(url: folder.appendingPathComponent("ledger.sqlite")).batches().map(\.id) == [1], "no empty batch")
        let undo = try LedgerIdentityTests.run(["undo", "1", "--ledger", "ledger.sqlite", "--yes", "--out", "undone"], in: folder)
        #expect(undo.status == 0, "batch 1 is still the latest: \(undo.error)")
    }

    @Test func undoDryRunPrintsTheListAndWritesNoFile() throws {
        let folder = try TestPaths.temporaryFolder()
        #expect(try Self.convert("out", ["--ledger", "ledger.sqlite"], in: folder).status == 1)
        let before = try OutputFolderTests.snapshot(folder.appendingPathComponent("out"))
        for out in [["--out", "undone"], []] {
            let dry = try LedgerIdentityTests.run(["undo", "--ledger", "ledger.sqlite", "--dry-run"] + out, in: folder)
            #expect(dry.status == 0, "\(dry.error)")
            #expect(dry.output.contains("batch 1: 55 records, 0 deleted by qbXML request, 55 by hand"), "\(dry.output)")
            #expect(dry.output.contains("  invoice 1042: Delete invoice #1042 in QuickBooks by hand"), "every record listed: \(dry.output)")
            #expect(dry.output.contains("dry run: nothing written, and the ledger still holds batch 1"), "\(dry.output)")
        }
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("undone").path), "no file under --out")
        #expect(try OutputFolderTests.snapshot(folder.appendingPathComponent("out")) == before, "nothing written into the batch's folder")
        #expect(try Ledger(url: folder.appendingPathComponent("ledger.sqlite")).batches().map(\.id) == [1])
    }
}
