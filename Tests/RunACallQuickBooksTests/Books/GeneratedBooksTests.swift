import ExportGenerator
import Foundation
import Testing
@testable import RunACallQuickBooks
@testable import RunACallRead

/// An export and books the tests never saw (generated, with creation off):
/// every seed error the data holds is reported on the right record with its
/// fix, the records depending on a failure fail too, and the run exits 1.
@Suite struct GeneratedBooksTests {
    @Test func everySeedErrorInUnseenBooksIsReportedWithItsRecordAndFix() throws {
        let folder = try TestPaths.temporaryFolder()
        let export = folder.appendingPathComponent("export")
        let oracle = try ExportGenerator(invoiceCount: 1_500, seed: 11, withBooks: true).writeWithPayments(format: .json, to: export)
        try GeneratedBooks.write(to: folder)
        let config = folder.appendingPathComponent("rac2qb.yml")
        try Data(GeneratedBooks.configuration().utf8).write(to: config)
        let out = folder.appendingPathComponent("out")
        let result = try Conversion.run(export, configURL: config, out: out)
        #expect(result.exitStatus == 1)

        let report = try ReportFile(out)
        #expect(report.invoices.count == oracle.invoices.count)
        for (row, invoice) in zip(report.invoices, oracle.invoices) {
            #expect(row["source_id"] == invoice.id)
            #expect(row["status"] == invoice.outcome.rawValue, "\(invoice.id): \(row["message"] ?? "")")
            #expect(row["message"]?.hasPrefix(invoice.messagePrefix) == true, "\(invoice.id): \(row["message"] ?? "")")
            #expect(row["fix"]?.hasPrefix(invoice.fixPrefix) == true, "\(invoice.id): \(row["fix"] ?? "")")
        }
        let errors = Set(oracle.invoices.filter { $0.outcome == .failed }.map { String($0.messagePrefix.prefix { $0 != ":" }) })
        for seedError in ["Customer not found", "Customer inactive", "Item not found", "Tax code not mapped", "Closed period",
                          "Account inactive", "Terms not found"] {
            #expect(errors.contains(seedError), "the generated data holds \(seedError)")
        }

        let payments = report.rows.filter { $0["entity_type"] == "payment" || $0["entity_type"] == "refund" }
        #expect(payments.count == oracle.payments.count)
        for (row, payment) in zip(payments, oracle.payments) {
            #expect(row["source_id"] == payment.id)
            #expect(row["status"] == payment.outcome.rawValue, "\(payment.id): \(row["message"] ?? "")")
            #expect(row["message"]?.hasPrefix(payment.messagePrefix) == true, "\(payment.id): \(row["message"] ?? "")")
        }

        let written = Set(oracle.invoices.filter { $0.outcome == .written }.map(\.id))
        let iif = try IIFReader(url: out.appendingPathComponent("iif/quickbooks.iif")).transactions().transactions
        let invoiceNumbers = iif.filter { $0.header["TRNSTYPE"] == "INVOICE" }.compactMap { $0.header["DOCNUM"] }
        #expect(Set(invoiceNumbers) == written, "exactly the invoices that did not fail are in the IIF")
        let qbxml = try String(contentsOf: out.appendingPathComponent("qbxml/requests.xml"), encoding: .utf8)
        #expect(!qbxml.contains("<CustomerAdd>") && !qbxml.contains("<ItemServiceAdd>") && !qbxml.contains("<ItemNonInventoryAdd>"),
                "creation is off: nothing is added to the lists")
    }
}
