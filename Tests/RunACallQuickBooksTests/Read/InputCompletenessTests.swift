import Foundation
import Testing
import ZIPFoundation
@testable import RunACallQuickBooks
@testable import RunACallSupport

/// Every input named is read in full, in the order given, or refused: never dropped.
@Suite struct InputCompletenessTests {
    private func json(_ ids: [String]) -> [UInt8] { Array(InputFixture.invoicesJSON(ids).utf8) }

    /// The fatal error a run stops with.
    private func fatal(_ body: () throws -> Void) -> FatalError? {
        do { try body() } catch let error as FatalError { return error } catch { Issue.record("not a FatalError: \(error)") }
        return nil
    }

    @Test func twoInvoicesFilesOnTheCommandLineAreBothRead() throws {
        let folder = try InputFixture.folder(["invoices-jan.json": json(["1", "2"]), "invoices-feb.json": json(["3"])])
        let out = try TestPaths.temporaryFolder()
        let result = try Conversion.run([folder.appendingPathComponent("invoices-jan.json"), folder.appendingPathComponent("invoices-feb.json")],
                                        out: out)
        #expect(result.summary.counts["invoice"]?["Success"] == 3, "the first file is not replaced by the second")
        #expect(try ReportFile(out).invoices.map { $0["source"] ?? "" } == ["invoices-jan.json#0", "invoices-jan.json#1", "invoices-feb.json#0"])
    }

    @Test func anIDInTwoInvoicesFilesIsADuplicate() throws {
        let folder = try InputFixture.folder(["invoices-jan.json": json(["1", "2"]), "invoices-feb.json": json(["2"])])
        let out = try TestPaths.temporaryFolder()
        let result = try Conversion.run([folder.appendingPathComponent("invoices-jan.json"), folder.appendingPathComponent("invoices-feb.json")],
                                        out: out)
        #expect(result.summary.counts["invoice"] == ["Success": 1, "Failed": 2])
        let failed = try ReportFile(out).invoices.filter { $0["status"] == "Failed" }
        #expect(failed.map { $0["source_id"] ?? "" } == ["2", "2"])
        #expect(failed.allSatisfy { $0["message"]?.contains("Duplicate invoice ID: \"2\" appears more than once in invoices-jan.json, invoices-feb.json") == true })
    }

    @Test func twoExportFoldersAreBothReadInOrder() throws {
        let csv = InputFixture.csvHeader + InputFixture.csvRow("3") + InputFixture.csvRow("3", item: "Parts")
        let first = try InputFixture.folder(["invoices.json": json(["1", "2"]), "payments.json": Array("[]".utf8)])
        let second = try InputFixture.folder(["invoices.json": json(["4"]), "invoices.csv": Array(csv.utf8)])
        let out = try TestPaths.temporaryFolder()
        let result = try Conversion.run([first, second], out: out)
        #expect(result.summary.counts["invoice"]?["Success"] == 3, "the second folder is read")
        let sources = try ReportFile(out).invoices.map { $0["source"] ?? "" }
        #expect(sources == ["\(first.lastPathComponent)/invoices.json#0", "\(first.lastPathComponent)/invoices.json#1",
                            "\(second.lastPathComponent)/invoices.json#0"], "two files of one name are told apart by their folder")
    }

    @Test func aSecondFileOfOneEntityInAFolderIsNamedAsNotRead() throws {
        let csv = InputFixture.csvHeader + InputFixture.csvRow("3")
        let folder = try InputFixture.folder(["invoices.json": json(["1"]), "invoices.csv": Array(csv.utf8)])
        let result = try Conversion.run(folder, out: nil, writeFiles: false)
        #expect(result.summary.counts["invoice"]?["Success"] == 1, "the first of .json, .jsonl, .csv wins (export-format.md)")
        #expect(result.summary.notes == ["\(folder.path)/invoices.csv was not read: invoices.json in the same folder is the invoices file (the first of .json, .jsonl, .csv wins); remove one, or name the other on the command line to read both"],
                "the file passed over is told, never dropped without a word")
    }

    @Test func foldersOfOneNameAreToldApartByTheirFullPath() throws {
        let root = try TestPaths.temporaryFolder()
        var folders: [URL] = []
        for (year, id) in [("2025", "1"), ("2026", "2")] {
            let folder = root.appendingPathComponent(year).appendingPathComponent("export")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(json([id])).write(to: folder.appendingPathComponent("invoices.json"))
            folders.append(folder)
        }
        let out = try TestPaths.temporaryFolder()
        _ = try Conversion.run(folders, out: out)
        #expect(try ReportFile(out).invoices.map { $0["source"] ?? "" } == folders.map { "\($0.path)/invoices.json#0" })
    }

    @Test func aFolderWithNoExportFileIsRefused() throws {
        let export = try InputFixture.folder(["invoices.json": json(["1"])])
        let empty = try TestPaths.temporaryFolder()
        let error = fatal { _ = try Conversion.run([export, empty], out: nil, writeFiles: false) }
        #expect(error?.kind == .unreadableInput, "exit 3: it cannot be read as an export")
        #expect(error?.description.contains("\(empty.path): no export file in this folder") == true)
    }

    @Test func aZipWithTwoFoldersHasBothRead() throws {
        let source = try InputFixture.folder(["jan.json": json(["1", "2"]), "feb.json": json(["3"])])
        let zip = try TestPaths.temporaryFolder().appendingPathComponent("export.zip")
        let archive = try Archive(url: zip, accessMode: .create)
        try archive.addEntry(with: "jan/invoices.json", fileURL: source.appendingPathComponent("jan.json"))
        try archive.addEntry(with: "feb/invoices.json", fileURL: source.appendingPathComponent("feb.json"))
        let out = try TestPaths.temporaryFolder()
        let result = try Conversion.run([zip], out: out)
        #expect(result.summary.counts["invoice"]?["Success"] == 3)
        #expect(try ReportFile(out).invoices.map { $0["source"] ?? "" } == ["feb/invoices.json#0", "jan/invoices.json#0", "jan/invoices.json#1"],
                "each folder of the zip, in name order")
    }

    @Test func aSecondArrayInOneJSONFileStopsTheRun() throws {
        let text = InputFixture.invoicesJSON(["1"]) + "\n" + InputFixture.invoicesJSON(["2"])
        let folder = try InputFixture.folder(["invoices.json": Array(text.utf8)])
        let error = fatal { _ = try Conversion.run(folder, out: nil, writeFiles: false) }
        #expect(error?.kind == .usage, "refused (exit 2), naming what would not be read")
        #expect(error?.description.hasPrefix("invoices.json: line 2: more content after the end of the JSON document (a second array or other text), which would not be read") == true, "\(String(describing: error))")
    }

    @Test func trailingTextAfterTheArrayStopsTheRun() throws {
        let folder = try InputFixture.folder(["invoices.json": Array((InputFixture.invoicesJSON(["1"]) + " ,\n").utf8)])
        let error = fatal { _ = try Conversion.run(folder, out: nil, writeFiles: false) }
        #expect(error?.description.contains("invoices.json: line 1: more content after the end") == true, "\(String(describing: error))")
    }

    @Test func aSecondEntityMemberInTheObjectStopsTheRun() throws {
        let text = #"{"invoices": \#(InputFixture.invoicesJSON(["1"])), "export": {"a": 1},"# + "\n" + #""invoices": \#(InputFixture.invoicesJSON(["2"]))}"#
        let folder = try InputFixture.folder(["invoices.json": Array(text.utf8)])
        let error = fatal { _ = try Conversion.run(folder, out: nil, writeFiles: false) }
        #expect(error?.description.contains("invoices.json: line 2: a second \"invoices\" member") == true, "\(String(describing: error))")
    }

    @Test func theSameFileNamedTwiceIsReadOnce() throws {
        let folder = try InputFixture.folder(["invoices.json": json(["1"])])
        let result = try Conversion.run([folder, folder.appendingPathComponent("invoices.json")], out: nil, writeFiles: false)
        #expect(result.summary.counts["invoice"] == ["Success": 1])
    }
}
