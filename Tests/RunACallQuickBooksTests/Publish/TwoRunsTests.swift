import ExportGenerator
import Foundation
import Testing
@testable import RunACallQuickBooks
@testable import RunACallSupport
@testable import RunACallRead

/// Two `rac2qb convert` processes on one ledger at once, into two output
/// folders: the ledger is owned by one run at a time, so every invoice ends
/// in exactly one committed batch, no importable file of another batch
/// exists, and the second run says why it wrote nothing (it waited and found
/// nothing new, or it gave up waiting, naming the run that holds the ledger).
@Suite(.serialized) struct TwoRunsTests {
    /// Invoices of the generated export: `RAC2QB_RACE_INVOICES`, else 2,000 (20,000 take over a minute a run in a debug build).
    static let invoiceCount = ProcessInfo.processInfo.environment["RAC2QB_RACE_INVOICES"].flatMap(Int.init) ?? 2_000

    /// A started binary whose standard output and error go to files.
    struct Run {
        let process: Process
        let out: URL
        private let errorFile: URL

        init(_ arguments: [String], out: URL, wait: TimeInterval, logs: URL) throws {
            process = Process()
            process.executableURL = CommandLineTests.binary
            process.arguments = arguments
            process.environment = ProcessInfo.processInfo.environment.merging(["RAC2QB_LEDGER_WAIT_SECONDS": String(wait)]) { $1 }
            errorFile = logs.appendingPathComponent("\(out.lastPathComponent).err")
            _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
            process.standardOutput = FileHandle.nullDevice
            process.standardError = try FileHandle(forWritingTo: errorFile)
            self.out = out
            try process.run()
        }

        func finish() -> (status: Int32, error: String) {
            process.waitUntilExit()
            return (process.terminationStatus, (try? String(contentsOf: errorFile, encoding: .utf8)) ?? "")
        }
    }

    struct Setup {
        let folder: URL
        let export: URL
        let config: URL
        let ledger: URL
        let written: Set<String>

        init(invoices: Int) throws {
            folder = try TestPaths.temporaryFolder()
            export = folder.appendingPathComponent("export")
            let oracle = try ExportGenerator(invoiceCount: invoices, seed: 7).writeWithPayments(format: .json, to: export)
            written = Set(oracle.invoices.filter { $0.outcome == .written }.map(\.id))
            config = folder.appendingPathComponent("rac2qb.yml")
            try Data((ExportGenerator.configuration() + "\noutput:\n  formats: [iif, qbxml]\n").utf8).write(to: config)
            ledger = folder.appendingPathComponent("ledger.sqlite")
        }

        func start(_ name: String, wait: TimeInterval) throws -> Run {
            let out = folder.appendingPathComponent(name)
            return try Run(["convert", export.path, "--config", config.path, "--out", out.path, "--ledger", ledger.path, "--quiet"],
                           out: out, wait: wait, logs: folder)
        }

        /// Every written invoice in exactly one committed batch, and importable files only in the folders of committed batches.
        func expectEachInvoiceOnce(outs: [URL]) throws {
            let committed = try Ledger(url: ledger).batches()
            #expect(committed.count == 1, "one batch: the second run recorded none")
            var invoices: [String] = []
            for batch in committed {
                let iif = URL(fileURLWithPath: batch.output).appendingPathComponent("iif/quickbooks.iif")
                invoices += try IIFReader(url: iif).transactions().transactions
                    .filter { $0.header["TRNSTYPE"] == "INVOICE" }.compactMap { $0.header["DOCNUM"] }
            }
            #expect(invoices.count == Set(invoices).count, "no invoice in two batches")
            #expect(Set(invoices) == written, "none missing")
            let folders = Set(committed.map { URL(fileURLWithPath: $0.output).standardizedFileURL.path })
            for out in outs where !folders.contains(out.standardizedFileURL.path) {
                #expect(OutputFolder.quickBooksFiles(in: out).isEmpty, "\(out.lastPathComponent): no importable file outside a committed batch")
            }
        }
    }

    /// Waits until `path` exists (or `timeout` seconds pass); true when it does.
    static func waitFor(_ condition: () -> Bool, timeout: TimeInterval) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while !condition() {
            guard Date() < deadline else { return false }
            Thread.sleep(forTimeInterval: 0.01)
        }
        return true
    }

    /// `published`: B starts as A renders its report (A's batch about to be sealed and published); else at once, both on a new ledger.
    @Test(arguments: [false, true])
    func aSecondRunWaitsForTheFirstAndFindsNothingNew(published: Bool) throws {
        let setup = try Setup(invoices: Self.invoiceCount)
        let clock = ContinuousClock()
        let started = clock.now
        let first = try setup.start("a", wait: 600)
        if published {
            let staging = { (try? FileManager.default.contentsOfDirectory(atPath: first.out.path))?.first { $0.hasPrefix(Staging.prefix) } }
            let rendering = Self.waitFor({
                staging().map { FileManager.default.fileExists(atPath: first.out.appendingPathComponent("\($0)/report").path) } ?? false
            }, timeout: 600)
            #expect(rendering, "A reached its report")
        }
        let second = try setup.start("b", wait: 600)
        let (a, b) = (first.finish(), second.finish())
        print("two runs of \(Self.invoiceCount) invoices (B started \(published ? "as A published" : "with A")): \(clock.now - started)")
        // Either may have taken the ledger first: the one that did wrote everything, the other nothing new.
        let (winner, loser) = OutputFolder.quickBooksFiles(in: first.out).isEmpty ? (b, a) : (a, b)
        #expect(winner.status == 1, "the generated export holds failing records")
        #expect(loser.status == 1, "the same records fail again; nothing else: \(loser.error)")
        #expect(loser.error.contains("rac2qb: nothing new since batch 1: no QuickBooks file written and no batch recorded"), "\(loser.error)")
        #expect(!winner.error.contains("ledger:"), "no recovery of a live run's batch: \(winner.error)")
        try setup.expectEachInvoiceOnce(outs: [first.out, second.out])
    }

    @Test func aSecondRunThatCannotWaitStopsNamingTheRunThatHoldsTheLedger() throws {
        let setup = try Setup(invoices: Self.invoiceCount)
        let first = try setup.start("a", wait: 600)
        let lock = LedgerLock.url(of: setup.ledger)
        let holding = Self.waitFor({ ((try? String(contentsOf: lock, encoding: .utf8)) ?? "").contains("\t\(first.process.processIdentifier)\t") }, timeout: 60)
        #expect(holding, "A holds the ledger")
        let second = try setup.start("b", wait: 1)
        let b = second.finish()
        let a = first.finish()
        #expect(a.status == 1)
        #expect(b.status == 3, "the ledger is held")
        #expect(b.error.contains("rac2qb: ledger \(setup.ledger.path) is held by rac2qb convert, pid \(first.process.processIdentifier) on "), "\(b.error)")
        #expect(b.error.contains("waited 1 s. Wait for that run to finish, then run again"))
        #expect(!FileManager.default.fileExists(atPath: second.out.path), "nothing written, not even the folder")
        try setup.expectEachInvoiceOnce(outs: [first.out, second.out])
    }

    /// Two first runs on a new ledger used to race on its schema ("duplicate column name: action", 16 of 20 tries).
    @Test func twoFirstRunsOnANewLedgerNeverRaceOnItsSchema() throws {
        let folder = try TestPaths.temporaryFolder()
        for attempt in 1...20 {
            let ledger = folder.appendingPathComponent("ledger-\(attempt).sqlite")
            let runs = try ["a", "b"].map { name in
                let out = folder.appendingPathComponent("\(attempt)-\(name)")
                return try Run(["convert", TestPaths.samples.appendingPathComponent("export").path, "--config",
                                TestPaths.samples.appendingPathComponent("rac2qb.yml").path, "--out", out.path, "--ledger", ledger.path],
                               out: out, wait: 60, logs: folder)
            }
            let results = runs.map { $0.finish() }
            #expect(results.map(\.status) == [1, 1], "attempt \(attempt): \(results.map(\.error))")
            #expect(results.filter { $0.error.contains("nothing new since batch 1") }.count == 1, "attempt \(attempt): one wrote, one found nothing new")
            #expect(try Ledger(url: ledger).batches().count == 1)
        }
    }
}
