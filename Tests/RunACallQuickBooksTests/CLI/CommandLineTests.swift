import Foundation
import Testing
@testable import RunACallQuickBooks
@testable import RunACallSupport
@testable import RunACallDecide

/// Runs the built `rac2qb` binary: output and exit status as outputs.md specifies.
@Suite struct CommandLineTests {
    /// The binary SwiftPM built next to the test bundle.
    static var binary: URL? {
        let candidates = [Bundle.main.bundleURL, URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()]
            .flatMap { [$0, $0.deletingLastPathComponent()] }
            .map { $0.appendingPathComponent("rac2qb") }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    static func run(_ arguments: [String], in folder: URL = TestPaths.packageRoot,
                    environment: [String: String] = [:]) throws -> (status: Int32, output: String, error: String) {
        try execute(try #require(Self.binary, "the rac2qb binary is built with the tests"), arguments, in: folder, environment: environment)
    }

    /// Runs `executable` in `folder` with `environment` added to this one's; its exit status and both streams.
    static func execute(_ executable: URL, _ arguments: [String], in folder: URL = TestPaths.packageRoot,
                        environment: [String: String] = [:]) throws -> (status: Int32, output: String, error: String) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = folder
        if !environment.isEmpty { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
    }

    @Test func convertOnTheSamplesExitsOneForItsClosedPeriodInvoice() throws {
        let out = try TestPaths.temporaryFolder()
        let result = try Self.run(["convert", "samples/export", "--config", "samples/rac2qb.yml", "--out", out.path, "--no-ledger"])
        #expect(result.status == 1)
        #expect(result.output.contains("invoices: 21 success, 1 failed, 2 skipped"))
        #expect(result.output.contains("Closed period (1)"))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("iif/quickbooks.iif").path))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0.hasPrefix(".rac2qb-staging") }
        #expect(leftovers.isEmpty, "no temporary folder is left behind")
    }

    @Test func formatsOptionWritesOnlyThoseFormats() throws {
        let out = try TestPaths.temporaryFolder()
        let result = try Self.run(["convert", "samples/export", "--config", "samples/rac2qb.yml", "--out", out.path, "--formats", "qbxml", "--json", "--no-ledger"])
        #expect(result.status == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).sorted() == ["qbxml", "report"])
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        #expect((summary["written_totals"] as? [String: Any])?.keys.sorted() == ["qbxml"])
    }

    @Test func checkWritesNoQuickBooksFiles() throws {
        let out = try TestPaths.temporaryFolder()
        let result = try Self.run(["check", "samples/export-csv", "--config", "samples/rac2qb.yml", "--out", out.path, "--no-ledger"])
        #expect(result.status == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path) == ["report"])
    }

    @Test func configErrorExitsTwoAndWritesNothing() throws {
        let folder = try TestPaths.temporaryFolder()
        let config = folder.appendingPathComponent("bad.yml")
        try Data("invoices:\n  when: sometimes\n".utf8).write(to: config)
        let out = folder.appendingPathComponent("out")
        let result = try Self.run(["convert", "samples/export", "--config", config.path, "--out", out.path])
        #expect(result.status == 2)
        #expect(result.error.contains("bad.yml:2:9: invoices.when"))
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    @Test func unknownOptionExitsTwo() throws {
        #expect(try Self.run(["convert", "--bogus"]).status == 2)
    }

    @Test func unreadableInputExitsThree() throws {
        let folder = try TestPaths.temporaryFolder()
        #expect(try Self.run(["convert", folder.path, "--out", folder.appendingPathComponent("out").path, "--no-ledger", "--defaults"]).status == 3)
        try Data("[{\"id\": ".utf8).write(to: folder.appendingPathComponent("invoices.json"))
        let broken = try Self.run(["convert", folder.path, "--out", folder.appendingPathComponent("out").path, "--no-ledger", "--defaults"])
        #expect(broken.status == 3)
        #expect(broken.error.contains("invoices.json: not valid JSON"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out").path), "nothing is written, not even the folder")
    }

    @Test func validateAndInit() throws {
        let folder = try TestPaths.temporaryFolder()
        let config = folder.appendingPathComponent("rac2qb.yml")
        #expect(try Self.run(["init", config.path]).status == 0)
        #expect(try Self.run(["init", config.path]).status == 2, "an existing file is not replaced without --force")
        _ = try ConfigurationLoader.load(contentsOf: config)
        let checked = try Self.run(["validate", "samples/expected/iif/quickbooks.iif", "samples/expected/qbo-csv/invoices.csv"])
        #expect(checked.status == 0)
        #expect(checked.output.contains("quickbooks.iif: valid"))
    }

    @Test func checkWithTheBooksReportsEachSeedErrorAndExitsOne() throws {
        let result = try Self.run(["check", "samples/export", "--config", "samples/rac2qb-books.yml", "--no-ledger"])
        #expect(result.status == 1)
        for group in ["Account inactive (2)", "Closed period (1)", "Item not found (1)", "Tax code not mapped (1)",
                      "Terms not found (1)", "Invoice not written (3)"] {
            #expect(result.output.contains(group), "\(group)")
        }
    }

    @Test func previewPrintsOneInvoiceAndExitsByItsStatus() throws {
        let written = try Self.run(["preview", "samples/export", "--config", "samples/rac2qb-books.yml", "--no-ledger", "--invoice", "1043"])
        #expect(written.status == 0)
        #expect(written.output.contains("QuickBooks customer \"Jane Smith (2)\""))
        #expect(written.output.contains("--- qbxml/requests.xml ---"))
        let failed = try Self.run(["preview", "samples/export", "--config", "samples/rac2qb-books.yml", "--no-ledger", "--invoice", "1065"])
        #expect(failed.status == 1)
        #expect(failed.output.contains("Terms not found"))
        let unknown = try Self.run(["preview", "samples/export", "--config", "samples/rac2qb-books.yml", "--no-ledger", "--invoice", "9999"])
        #expect(unknown.status == 2)
        #expect(unknown.error.contains("no invoice with ID \"9999\""))
    }

    @Test func aSecondConvertOfTheSameExportWritesNothingAndRecordsNoBatch() throws {
        let folder = try TestPaths.temporaryFolder()
        let ledger = folder.appendingPathComponent("ledger.sqlite").path
        func convert(_ out: String) throws -> (status: Int32, output: String, error: String) {
            try Self.run(["convert", "samples/export", "--config", "samples/rac2qb.yml", "--out", folder.appendingPathComponent(out).path, "--ledger", ledger])
        }
        let first = try convert("1")
        #expect(first.status == 1)
        let second = try convert("2")
        #expect(second.status == 1, "the closed-period invoice still fails")
        #expect(second.output.contains("invoices: 0 success, 1 failed, 23 skipped"))
        #expect(second.error.contains("rac2qb: nothing new since batch 1: no QuickBooks file written and no batch recorded"))
        #expect(OutputFolder.quickBooksFiles(in: folder.appendingPathComponent("2")).isEmpty, "no QuickBooks file a second time")
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("2/report/sync-report.csv").path), "the report is written")
        let history = try Self.run(["history", "--ledger", ledger])
        #expect(history.status == 0)
        #expect(history.output.split(separator: "\n").filter { $0.hasPrefix("batch ") }.count == 1, "no batch for the second run")
        #expect(history.output.hasPrefix("batch 1  "))
        #expect(history.output.contains("\n  invoice add: 21, total 12302.80\n"), "per batch: counts and totals")
        #expect(history.output.contains("\n  qbXML requests 55: QuickBooks answered 0 (0 refused), 0 in doubt (handed out, no answer yet), 55 waiting\n"),
                "per batch: where its qbXML requests are")

        let responses = try ResponseIngestTests.responses("""
        <InvoiceAddRs requestID="req-inv-1042" statusCode="3140" statusSeverity="Error" statusMessage="There is an invalid reference to QuickBooks Customer." />
        """)
        let ingest = try Self.run(["ingest", responses.path, "--ledger", ledger])
        #expect(ingest.status == 1, "QuickBooks refused a request")
        #expect(ingest.output.contains("refused: invoice 1042 (batch 1) [responses.xml:4]: Not added in QuickBooks: QuickBooks status 3140"))
        let third = try convert("3")
        #expect(third.output.contains("invoices: 1 success, 1 failed, 22 skipped"), "the refused invoice is written again")
        let undoFirst = try Self.run(["undo", "1", "--ledger", ledger])
        #expect(undoFirst.status == 2, "only the latest batch can be undone")
        let unconfirmed = try Self.run(["undo", "--ledger", ledger, "--out", folder.appendingPathComponent("undo").path])
        #expect(unconfirmed.status == 2 && unconfirmed.error.contains("give --yes to confirm"), "without a terminal, forgetting needs --yes")
        let undo = try Self.run(["undo", "--yes", "--ledger", ledger, "--out", folder.appendingPathComponent("undo").path])
        #expect(undo.status == 0)
        #expect(undo.output.hasPrefix("batch 2: 1 records"))
        let fourth = try convert("4")
        #expect(fourth.output.contains("invoices: 1 success, 1 failed, 22 skipped"), "the undone batch's invoice is written again")
        let batches = try Self.run(["history", "--ledger", ledger]).output.split(separator: "\n").filter { $0.hasPrefix("batch ") }
        #expect(batches.map { $0.prefix(8) } == ["batch 1 ", "batch 3 "], "batch 2 was undone; its number is not given again")
    }
}
