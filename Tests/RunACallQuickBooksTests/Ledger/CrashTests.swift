import ExportGenerator
import Foundation
import Testing
@testable import RunACallQuickBooks
@testable import RunACallRead

/// The real binary killed (SIGKILL) at many points of a large run, then run
/// again: across the committed batches every invoice and payment is written
/// exactly once, and no importable file is partial or orphaned.
@Suite struct CrashTests {
    static func start(_ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = try #require(CommandLineTests.binary, "the rac2qb binary is built with the tests")
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    @Test func killedRunsLeaveNoDuplicateNoGapAndNoPartialFile() throws {
        let folder = try TestPaths.temporaryFolder()
        let export = folder.appendingPathComponent("export")
        let oracle = try ExportGenerator(invoiceCount: 4_000, seed: 5).writeWithPayments(format: .json, to: export)
        let config = folder.appendingPathComponent("rac2qb.yml")
        try Data((ExportGenerator.configuration() + "\noutput:\n  formats: [iif]\n").utf8).write(to: config)
        let ledger = folder.appendingPathComponent("ledger.sqlite")
        func arguments(_ attempt: Int) -> [String] {
            ["convert", export.path, "--config", config.path, "--out", folder.appendingPathComponent("out-\(attempt)").path,
             "--ledger", ledger.path, "--quiet"]
        }

        let clock = ContinuousClock()
        let probe = try Self.start(arguments(0))
        let started = clock.now
        probe.waitUntilExit()
        let duration = clock.now - started
        try FileManager.default.removeItem(at: ledger)
        try FileManager.default.removeItem(at: folder.appendingPathComponent("out-0"))

        let fractions = [0.02, 0.1, 0.25, 0.4, 0.55, 0.7, 0.8, 0.88, 0.94, 0.98, 1.02]
        for (attempt, fraction) in fractions.enumerated() {
            let process = try Self.start(arguments(attempt + 1))
            Thread.sleep(forTimeInterval: (duration * fraction).timeInterval)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        let final = try Self.start(arguments(99))
        final.waitUntilExit()
        #expect(final.terminationStatus == 1, "the generated export holds failing records")

        let committed = try Ledger(url: ledger).batches()
        var invoices: [String] = []
        var payments = 0
        for batch in committed {
            let transactions = try IIFReader(url: URL(fileURLWithPath: batch.output).appendingPathComponent("iif/quickbooks.iif")).transactions().transactions
            #expect(transactions.allSatisfy { $0.header["TRNSTYPE"] != nil })
            invoices += transactions.filter { $0.header["TRNSTYPE"] == "INVOICE" }.compactMap { $0.header["DOCNUM"] }
            payments += transactions.filter { $0.header["TRNSTYPE"] == "PAYMENT" }.count
        }
        #expect(invoices.count == Set(invoices).count, "no invoice in two batches")
        #expect(Set(invoices) == Set(oracle.invoices.filter { $0.outcome == .written }.map(\.id)), "none missing")
        #expect(payments == oracle.payments.filter { $0.outcome == .written && !$0.isRefund }.count)

        let committedFolders = Set(committed.map { URL(fileURLWithPath: $0.output).standardizedFileURL.path })
        for attempt in Array(1...fractions.count) + [99] {
            let out = folder.appendingPathComponent("out-\(attempt)").standardizedFileURL
            let iif = out.appendingPathComponent("iif/quickbooks.iif")
            if !committedFolders.contains(out.path) {
                #expect(!FileManager.default.fileExists(atPath: iif.path), "attempt \(attempt): no importable file of an unfinished batch")
            }
        }

        let again = try CommandLineTests.run(arguments(100))
        #expect(again.error.contains("rac2qb: nothing new since batch "), "a run after all of it has nothing new")
        #expect(OutputFolder.quickBooksFiles(in: folder.appendingPathComponent("out-100")).isEmpty, "and writes no QuickBooks file")
    }
}

private extension Duration {
    var timeInterval: TimeInterval {
        let (seconds, attoseconds) = components
        return TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
    }
}
