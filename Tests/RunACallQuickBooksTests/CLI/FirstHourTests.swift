import Foundation
import Testing
@testable import RunACallQuickBooks
@testable import RunACallSupport
@testable import RunACallDecide

/// The first hour of a new user, against the built binary: a new folder, `init --from` the export,
/// convert, convert again; and README's sample command, which leaves nothing in the repository.
@Suite struct FirstHourTests {
    static let export = TestPaths.samples.appendingPathComponent("export").path

    @Test func initFromTheExportThenConvertTwiceInANewFolder() throws {
        let folder = try TestPaths.temporaryFolder()
        let initialized = try CommandLineTests.run(["init", "--from", Self.export], in: folder)
        #expect(initialized.status == 0, "\(initialized.error)")
        #expect(initialized.output.contains("wrote rac2qb.yml from \(Self.export): 24 invoice(s) dated 2026-09-15 to 2026-11-02"))
        #expect(initialized.output.contains("tax.rates: 3 rate(s) to map"))
        #expect(initialized.output.contains("    Denver 8.81%: 7 invoice(s), tax 402.28\n    Aurora 8.5%: 4 invoice(s), tax 386.97\n    Boulder 8.845%: 1 invoice(s), tax 3.76\n"))
        #expect(initialized.output.contains("    Parts: 3 item(s), 11 invoice line(s)\n"))
        let config = folder.appendingPathComponent("rac2qb.yml")
        let written = try Data(contentsOf: config)
        let text = String(decoding: written, as: UTF8.self)
        #expect(text.contains("    Denver 8.81%:            # 7 invoices, tax 402.28\n"))
        #expect(text.contains("    card: Credit Card        # 5 payments in the export\n"))
        let loaded = try ConfigurationLoader.load(contentsOf: config)
        #expect(loaded.tax.rates.isEmpty && loaded.tax.defaultForUnmapped == "To classify" && loaded.tax.agency == nil)

        let first = try CommandLineTests.run(["convert", Self.export, "--out", "first"], in: folder)
        #expect(first.status == 0, "the file init wrote is taken as it is: \(first.error)")
        #expect(first.output.contains("note: tax rates not mapped: \"Denver 8.81%\" (7 invoices), \"Aurora 8.5%\" (4 invoices), "
            + "\"Boulder 8.845%\" (1 invoice) posted to the safety net \"To classify\" (tax.default_for_unmapped); "
            + "map each to its QuickBooks sales tax item or tax code under tax.rates in rac2qb.yml\n"), "said once, with counts and where")
        let report = try String(decoding: Data(contentsOf: folder.appendingPathComponent("first/report/sync-report.json")), as: UTF8.self)
        #expect(report.contains("tax rates not mapped: \\\"Denver 8.81%\\\" (7 invoices)"), "the report says it too")
        #expect(!text.contains("Denver 8.81%: Denver") && !first.output.contains("Department of Revenue"), "no made-up rate or agency")
        let ledger = folder.appendingPathComponent("rac2qb-ledger.sqlite")
        #expect(try Ledger(url: ledger).batches().map(\.id) == [1])

        let second = try CommandLineTests.run(["convert", Self.export, "--out", "second"], in: folder)
        #expect(second.status == 0)
        #expect(OutputFolder.quickBooksFiles(in: folder.appendingPathComponent("second")).isEmpty, "nothing new: no QuickBooks file")
        #expect(try Ledger(url: ledger).batches().map(\.id) == [1], "and no batch recorded")
        #expect(second.error.contains("nothing new since batch 1"), "said: \(second.error)")
        #expect(second.error.contains("To write everything again, run with --no-ledger or another --ledger"), "and how to start over")

        let again = try CommandLineTests.run(["init", "--from", Self.export], in: folder)
        #expect(again.status == 2 && again.error.contains("rac2qb.yml exists and was left as it is"))
        #expect(try Data(contentsOf: config) == written, "never replaced")

        let mapped = text.replacingOccurrences(of: "    Denver 8.81%:  ", with: "    Denver 8.81%: Denver")
        try Data(mapped.utf8).write(to: config)
        let third = try CommandLineTests.run(["convert", Self.export, "--out", "third", "--no-ledger"], in: folder)
        #expect(third.output.contains("note: tax rates not mapped: \"Aurora 8.5%\" (4 invoices), \"Boulder 8.845%\" (1 invoice) posted"),
                "mapping a rate is filling in its value: \(third.output)")
    }

    @Test func aRateNeitherMappedNorCoveredIsSaidOnceWithWhereToMapIt() throws {
        let folder = try TestPaths.temporaryFolder()
        try Data("version: 1\ntax:\n  rates:\n    Denver 8.81%: Denver\n".utf8).write(to: folder.appendingPathComponent("rac2qb.yml"))
        let result = try CommandLineTests.run(["convert", Self.export, "--out", "out", "--no-ledger"], in: folder)
        #expect(result.status == 1)
        let notes = result.output.split(separator: "\n").filter { $0.hasPrefix("note: tax rates not mapped") }
        #expect(notes == ["note: tax rates not mapped: \"Aurora 8.5%\" (4 invoices), \"Boulder 8.845%\" (1 invoice) failed (\"Tax code not mapped\") "
            + "with no safety net (tax.default_for_unmapped not set); map each to its QuickBooks sales tax item or tax code "
            + "under tax.rates in rac2qb.yml, then re-run"])
    }

    @Test func initFromAnExportWithoutInvoicesWritesNothing() throws {
        let folder = try TestPaths.temporaryFolder()
        let export = folder.appendingPathComponent("export")
        try FileManager.default.createDirectory(at: export, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: TestPaths.samples.appendingPathComponent("export/customers.json"),
                                         to: export.appendingPathComponent("customers.json"))
        let result = try CommandLineTests.run(["init", "--from", "export", "new.yml"], in: folder)
        #expect(result.status == 3 && result.error.contains("no invoices file found"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("new.yml").path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["export"], "no draft left beside it")
    }

    /// README's sample command, run twice: the same exit status (1, the closed-period invoice) both times, and no
    /// file appears in the repository (the sample config keeps no ledger; the output goes where --out says).
    @Test func readmeSampleCommandLeavesNothingInTheRepository() throws {
        let before = try Self.repositoryFiles()
        for _ in 0..<2 {
            let out = try TestPaths.temporaryFolder().appendingPathComponent("out")
            let result = try CommandLineTests.run(["convert", "samples/export", "--config", "samples/rac2qb.yml", "--out", out.path])
            #expect(result.status == 1, "never \"nothing new\": \(result.error)")
            #expect(result.error.hasPrefix("rac2qb: config samples/rac2qb.yml; ledger none\n"))
        }
        let appeared = try Self.repositoryFiles().subtracting(before)
        #expect(appeared.isEmpty, "left in the repository: \(appeared.sorted())")
        #expect(!appeared.contains { $0.hasSuffix(".sqlite") })
    }

    /// Every file under the package root but the build folders and `.git`.
    static func repositoryFiles() throws -> Set<String> {
        let root = TestPaths.packageRoot.standardizedFileURL
        var files = Set<String>()
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL {
            let relative = String(url.standardizedFileURL.path.dropFirst(root.path.count + 1))
            if relative.hasPrefix(".build") || relative == ".git" || relative.hasPrefix(".swiftpm") {
                enumerator?.skipDescendants()
                continue
            }
            files.insert(relative)
        }
        return files
    }
}
