import Foundation
import Testing
import ZIPFoundation
@testable import RunACallQuickBooks
@testable import RunACallSupport

/// Every input named is read, or the run stops (exit 2) naming what it would not read: a month folder
/// inside an export folder, a zip inside the export zip, one file given as two entities through a link.
@Suite struct NothingReadIsDroppedTests {
    static func usageError(_ body: () throws -> Void) -> String? {
        do { try body() } catch let error as FatalError where error.kind == .usage { return error.description } catch {
            return "unexpected: \(error)"
        }
        return nil
    }

    @Test func monthFolderInsideAnExportFolderStopsTheRun() throws {
        let folder = try Conversion.export(["invoices.json": InputFixture.invoicesJSON(["1001"])])
        let october = folder.appendingPathComponent("oct")
        try FileManager.default.createDirectory(at: october, withIntermediateDirectories: true)
        try Data(InputFixture.invoicesJSON(["1002"]).utf8).write(to: october.appendingPathComponent("invoices.json"))
        let message = Self.usageError { _ = try Conversion.run(folder, out: nil, writeFiles: false) }
        #expect(message?.contains("oct/ (invoices.json)") == true, "\(message ?? "no error")")
        #expect(message?.contains(october.path) == true, "the command that reads it names the month folder")
    }

    @Test func folderHoldingOnlyMonthFoldersNamesThem() throws {
        let folder = try TestPaths.temporaryFolder("months")
        for month in ["sep", "oct"] {
            let sub = folder.appendingPathComponent("2026/\(month)")
            try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
            try Data(InputFixture.invoicesJSON(["\(month)-1"]).utf8).write(to: sub.appendingPathComponent("invoices.json"))
        }
        let message = Self.usageError { _ = try Conversion.run(folder, out: nil, writeFiles: false) }
        #expect(message?.contains("2026/oct/") == true && message?.contains("2026/sep/") == true, "\(message ?? "no error")")
    }

    @Test func theRunsOwnOutputInsideTheExportFolderIsNotAnExport() throws {
        let folder = try Conversion.export(["invoices.json": InputFixture.invoicesJSON(["1001"])])
        let out = folder.appendingPathComponent("out")
        _ = try Conversion.run(folder, out: out)
        let again = try Conversion.run(folder, out: folder.appendingPathComponent("out2"))
        #expect(again.exitStatus == 0, "out/ holds qbo-csv/invoices.csv and customers.csv, but it is rac2qb's output, not an export")
    }

    @Test func zipInsideTheExportZipStopsTheRun() throws {
        let work = try TestPaths.temporaryFolder()
        let inner = work.appendingPathComponent("nov.zip")
        let innerArchive = try Archive(url: inner, accessMode: .create)
        let invoices = work.appendingPathComponent("invoices.json")
        try Data(InputFixture.invoicesJSON(["1001"]).utf8).write(to: invoices)
        try innerArchive.addEntry(with: "invoices.json", fileURL: invoices)
        let outer = work.appendingPathComponent("export.zip")
        let archive = try Archive(url: outer, accessMode: .create)
        try archive.addEntry(with: "oct/invoices.json", fileURL: invoices)
        try archive.addEntry(with: "nov/nov.zip", fileURL: inner)
        let message = Self.usageError { _ = try Conversion.run(outer, out: nil, writeFiles: false) }
        #expect(message?.contains("export.zip") == true && message?.contains("nov/nov.zip") == true, "\(message ?? "no error")")
    }

    @Test func customersFileLinkedToThePaymentsFileIsNamed() throws {
        let folder = try Conversion.export(["invoices.json": InputFixture.invoicesJSON(["1001"]), "payments.json": "[]"])
        try FileManager.default.createSymbolicLink(at: folder.appendingPathComponent("customers.json"),
                                                   withDestinationURL: folder.appendingPathComponent("payments.json"))
        let message = Self.usageError { _ = try Conversion.run(folder, out: nil, writeFiles: false) }
        #expect(message?.contains("customers.json is the same file as") == true && message?.contains("payments.json") == true,
                "\(message ?? "no error")")
    }

    @Test func oneFileNamedTwiceIsReadOnce() throws {
        let folder = try Conversion.export(["invoices.json": InputFixture.invoicesJSON(["1001"])])
        let result = try Conversion.run([folder, folder.appendingPathComponent("invoices.json")], out: nil, writeFiles: false)
        #expect(result.exitStatus == 0)
    }
}
