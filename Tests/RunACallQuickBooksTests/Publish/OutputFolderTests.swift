import Foundation
import Testing
@testable import RunACallQuickBooks
@testable import RunACallSupport
@testable import RunACallDecide

/// A run never removes or overwrites the QuickBooks files an earlier run
/// published in its `--out` (exit 2, naming the batch) unless `--replace`;
/// publishing is all or nothing; staging folders of dead runs are removed.
@Suite struct OutputFolderTests {
    static let export = "samples/export"
    static let config = "samples/rac2qb.yml"

    static func convert(_ out: URL, _ extra: [String]) throws -> (status: Int32, output: String, error: String) {
        try CommandLineTests.run(["convert", export, "--config", config, "--out", out.path] + extra)
    }

    /// Every file under a folder (relative path → bytes), staging folders aside.
    static func snapshot(_ folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = try #require(FileManager.default.enumerator(atPath: folder.path))
        while let path = enumerator.nextObject() as? String {
            let url = folder.appendingPathComponent(path)
            guard !path.contains(Staging.prefix), SystemCalls.kind(url.path) == .file else { continue }
            files[path] = try Data(contentsOf: url)
        }
        return files
    }

    /// An export of one invoice, for a second run whose files differ from the samples'.
    static func oneInvoice() throws -> URL {
        try Conversion.export(["invoices.json": "[\(InvoiceRulesTests.invoice(id: "9001", status: "sent", lines: "[{\"item\": \"Labor\", \"quantity\": \"1\", \"unit_price\": \"10.00\", \"amount\": \"10.00\"}]", total: "10.00"))]"])
    }

    @Test func aRunIntoAUsedOutLeavesTheEarlierFilesByteIdenticalUnlessReplace() throws {
        let folder = try TestPaths.temporaryFolder()
        let out = folder.appendingPathComponent("out")
        let ledger = folder.appendingPathComponent("ledger.sqlite").path
        #expect(try Self.convert(out, ["--ledger", ledger]).status == 1)
        let earlier = try Self.snapshot(out)
        #expect(earlier["iif/quickbooks.iif"].map { String(decoding: $0, as: UTF8.self).components(separatedBy: "\r\n").count } == 196)

        let again = try Self.convert(out, ["--ledger", ledger])
        #expect(again.status == 2)
        #expect(again.error.contains("--out \(out.path) already holds QuickBooks files of batch 1 (iif/quickbooks.iif, "), "\(again.error)")
        #expect(again.error.contains("Import them into QuickBooks if that is not done yet, then run again with another --out, or give --replace to replace them. Nothing was written."))
        #expect(try Self.snapshot(out) == earlier, "byte-identical, the report too")

        let check = try CommandLineTests.run(["check", Self.export, "--config", Self.config, "--out", out.path, "--ledger", ledger])
        #expect(check.status == 2, "check's report would replace the one of those files")
        #expect(check.error.contains("then run again with another --out. Nothing was written."), "\(check.error)")
        #expect(try Self.snapshot(out) == earlier)

        let unknown = try Self.convert(out, ["--no-ledger"])
        #expect(unknown.status == 2)
        #expect(unknown.error.contains("already holds QuickBooks files an earlier run wrote (iif/quickbooks.iif, "), "no ledger: the files are named")
        #expect(try Self.snapshot(out) == earlier)

        let replaced = try CommandLineTests.run(["convert", try Self.oneInvoice().path, "--out", out.path, "--no-ledger", "--defaults", "--replace"])
        #expect(replaced.status == 0, "\(replaced.error)")
        let now = try Self.snapshot(out)
        let iif = String(decoding: try #require(now["iif/quickbooks.iif"]), as: UTF8.self)
        #expect(iif.contains("\t9001\t") && !iif.contains("\t1042\t"), "replaced by the new run's file")
        #expect(now["qbo-csv/invoices.csv"] != earlier["qbo-csv/invoices.csv"])
        #expect(now["report/sync-report.csv"] != earlier["report/sync-report.csv"])
    }

    @Test func aRunWithNothingNewWritesNoQuickBooksFileAndRecordsNoBatch() throws {
        let folder = try TestPaths.temporaryFolder()
        let ledger = folder.appendingPathComponent("ledger.sqlite")
        let configuration = try ConfigurationLoader.load(contentsOf: Conversion.sampleConfig)
        func run(_ name: String) throws -> ConversionResult {
            try Converter.run(ConversionOptions(exportPaths: [TestPaths.samples.appendingPathComponent("export")], configuration: configuration,
                                                outputDirectory: folder.appendingPathComponent(name), ledger: ledger))
        }
        let first = try run("1")
        #expect(first.batch == 1 && !first.nothingNew)
        let second = try run("2")
        #expect(second.nothingNew && second.batch == nil && second.latestBatch == 1)
        #expect(second.files.allSatisfy { $0.hasPrefix("report/") } && second.files.contains("report/sync-report.csv"), "the report only")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("2").path) == ["report"])
        #expect(try Ledger(url: ledger).batches().map(\.id) == [1])
    }

    /// Each obstacle makes the last step (the report) fail: exit 3, no QuickBooks file moved into place, no batch.
    @Test(arguments: ["file", "dangling symlink", "index.html folder"])
    func anUnwritableReportPublishesNothing(obstacle: String) throws {
        let folder = try TestPaths.temporaryFolder()
        let out = folder.appendingPathComponent("out")
        let ledger = folder.appendingPathComponent("ledger.sqlite")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let report = out.appendingPathComponent("report")
        switch obstacle {
        case "file": try Data("not a folder".utf8).write(to: report)
        case "dangling symlink": try FileManager.default.createSymbolicLink(atPath: report.path, withDestinationPath: folder.appendingPathComponent("gone").path)
        default: try FileManager.default.createDirectory(at: report.appendingPathComponent("index.html"), withIntermediateDirectories: true)
        }
        let before = try Self.snapshot(out)
        let result = try Self.convert(out, ["--ledger", ledger.path])
        #expect(result.status == 3)
        let expected = switch obstacle {
        case "file": "\(report.path): cannot be written: exists and is a file, not a folder; nothing was published"
        case "dangling symlink": "\(report.path): is a symbolic link to \(folder.appendingPathComponent("gone").path), outside the output folder \(out.path); it is not followed: remove it, or choose another --out; nothing was published"
        default: "\(report.path)/index.html: cannot be written: is a folder, not a file; nothing was published"
        }
        #expect(result.error.contains(expected), "\(result.error)")
        #expect(OutputFolder.quickBooksFiles(in: out).isEmpty, "no iif/qbo-csv/qbxml file moved into place")
        #expect(try Self.snapshot(out) == before)
        #expect(try Ledger(url: ledger).batches().isEmpty, "no committed batch")
        #expect(try Ledger(url: ledger, lockingFor: "test").recover { _, _ in false }.isEmpty, "and no pending one")
        #expect(!(try FileManager.default.contentsOfDirectory(atPath: out.path)).contains { $0.hasPrefix(Staging.prefix) })
    }

    @Test func aFailedReplacePutsTheEarlierFilesBack() throws {
        let out = try TestPaths.temporaryFolder().appendingPathComponent("out")
        #expect(try Self.convert(out, ["--no-ledger"]).status == 1)
        let index = out.appendingPathComponent("report/index.html")
        try FileManager.default.removeItem(at: index)
        try FileManager.default.createDirectory(at: index, withIntermediateDirectories: false)
        let earlier = try Self.snapshot(out)
        let result = try CommandLineTests.run(["convert", try Self.oneInvoice().path, "--out", out.path, "--no-ledger", "--defaults", "--replace"])
        #expect(result.status == 3)
        #expect(result.error.contains("\(index.path): cannot be written: is a folder, not a file; nothing was published"))
        #expect(try Self.snapshot(out) == earlier, "the replaced files are back, byte for byte; the stale parts too")
    }

    @Test func aSymlinkedSubfolderLeadingOutOfOutIsNotFollowed() throws {
        let folder = try TestPaths.temporaryFolder()
        let out = folder.appendingPathComponent("out")
        let elsewhere = folder.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: out.appendingPathComponent("qbxml").path, withDestinationPath: elsewhere.path)
        let result = try Self.convert(out, ["--no-ledger"])
        #expect(result.status == 3)
        #expect(result.error.contains("\(out.path)/qbxml: is a symbolic link to \(elsewhere.path), outside the output folder \(out.path); it is not followed"), "\(result.error)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere.path).isEmpty, "nothing written outside --out")
        #expect(OutputFolder.quickBooksFiles(in: out).isEmpty)
    }

    @Test func stagingFoldersOfDeadRunsAreRemovedAndALiveRunsKept() throws {
        let out = try TestPaths.temporaryFolder()
        let ended = Process()
        ended.executableURL = URL(fileURLWithPath: "/bin/sh")
        ended.arguments = ["-c", "exit 0"]
        try ended.run()
        ended.waitUntilExit()
        let dead = "\(Staging.prefix)\(ended.processIdentifier)-\(UUID().uuidString)"
        let live = "\(Staging.prefix)\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)"
        for name in [dead, live] {
            try FileManager.default.createDirectory(at: out.appendingPathComponent("\(name)/iif"), withIntermediateDirectories: true)
            try Data("half".utf8).write(to: out.appendingPathComponent("\(name)/iif/quickbooks.iif"))
        }
        _ = try Conversion.run(TestPaths.samples.appendingPathComponent("export"), configURL: Conversion.sampleConfig, out: out)
        let left = try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0.hasPrefix(Staging.prefix) }
        #expect(left == [live], "the dead run's staging is removed, the live one's kept")
    }

    @Test func anEmptyOutIsAUsageError() throws {
        for command in ["convert", "check"] {
            let result = try CommandLineTests.run([command, Self.export, "--config", Self.config, "--out", "", "--no-ledger"])
            #expect(result.status == 2, "\(command)")
            #expect(result.error.contains("--out: the output folder's name is empty"))
        }
        #expect(!FileManager.default.fileExists(atPath: TestPaths.packageRoot.appendingPathComponent("iif").path), "nothing in the current folder")
    }
}
