import Foundation
import Testing
@testable import RunACallQuickBooks
@testable import RunACallSupport
@testable import RunACallRead

/// The samples' payments, refund and two payouts: money reconciled in every format.
@Suite struct PaymentSampleTests {
    static func convert() throws -> (URL, ConversionResult) {
        let out = try TestPaths.temporaryFolder()
        return (out, try Conversion.run(TestPaths.samples.appendingPathComponent("export"), configURL: Conversion.sampleConfig, out: out))
    }

    static func exportJSON(_ name: String) throws -> [[String: Any]] {
        let data = try Data(contentsOf: TestPaths.samples.appendingPathComponent("export/\(name)"))
        let value = try JSONSerialization.jsonObject(with: data)
        if let object = value as? [String: Any] { return object[name.replacingOccurrences(of: ".json", with: "")] as? [[String: Any]] ?? [] }
        return value as? [[String: Any]] ?? []
    }

    static func money(_ value: Any?) -> Money { Money(parsing: "\(value ?? "0")")! }

    @Test func everyPaymentRefundAndPayoutIsReportedOnce() throws {
        let (out, _) = try Self.convert()
        let report = try ReportFile(out)
        let payments = try Self.exportJSON("payments.json")
        let rows = report.rows("payment") + report.rows("refund")
        #expect(rows.map { $0["source_id"]! }.sorted() == payments.map { "\($0["id"]!)" }.sorted())
        #expect(report.rows("payout").map { $0["source_id"]! } == ["po_1A2b3C", "po_9Z8y7X"])
        #expect(report.rows("payout").allSatisfy { $0["status"] == "Success" })
        let failed = rows.filter { $0["status"] == "Failed" }
        #expect(failed.map { $0["source_id"] } == ["pay-005"], "the payment of the closed-period invoice fails")
        #expect(failed.first?["message"]?.hasPrefix("Invoice not written") == true)
        #expect(rows.filter { $0["entity_type"] == "payment" && $0["status"] == "Success" }
            .allSatisfy { $0["message"]?.hasPrefix("Applied to invoice #") == true && $0["warning"]?.contains("apply it in QuickBooks") == true },
                "IIF payments name the invoice to apply them to, a by-hand step warned of")
    }

    @Test func moneyReconcilesInEveryFormat() throws {
        let (out, result) = try Self.convert()
        let invoices = try Self.exportJSON("invoices.json")
        let payments = try Self.exportJSON("payments.json")
        let payouts = try Self.exportJSON("payouts.json")
        let report = try ReportFile(out)
        let written = Set(report.invoices.filter { $0["status"] == "Success" }.map { $0["source_id"]! })

        // Σ payments per invoice ≤ its total.
        for invoice in invoices {
            let id = "\(invoice["id"]!)"
            let paid = payments.filter { "\($0["invoice_id"]!)" == id && "\($0["kind"]!)" == "payment" }.reduce(Money.zero) { $0 + Self.money($1["amount"]) }
            #expect(paid <= Self.money(invoice["total"]), "invoice \(id)")
        }

        // Σ deposits = Σ payout net, in IIF and qbXML; deposits.csv carries each payout's net.
        let net = payouts.reduce(Money.zero) { $0 + Self.money($1["net"]) }
        let iif = try WrittenBooks.iif(out.appendingPathComponent("iif"))
        let qbxml = try WrittenBooks.qbxml(out.appendingPathComponent("qbxml"))
        #expect(iif.deposits == net && qbxml.deposits == net)
        #expect(result.summary.depositsWritten == net && result.summary.depositsReconcile)
        let csv = try String(contentsOf: out.appendingPathComponent("qbo-csv/deposits.csv"), encoding: .utf8)
        for payout in payouts { #expect(csv.contains(",\(Self.money(payout["net"]))\r\n")) }

        // Payments and credit memos agree between IIF, qbXML and the summary.
        #expect(iif.payments == qbxml.payments && iif.payments == result.summary.paymentsWritten)
        #expect(iif.creditMemos == qbxml.creditMemos && iif.creditMemos == result.summary.refundsWritten)
        #expect(iif.creditMemos == Money(parsing: "20.00"))

        // Per customer: invoices − payments − credit memos + refunds paid out = the export's balance_due.
        var expected: [String: Money] = [:]
        let iifNames = try IIFReader(url: out.appendingPathComponent("iif/quickbooks.iif")).transactions().transactions
            .filter { $0.header["TRNSTYPE"] == "INVOICE" }
            .reduce(into: [String: String]()) { $0[$1.header["DOCNUM"] ?? ""] = $1.header["NAME"] }
        for invoice in invoices where written.contains("\(invoice["id"]!)") {
            let customer = iifNames["\(invoice["id"]!)"]!
            expected[customer, default: .zero] = expected[customer, default: .zero] + Self.money(invoice["balance_due"])
        }
        #expect(!expected.isEmpty)
        #expect(result.summary.customersNotReconciled.isEmpty)
        #expect(result.summary.receivableWritten == expected.values.reduce(Money.zero, +))
        #expect(result.summary.balanceDueInExport == result.summary.receivableWritten)
        #expect(iif.receivable.filter { $0.value != .zero } == expected.filter { $0.value != .zero })
    }
}
