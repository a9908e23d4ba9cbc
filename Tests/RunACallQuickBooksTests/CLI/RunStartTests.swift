import Foundation
import Testing
@testable import RunACallQuickBooks

/// How a run starts: which config it finds (or refuses to guess), and what it says it uses before anything else.
@Suite struct RunStartTests {
    /// A copy of the sample export with the sample config inside it, keeping the default ledger (the sample keeps none), in a fresh folder.
    static func exportWithConfig() throws -> URL {
        let folder = try TestPaths.temporaryFolder().appendingPathComponent("export")
        try FileManager.default.copyItem(at: TestPaths.samples.appendingPathComponent("export"), to: folder)
        let sample = try String(decoding: Data(contentsOf: Conversion.sampleConfig), as: UTF8.self)
        let config = sample.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("ledger:") }.joined(separator: "\n")
        try Data(config.utf8).write(to: folder.appendingPathComponent("rac2qb.yml"))
        return folder
    }

    @Test func noConfigStopsNamingWhereItLookedAndHowToStart() throws {
        let out = try TestPaths.temporaryFolder().appendingPathComponent("out")
        let result = try CommandLineTests.run(["convert", "samples/export", "--out", out.path, "--no-ledger"])
        #expect(result.status == 2)
        let root = TestPaths.packageRoot.standardizedFileURL.path
        #expect(result.error.contains("no config found (looked for \(root)/rac2qb.yml, \(root)/samples/export/rac2qb.yml)"))
        #expect(result.error.contains("rac2qb init") && result.error.contains("--config") && result.error.contains("--defaults"))
        #expect(!FileManager.default.fileExists(atPath: out.path), "nothing written, not even the output folder")
        #expect(!FileManager.default.fileExists(atPath: TestPaths.packageRoot.appendingPathComponent("rac2qb-ledger.sqlite").path),
                "no ledger made in the current folder")
    }

    @Test func defaultsAreUsedOnlyWhenAskedAndSaidSo() throws {
        let out = try TestPaths.temporaryFolder().appendingPathComponent("out")
        let result = try CommandLineTests.run(["convert", "samples/export", "--out", out.path, "--no-ledger", "--defaults"])
        #expect(result.status == 1)
        #expect(result.error.hasPrefix("rac2qb: config none (the built-in defaults); ledger none\n"), "named before anything else")
        let quiet = try CommandLineTests.run(["check", "samples/export", "--no-ledger", "--defaults", "--quiet"])
        #expect(!quiet.error.contains("rac2qb: config"), "--quiet silences it")
    }

    @Test func theExportFoldersConfigIsFoundFromAnotherFolderAndNamedWithItsLedger() throws {
        let export = try Self.exportWithConfig()
        let elsewhere = try TestPaths.temporaryFolder()
        let out = elsewhere.appendingPathComponent("out")
        let result = try CommandLineTests.run(["convert", export.path, "--out", out.path], in: elsewhere)
        #expect(result.status == 1)
        let config = export.appendingPathComponent("rac2qb.yml").standardizedFileURL.path
        let ledger = export.appendingPathComponent("rac2qb-ledger.sqlite").standardizedFileURL.path
        #expect(result.error.hasPrefix("rac2qb: config \(config); ledger \(ledger)\n"))
        #expect(result.output.contains("invoices: 21 success, 1 failed, 2 skipped"), "the export folder's config, not the defaults")
        #expect(FileManager.default.fileExists(atPath: ledger), "the ledger is beside the config")
        #expect(!FileManager.default.fileExists(atPath: elsewhere.appendingPathComponent("rac2qb-ledger.sqlite").path))

        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("report/sync-report.json"))) as? [String: Any]
        let run = try #require(json?["run"] as? [String: Any], "the report names the run")
        #expect(run["config"] as? String == config && run["ledger"] as? String == ledger)
        #expect(run["company"] as? String == "Acme Heating & Air" && run["batch"] as? Int == 1)
        #expect(run["export"] as? [String] == [export.standardizedFileURL.path])
        #expect((run["started_at"] as? String)?.hasPrefix("20") == true)
        let html = try String(decoding: Data(contentsOf: out.appendingPathComponent("report/index.html")), as: UTF8.self)
        #expect(html.contains("<tr><th>Config</th><td>\(config)</td></tr>") && html.contains("<tr><th>Batch</th><td>1</td></tr>"))
    }

    @Test func versionAndInitIntoAMissingFolder() throws {
        let version = try CommandLineTests.run(["--version"])
        #expect(version.status == 0 && version.output == "\(ToolVersion.current)\n")
        let missing = try TestPaths.temporaryFolder().appendingPathComponent("no-such-folder/rac2qb.yml")
        let result = try CommandLineTests.run(["init", missing.path])
        #expect(result.status == 3)
        #expect(result.error == "rac2qb: \(missing.path): cannot be written: the folder \(missing.deletingLastPathComponent().path) does not exist (create it first, or name another file)\n")
    }
}
