import ExportGenerator
import Foundation
import Testing
@testable import RunACallQuickBooks

/// Exports the tests never saw, generated from the contract with hostile text
/// and thousands of invoices: every invoice accounted for exactly once, the
/// money in every format equal to the export's, nothing never-synced written.
@Suite struct GeneratedExportTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let format: ExportGenerator.Format
        let edition: String
        let count: Int
        var testDescription: String { "\(count) invoices, \(format.rawValue), edition \(edition)" }
    }

    @Test(arguments: [
        Case(format: .json, edition: "us", count: 2_500),
        Case(format: .jsonl, edition: "ca", count: 1_500),
        Case(format: .csv, edition: "us", count: 1_500),
    ])
    func everyInvoiceIsAccountedForAndTotalsHold(_ testCase: Case) throws {
        let folder = try TestPaths.temporaryFolder("generated-\(testCase.format)-\(testCase.edition)")
        let expected = try ExportGenerator(invoiceCount: testCase.count, seed: 7).write(format: testCase.format, to: folder)
        let out = folder.appendingPathComponent("out")
        let result = try Conversion.run(folder, configText: ExportGenerator.configuration(edition: testCase.edition), out: out)
        let report = try ReportFile(out)

        // Every invoice record exactly once, with the outcome the generator expects.
        #expect(report.invoices.count == expected.count)
        for (row, invoice) in zip(report.invoices, expected) {
            #expect(row["source_id"] == invoice.id)
            #expect(row["status"] == invoice.outcome.rawValue, "\(invoice.id): \(row["message"] ?? "")")
            #expect(row["message"]?.hasPrefix(invoice.messagePrefix) == true, "\(invoice.id): \(row["message"] ?? "")")
        }

        // Σ written = Σ sent/partially paid/paid totals − the failed ones, in every format.
        let billed = expected.filter { ["sent", "partially_paid", "paid"].contains($0.status) }
        let written = expected.filter { $0.outcome == .written && !$0.isVoid }
        let expectedWritten = billed.reduce(Int64(0)) { $0 + $1.totalCents! } -
            billed.filter { $0.outcome == .failed }.reduce(Int64(0)) { $0 + $1.totalCents! }
        #expect(written.reduce(Int64(0)) { $0 + $1.totalCents! } == expectedWritten)
        let writtenTax = Money(cents: written.reduce(Int64(0)) { $0 + $1.taxCents })

        let iif = try WrittenTotals.iif(out.appendingPathComponent("iif"))
        #expect(iif.count == expected.filter { $0.outcome == .written }.count)
        #expect(iif.allSatisfy { $0.total + $0.splits == .zero }, "every IIF transaction balances")
        #expect(iif.reduce(Money.zero) { $0 + $1.total } == Money(cents: expectedWritten))

        let carriesTax = testCase.edition != "us"
        let qbo = try WrittenTotals.qboCSV(out.appendingPathComponent("qbo-csv"))
        #expect(qbo.values.reduce(Money.zero, +) + (carriesTax ? .zero : writtenTax) == Money(cents: expectedWritten))
        let qbxml = try WrittenTotals.qbxml(out.appendingPathComponent("qbxml"))
        #expect(qbxml.count == iif.count)
        #expect(qbxml.values.reduce(Money.zero, +) + (carriesTax ? .zero : writtenTax) == Money(cents: expectedWritten))

        #expect(result.summary.reconciles)
        #expect(result.summary.writtenTotals["iif"] == Money(cents: expectedWritten))

        // The never-synced fields appear nowhere.
        let files = FileManager.default.enumerator(at: out, includingPropertiesForKeys: nil)!.compactMap { $0 as? URL }
        for file in files where !file.hasDirectoryPath {
            let data = try Data(contentsOf: file)
            #expect(data.range(of: Data("SECRET".utf8)) == nil, "\(file.lastPathComponent) holds a never-synced field")
        }

        // Every file passes the checks QuickBooks' importers make.
        for file in files where ["iif", "csv"].contains(file.pathExtension) && !file.path.contains("/report/") {
            #expect(try FileChecker.check(file, schema: nil) == [], "\(file.lastPathComponent)")
        }
        if let schema = TestPaths.schema {
            for file in files where file.pathExtension == "xml" { #expect(schema.validate(file: file) == [], "\(file.lastPathComponent)") }
        } else if TestPaths.isCI {
            Issue.record("the qbXML XSD is required under CI")
        }
    }
}
