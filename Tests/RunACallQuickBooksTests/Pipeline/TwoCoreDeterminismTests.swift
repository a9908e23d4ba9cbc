import ExportGenerator
import Foundation
import Testing
@testable import RunACallQuickBooks

/// Reading on a second thread (the default) and reading in line give byte-identical files:
/// every QuickBooks file, the report and the ledger's view of the batch, on generated exports
/// large enough that the reading thread fills its bounded queue and waits.
@Suite struct TwoCoreDeterminismTests {
    /// Every file under `folder`, by relative path, with its bytes.
    static func files(_ folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = enumerator?.nextObject() as? URL {
            guard try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true else { continue }
            files[String(url.path.dropFirst(folder.path.count))] = try Data(contentsOf: url)
        }
        return files
    }

    /// Converts `export` into `out` with `ledger`, reading ahead or not; returns the files and the ledger's rows of the batch.
    static func convert(_ export: URL, out: URL, ledger: URL, readsAhead: Bool) throws -> (files: [String: Data], ledger: [String]) {
        try? FileManager.default.removeItem(at: out)
        try? FileManager.default.removeItem(at: ledger)
        var options = ConversionOptions(exportPaths: [export], configuration: try ConfigurationLoader.parse(ExportGenerator.configuration(edition: "us")),
                                        outputDirectory: out, ledger: ledger, startedAt: Conversion.fixedStart)
        options.readsAhead = readsAhead
        let result = try Converter.run(options)
        var entries: [String] = []
        try Ledger(url: ledger).exports(inBatch: try #require(result.batch)) { entry in
            entries.append([entry.entity.rawValue, entry.sourceID, entry.hash, entry.targets, entry.requestID ?? ""].joined(separator: "|"))
        }
        return (try files(out), entries)
    }

    @Test(arguments: [ExportGenerator.Format.jsonl, .csv])
    func readingOnASecondThreadWritesTheSameBytes(_ format: ExportGenerator.Format) throws {
        let folder = try TestPaths.temporaryFolder("two-core-\(format)")
        let export = folder.appendingPathComponent("export")
        try FileManager.default.createDirectory(at: export, withIntermediateDirectories: true)
        let expected = try ExportGenerator(invoiceCount: 2_100, seed: 12).writeWithPayments(format: format, to: export)
        let out = folder.appendingPathComponent("out"), ledger = folder.appendingPathComponent("ledger.sqlite")

        let inLine = try Self.convert(export, out: out, ledger: ledger, readsAhead: false)
        let ahead = try Self.convert(export, out: out, ledger: ledger, readsAhead: true)

        #expect(inLine.files.count > 5, "the run writes its formats and the report")
        #expect(inLine.files.keys.sorted() == ahead.files.keys.sorted())
        for (name, bytes) in inLine.files { #expect(ahead.files[name] == bytes, "\(name) differs between the two runs") }
        #expect(inLine.ledger.count >= expected.invoices.filter { $0.outcome == .written }.count)
        #expect(inLine.ledger == ahead.ledger)
    }
}
