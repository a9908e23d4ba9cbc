import Foundation
import Testing
@testable import RunACallQuickBooks
@testable import RunACallSupport

/// One small export per payment rule.
@Suite struct PaymentRulesTests {
    static let invoices = "[" + [
        InvoiceRulesTests.invoice(id: "1", status: "paid"),
        InvoiceRulesTests.invoice(id: "2", status: "partially_paid"),
        InvoiceRulesTests.invoice(id: "3", status: "draft"),
    ].joined(separator: ",") + "]"

    static func payment(_ id: String, invoice: String = "1", amount: String = "100.00", kind: String = "payment",
                        method: String = "card", payout: String? = "po_1", fee: String = "3.20", date: String = "2026-10-02") -> String {
        """
        {"id": "\(id)", "invoice_id": "\(invoice)", "amount": "\(amount)", "kind": "\(kind)", "method": "\(method)",
         "received_at": "\(date)T12:00:00Z", "reference": "ref-\(id)", "stripe_fee": "\(fee)", "payout_id": \(payout.map { "\"\($0)\"" } ?? "null")}
        """
    }

    static func run(payments: [String], payouts: String = #"[{"id": "po_1", "arrival_date": "2026-10-05", "gross": "100.00", "fees": "3.20", "net": "96.80"}]"#,
                    config: String = "version: 1\n") throws -> (ReportFile, URL, ConversionResult) {
        let folder = try Conversion.export(["invoices.json": invoices, "payments.json": "[" + payments.joined(separator: ",") + "]",
                                            "payouts.json": payouts])
        let out = folder.appendingPathComponent("out")
        let result = try Conversion.run(folder, configText: config, out: out)
        return (try ReportFile(out), out, result)
    }

    static func statuses(_ report: ReportFile, _ type: String) -> [String] { report.rows(type).map { $0["status"]! } }

    @Test func paymentInAPayoutBecomesReceivePaymentAndDeposit() throws {
        let (report, out, result) = try Self.run(payments: [Self.payment("p1")])
        #expect(Self.statuses(report, "payment") == ["Success"])
        #expect(Self.statuses(report, "payout") == ["Success"])
        let xml = try InvoiceRulesTests.text(out, "qbxml/requests.xml")
        #expect(xml.contains(#"<TxnID useMacro="TxnID:inv-1"></TxnID>"#))
        #expect(xml.contains(#"<PaymentTxnID useMacro="TxnID:pay-p1"></PaymentTxnID>"#))
        #expect(!xml.contains("IsAutoApply"))
        #expect(result.summary.depositsWritten == Money(parsing: "96.80"))
        let books = try WrittenBooks.iif(out.appendingPathComponent("iif"))
        #expect(books.deposits == Money(parsing: "96.80") && books.payments == Money(parsing: "100.00"))
    }

    @Test func overpaymentFailsAndIsNeverApplied() throws {
        let (report, _, _) = try Self.run(payments: [Self.payment("p1", invoice: "2", amount: "60.00", payout: nil),
                                                     Self.payment("p2", invoice: "2", amount: "60.00", payout: nil)], payouts: "[]")
        #expect(Self.statuses(report, "payment") == ["Success", "Failed"])
        #expect(report.rows("payment")[1]["message"]?.hasPrefix("Overpayment: payments of 120.00 would exceed") == true)
    }

    @Test func paymentsForMissingOrUnwrittenInvoicesFail() throws {
        let (report, _, _) = try Self.run(payments: [Self.payment("p1", invoice: "99", payout: nil), Self.payment("p2", invoice: "3", payout: nil)],
                                          payouts: "[]")
        #expect(report.rows("payment").map { String($0["message"]!.prefix(20)) } == ["Invoice not found: t", "Invoice not written:"])
    }

    @Test func payoutThatDoesNotAddUpWritesNoneOfIt() throws {
        let payouts = #"[{"id": "po_1", "arrival_date": "2026-10-05", "gross": "90.00", "fees": "3.20", "net": "86.80"}]"#
        let (report, out, _) = try Self.run(payments: [Self.payment("p1")], payouts: payouts)
        #expect(report.rows("payout").first?["message"] == "Payout does not add up: its payments 100.00 − refunds 0.00 = 100.00 but gross is 90.00")
        #expect(Self.statuses(report, "payment") == ["Failed"])
        let xml = try InvoiceRulesTests.text(out, "qbxml/requests.xml")
        #expect(!xml.contains("ReceivePaymentAdd") && !xml.contains("DepositAdd"))
    }

    @Test func paymentNamingAPayoutNotInTheExportWaitsForIt() throws {
        let (report, out, result) = try Self.run(payments: [Self.payment("p1", payout: "po_404"),
                                                            Self.payment("r1", amount: "30.00", kind: "refund", payout: "po_404", fee: "0")],
                                                 payouts: "[]")
        let payment = try #require(report.rows("payment").first)
        #expect(payment["status"] == "Success")
        #expect(payment["message"] == "Applied to invoice #1 (Ann Lee), 100.00 by Credit Card into Undeposited Funds; waits there for Stripe payout po_404")
        #expect(payment["warning"]?.contains("Waits in Undeposited Funds for Stripe payout po_404 (not in this export)") == true)
        #expect(report.rows("refund").first?["warning"]?.contains("Waits for Stripe payout po_404 (not in this export)") == true)
        let books = try WrittenBooks.iif(out.appendingPathComponent("iif"))
        #expect(books.payments == Money(parsing: "100.00") && books.creditMemos == Money(parsing: "30.00") && books.deposits == .zero)
        #expect(result.summary.paymentsWaitingForPayout == Money(parsing: "100.00"))
        #expect(result.summary.refundsWaitingForPayout == Money(parsing: "30.00"))
        #expect(result.exitStatus == 0)
    }

    @Test func paymentOfAPayoutWhoseRecordFailedSaysThePayoutIsThereButFailed() throws {
        let payouts = #"[{"id": "po_1", "arrival_date": "soon", "gross": "100.00", "fees": "3.20", "net": "96.80"}]"#
        let (report, _, _) = try Self.run(payments: [Self.payment("p1")], payouts: payouts)
        #expect(Self.statuses(report, "payout") == ["Failed"])
        let message = report.rows("payment").first?["message"] ?? ""
        #expect(message == #"Payout not written: Invalid record: field arrival_date is "soon"; allowed: a date YYYY-MM-DD that exists, such as 2026-10-03 (payout po_1 carries this payment)"#,
                "the payout's own problem first, naming the payout: \(message)")
        #expect(!message.contains("not in the export"))
        #expect(report.rows("payment").first?["fix"]?.hasPrefix("Fix the payout first") == true)
    }

    @Test func refundIsACreditMemoPaidOutOfThePayout() throws {
        let payouts = #"[{"id": "po_1", "arrival_date": "2026-10-05", "gross": "70.00", "fees": "3.20", "net": "66.80"}]"#
        let (report, out, _) = try Self.run(payments: [Self.payment("p1"), Self.payment("r1", amount: "30.00", kind: "refund", fee: "0")],
                                            payouts: payouts)
        #expect(Self.statuses(report, "refund") == ["Success"])
        let books = try WrittenBooks.iif(out.appendingPathComponent("iif"))
        #expect(books.creditMemos == Money(parsing: "30.00") && books.deposits == Money(parsing: "66.80"))
        #expect(books.receivable == ["Ann Lee": Money(parsing: "100.00")!],
                "invoice 1: 100 − payment 100 − credit memo 30 + refund out 30 = 0; invoice 2 (100) is unpaid")
        #expect(try WrittenBooks.qbxml(out.appendingPathComponent("qbxml")).deposits == Money(parsing: "66.80"))
    }

    @Test func refundOverWhatWasPaidFails() throws {
        let (report, _, _) = try Self.run(payments: [Self.payment("r1", amount: "30.00", kind: "refund", payout: nil)], payouts: "[]")
        #expect(report.rows("refund").first?["message"]?.hasPrefix("Refund exceeds payments") == true)
    }

    @Test func switchesTurnPaymentsAndDepositsOff() throws {
        let (off, offOut, _) = try Self.run(payments: [Self.payment("p1")], config: "payments:\n  sync: false\n")
        #expect(Self.statuses(off, "payment") == ["Skipped"] && Self.statuses(off, "payout") == ["Skipped"])
        #expect(!(try InvoiceRulesTests.text(offOut, "iif/quickbooks.iif")).contains("PAYMENT\t"))
        let (manual, manualOut, _) = try Self.run(payments: [Self.payment("p1")], config: "payments:\n  auto_reconcile_payouts: false\n")
        #expect(Self.statuses(manual, "payment") == ["Success"] && Self.statuses(manual, "payout") == ["Skipped"])
        #expect(!(try InvoiceRulesTests.text(manualOut, "qbxml/requests.xml")).contains("DepositAdd"))
    }

    @Test func onPaymentModeWaitsForTheInvoice() throws {
        let (report, out, _) = try Self.run(payments: [Self.payment("p1", invoice: "2", amount: "50.00", payout: nil),
                                                       Self.payment("p2", invoice: "1", payout: nil)], payouts: "[]",
                                            config: "invoices:\n  when: on_payment\n")
        #expect(Self.statuses(report, "payment") == ["Skipped", "Success"], "the paid invoice is written, and its payment with it")
        #expect(report.rows("payment").first?["message"]?.contains("Not paid yet (on payment mode)") == true)
        let books = try WrittenBooks.iif(out.appendingPathComponent("iif"))
        #expect(books.payments == Money(parsing: "100.00") && books.receivable["Ann Lee"] == .zero)
    }

    @Test func closedPeriodPaymentFails() throws {
        let (report, _, _) = try Self.run(payments: [Self.payment("p1", payout: nil, date: "2026-09-30")], payouts: "[]",
                                          config: "company:\n  closing_date: 2026-09-30\n")
        #expect(report.rows("payment").first?["message"]?.hasPrefix("Closed period: The payment date 2026-09-30") == true)
    }
}
