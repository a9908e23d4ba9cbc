import ExportGenerator
import Foundation
import Testing
@testable import RunACallQuickBooks
@testable import RunACallDecide

/// Reading and writing the ledger on a second thread (the default) and doing both in line give
/// byte-identical files: every QuickBooks file, the report and the ledger's rows of each batch, on
/// generated exports large enough that the reading thread fills its bounded queue and waits.
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

    /// Converts each of `exports` in turn, into `out`-1, `out`-2, … with one fresh `ledger`, reading ahead
    /// (and writing the ledger behind) or not; returns every file written and the ledger's rows of every batch.
    static func convert(_ exports: [URL], out: URL, ledger: URL, readsAhead: Bool) throws -> (files: [String: Data], ledger: [String]) {
        try? FileManager.default.removeItem(at: ledger)
        var files: [String: Data] = [:]
        var entries: [String] = []
        for (month, export) in exports.enumerated() {
            let folder = out.appendingPathComponent("\(month + 1)")
            try? FileManager.default.removeItem(at: folder)
            var options = ConversionOptions(exportPaths: [export], configuration: try ConfigurationLoader.parse(ExportGenerator.configuration(edition: "us")),
                                            outputDirectory: folder, ledger: ledger, startedAt: Conversion.fixedStart)
            options.readsAhead = readsAhead
            let result = try Converter.run(options)
            try Ledger(url: ledger).exports(inBatch: try #require(result.batch)) { entry in
                entries.append([entry.action.rawValue, "\(entry.batch)", entry.entity.rawValue, entry.sourceID, entry.hash, entry.fields, entry.customer ?? "", entry.total?.description ?? "",
                                entry.targets, entry.requestID ?? "", entry.txnID ?? ""].joined(separator: "|"))
            }
            for (name, bytes) in try Self.files(folder) { files["\(month + 1)\(name)"] = bytes }
        }
        return (files, entries)
    }

    /// Two months into one ledger: the second month's export holds the same invoice ids with other contents, so
    /// its run asks the ledger about every invoice the first batch recorded, between its own writes.
    @Test(arguments: [ExportGenerator.Format.jsonl, .csv])
    func readingOnASecondThreadWritesTheSameBytes(_ format: ExportGenerator.Format) throws {
        let folder = try TestPaths.temporaryFolder("two-core-\(format)")
        var exports: [URL] = []
        var expected: [ExpectedInvoice] = []
        for (month, seed) in [UInt64(12), 13].enumerated() {
            let export = folder.appendingPathComponent("export-\(month + 1)")
            try FileManager.default.createDirectory(at: export, withIntermediateDirectories: true)
            expected += try ExportGenerator(invoiceCount: 2_100, seed: seed).writeWithPayments(format: format, to: export).invoices
            exports.append(export)
        }
        let out = folder.appendingPathComponent("out"), ledger = folder.appendingPathComponent("ledger.sqlite")

        let inLine = try Self.convert(exports, out: out, ledger: ledger, readsAhead: false)
        let ahead = try Self.convert(exports, out: out, ledger: ledger, readsAhead: true)

        #expect(inLine.files.count > 10, "each run writes its formats and the report")
        #expect(inLine.files.keys.sorted() == ahead.files.keys.sorted())
        for (name, bytes) in inLine.files { #expect(ahead.files[name] == bytes, "\(name) differs between the two runs") }
        #expect(inLine.ledger.count >= expected.filter { $0.outcome == .written }.count / 2)
        #expect(inLine.ledger.contains { $0.hasPrefix("add|2|invoice|") }, "the second batch records invoices between its reads of the first")
        #expect(inLine.ledger == ahead.ledger)
    }
}
