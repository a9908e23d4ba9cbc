import Foundation
import Testing
@testable import RunACallQuickBooks
@testable import RunACallSupport
@testable import RunACallRead
@testable import RunACallDecide

/// Overlapping monthly exports against one ledger: what each batch writes,
/// and what it tells the user instead of writing twice.
@Suite struct MonthlyRunTests {
    struct Month {
        let report: ReportFile
        let out: URL
        let result: ConversionResult

        func row(_ id: String) -> [String: String]? { report.rows.first { $0["source_id"] == id } }
        /// Nothing new: no QuickBooks file in the output folder (the report only) and no batch recorded.
        var wroteNothing: Bool { result.nothingNew && result.batch == nil && OutputFolder.quickBooksFiles(in: out).isEmpty }
        func iifInvoices() throws -> [String] {
            try IIFReader(url: out.appendingPathComponent("iif/quickbooks.iif")).transactions().transactions
                .filter { $0.header["TRNSTYPE"] == "INVOICE" }.compactMap { $0.header["DOCNUM"] }
        }
        func iifPayments() throws -> Int {
            try IIFReader(url: out.appendingPathComponent("iif/quickbooks.iif")).transactions().transactions
                .filter { $0.header["TRNSTYPE"] == "PAYMENT" }.count
        }
    }

    static func run(_ invoices: [String], payments: [String] = [], payouts: [String] = [], ledger: URL,
                    formats: [OutputFormat] = [.iif, .qboCSV], configuration base: Configuration = Configuration()) throws -> Month {
        var files = ["invoices.json": "[" + invoices.joined(separator: ",\n") + "]"]
        if !payments.isEmpty { files["payments.json"] = "[" + payments.joined(separator: ",") + "]" }
        if !payouts.isEmpty { files["payouts.json"] = "[" + payouts.joined(separator: ",") + "]" }
        let folder = try Conversion.export(files)
        let out = folder.appendingPathComponent("out")
        var configuration = base
        configuration.output.formats = formats
        let result = try Converter.run(ConversionOptions(exportPaths: [folder], configuration: configuration, outputDirectory: out, ledger: ledger))
        return Month(report: try ReportFile(out), out: out, result: result)
    }

    static func invoice(_ id: String, status: String = "sent", amount: String = "100.00", description: String = "Visit") -> String {
        let lines = "[{\"item\": \"Labor\", \"description\": \"\(description)\", \"quantity\": \"1\", \"unit_price\": \"\(amount)\", \"amount\": \"\(amount)\"}]"
        return InvoiceRulesTests.invoice(id: id, status: status, lines: lines, total: amount)
    }

    @Test func sentThenPaidThenEditedThenVoided() throws {
        let ledger = try TestPaths.temporaryFolder().appendingPathComponent("ledger.sqlite")
        let october = try Self.run([Self.invoice("A"), Self.invoice("B")], ledger: ledger)
        #expect(try october.iifInvoices() == ["A", "B"])
        #expect(october.result.batch == 1)

        let payment = PaymentRulesTests.payment("p1", invoice: "A", method: "cash", payout: nil, fee: "0.00")
        let november = try Self.run([Self.invoice("A", status: "paid"), Self.invoice("B"), Self.invoice("C")], payments: [payment], ledger: ledger)
        #expect(try november.iifInvoices() == ["C"], "only the new invoice")
        #expect(try november.iifPayments() == 1, "October's invoice paid in November: its payment is written")
        #expect(november.row("A")?["message"] == "Already exported in batch 1")
        #expect(november.row("p1")?["status"] == "Success")
        #expect(!(try InvoiceRulesTests.text(november.out, "qbo-csv/customers.csv")).contains("Ann Lee"), "the customer is not created again")

        let december = try Self.run([Self.invoice("A", status: "paid", description: "Visit and parts"),
                                     Self.invoice("B", amount: "120.00"), Self.invoice("C", status: "void")],
                                    payments: [payment], ledger: ledger)
        #expect(OutputFolder.quickBooksFiles(in: december.out).isEmpty, "nothing is written twice: no QuickBooks file")
        #expect(december.result.batch == 3, "the batch notes B's by-hand update, as the report tells it")
        #expect(december.row("A")?["status"] == "Failed")
        #expect(december.row("A")?["message"]?.hasPrefix("Edited and paid: invoice #A changed in Run a Call after batch 1") == true)
        #expect(december.row("A")?["message"]?.contains("the export does not say whether the edit came before the payment (no updated_at; first paid 2026-10-02T12:00:00Z)") == true)
        #expect(december.row("A")?["fix"]?.hasPrefix("If the edit came after the payment: Void invoice #A in Run a Call and re-issue it") == true)
        let needsUpdate = try #require(december.row("B")?["message"])
        #expect(needsUpdate.hasPrefix("Needs update: invoice #B was edited in Run a Call after batch 1; change it in QuickBooks:"))
        #expect(needsUpdate.contains("total: 100.00 → 120.00"))
        #expect(december.row("C")?["message"] == "Voided in Run a Call after batch 2: void invoice #C in QuickBooks (it keeps its number with a 0.00 balance)")
        #expect(december.row("p1")?["message"] == "Already exported in batch 2")
        #expect(december.result.exitStatus == 1)
    }

    @Test func onPaymentWritesLastMonthsUnpaidInvoiceTheMonthItIsPaid() throws {
        let ledger = try TestPaths.temporaryFolder().appendingPathComponent("ledger.sqlite")
        var configuration = Configuration()
        configuration.invoices.when = .onPayment
        func run(_ status: String) throws -> Month {
            try Self.run([Self.invoice("A", status: status)], ledger: ledger, formats: [.iif], configuration: configuration)
        }
        #expect(try run("sent").wroteNothing)
        #expect(try run("paid").iifInvoices() == ["A"])
        #expect(try run("paid").wroteNothing, "and only once")
    }

    @Test func aPaymentOfAnEarlierBatchsInvoiceCannotBeLinkedInQBXML() throws {
        let ledger = try TestPaths.temporaryFolder().appendingPathComponent("ledger.sqlite")
        _ = try Self.run([Self.invoice("A")], ledger: ledger, formats: [.qbxml])
        let payment = PaymentRulesTests.payment("p1", invoice: "A", method: "cash", payout: nil, fee: "0.00")
        let next = try Self.run([Self.invoice("A", status: "paid")], payments: [payment], ledger: ledger, formats: [.qbxml])
        #expect(next.row("p1")?["message"]?.hasPrefix("Invoice in an earlier batch: qbXML applies a payment to its invoice through the invoice's QuickBooks TxnID") == true)
        #expect(next.wroteNothing, "no ReceivePaymentAdd: nothing is written")
    }

    @Test func paymentsOfEarlierBatchesCountAgainstTheInvoiceTotal() throws {
        let ledger = try TestPaths.temporaryFolder().appendingPathComponent("ledger.sqlite")
        let first = PaymentRulesTests.payment("p1", invoice: "A", amount: "60.00", method: "cash", payout: nil, fee: "0.00")
        _ = try Self.run([Self.invoice("A", status: "partially_paid")], payments: [first], ledger: ledger, formats: [.iif])
        let second = PaymentRulesTests.payment("p2", invoice: "A", amount: "60.00", method: "cash", payout: nil, fee: "0.00")
        let third = PaymentRulesTests.payment("p3", invoice: "A", amount: "40.00", method: "cash", payout: nil, fee: "0.00")
        let next = try Self.run([], payments: [second, third], ledger: ledger, formats: [.iif])
        #expect(next.row("p2")?["message"] == "Overpayment: payments of 120.00 would exceed invoice #A's total of 100.00",
                "October's 60.00 counts, though neither it nor the invoice is in November's export")
        #expect(next.row("p3")?["status"] == "Success", "the invoice of an earlier batch is known from the ledger")
        #expect(try next.iifPayments() == 1)
    }

    @Test func aDeletedDraftNeedsNothing() throws {
        let ledger = try TestPaths.temporaryFolder().appendingPathComponent("ledger.sqlite")
        let october = try Self.run([Self.invoice("A"), Self.invoice("D", status: "draft")], ledger: ledger, formats: [.iif, .qbxml])
        #expect(october.row("D")?["status"] == "Skipped")
        let november = try Self.run([Self.invoice("A")], ledger: ledger, formats: [.iif, .qbxml])
        #expect(november.report.rows.map { $0["source_id"] } == ["A"], "the deleted draft has no row: nothing of it was ever written")
        #expect(november.result.exitStatus == 0)
        #expect(try Ledger(url: ledger).lastExport(of: .invoice, "D") == nil, "a draft is never in the ledger")
    }

    @Test func aRunWithoutOutputLeavesTheLedgerAsItWas() throws {
        let ledger = try TestPaths.temporaryFolder().appendingPathComponent("ledger.sqlite")
        let folder = try Conversion.export(["invoices.json": "[" + Self.invoice("A") + "]"])
        _ = try Converter.run(ConversionOptions(exportPaths: [folder], configuration: Configuration(), outputDirectory: nil,
                                                writeQuickBooksFiles: false, ledger: ledger))
        #expect(!FileManager.default.fileExists(atPath: ledger.path), "check does not create a ledger")
        let month = try Self.run([Self.invoice("A")], ledger: ledger)
        #expect(try month.iifInvoices() == ["A"])
    }

    @Test func customersAndItemsWithLineBreaksAreRecognisedNextMonth() throws {
        let ledger = try TestPaths.temporaryFolder().appendingPathComponent("ledger.sqlite")
        let lines = "[{\"item\": \"Duct\\nsealing\", \"quantity\": \"1\", \"unit_price\": \"100.00\", \"amount\": \"100.00\"}]"
        func invoice(_ id: String) -> String {
            InvoiceRulesTests.invoice(id: id, customer: "Ann\\nLee \\\\ Co", lines: lines)
        }
        let first = try Self.run([invoice("A")], ledger: ledger)
        #expect(first.report.rows("customer").count == 1 && first.report.rows("item").count == 1)
        let second = try Self.run([invoice("B")], ledger: ledger)
        #expect(try second.iifInvoices() == ["B"])
        #expect(second.report.rows("customer").isEmpty && second.report.rows("item").isEmpty, "neither is created again")
    }
}
