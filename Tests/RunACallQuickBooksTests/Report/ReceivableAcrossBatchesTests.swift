import Foundation
import Testing
@testable import RunACallQuickBooks
@testable import RunACallSupport

/// The summary's customer balances span batches: an invoice an earlier batch
/// wrote counts at the total QuickBooks holds, less every batch's payments,
/// against the balance_due Run a Call gives it now.
@Suite struct ReceivableAcrossBatchesTests {
    static func invoice(_ id: String, status: String, amount: String = "100.00", paid: String, due: String,
                        description: String = "Visit") -> String {
        let lines = "[{\"item\": \"Labor\", \"description\": \"\(description)\", \"quantity\": \"1\", \"unit_price\": \"\(amount)\", \"amount\": \"\(amount)\"}]"
        return InvoiceRulesTests.invoice(id: id, status: status, lines: lines,
                                         extra: ", \"amount_paid\": \"\(paid)\", \"balance_due\": \"\(due)\"", total: amount)
    }

    static func cash(_ id: String, invoice: String, amount: String, date: String) -> String {
        PaymentRulesTests.payment(id, invoice: invoice, amount: amount, method: "cash", payout: nil, fee: "0.00", date: date)
    }

    @Test func anEarlierBatchsInvoicePaidNowCountsWithItsEarlierPayments() throws {
        let ledger = try TestPaths.temporaryFolder().appendingPathComponent("ledger.sqlite")
        let first = Self.cash("p1", invoice: "A", amount: "40.00", date: "2026-10-02")
        let october = try MonthlyRunTests.run([Self.invoice("A", status: "partially_paid", paid: "40.00", due: "60.00")],
                                              payments: [first], ledger: ledger, formats: [.iif])
        #expect(october.result.summary.customersNotReconciled.isEmpty)

        let second = Self.cash("p2", invoice: "A", amount: "60.00", date: "2026-11-02")
        let november = try MonthlyRunTests.run([Self.invoice("A", status: "paid", paid: "100.00", due: "0.00"),
                                                Self.invoice("B", status: "sent", paid: "0.00", due: "100.00")],
                                               payments: [first, second], ledger: ledger, formats: [.iif])
        #expect(november.row("A")?["message"] == "Already exported in batch 1")
        #expect(november.row("p2")?["status"] == "Success")
        let summary = november.result.summary
        #expect(summary.balanceDueInExport == Money(parsing: "100.00"), "A's 0.00 and B's 100.00")
        #expect(summary.receivableWritten == Money(parsing: "100.00"), "A: 100.00 − 40.00 (October) − 60.00 (now); B: 100.00")
        #expect(summary.customersNotReconciled.isEmpty, "counting only this batch's invoice B against A's payment made 40.00 of it")
    }

    @Test func aBlockedEditAfterPaymentLeavesTheBalancesApart() throws {
        let ledger = try TestPaths.temporaryFolder().appendingPathComponent("ledger.sqlite")
        let payment = Self.cash("p1", invoice: "A", amount: "100.00", date: "2026-10-02")
        _ = try MonthlyRunTests.run([Self.invoice("A", status: "paid", paid: "100.00", due: "0.00")],
                                    payments: [payment], ledger: ledger, formats: [.iif])
        let edited = Self.invoice("A", status: "partially_paid", amount: "120.00", paid: "100.00", due: "20.00",
                                  description: "Visit and parts")
        let november = try MonthlyRunTests.run([edited], payments: [payment], ledger: ledger, formats: [.iif])
        #expect(november.row("A")?["status"] == "Failed")
        let summary = november.result.summary
        #expect(summary.balanceDueInExport == Money(parsing: "20.00"))
        #expect(summary.receivableWritten == Money(parsing: "0.00"), "QuickBooks keeps the paid 100.00 version")
        #expect(summary.customersNotReconciled == ["Ann Lee"], "never reconciled while QuickBooks holds another balance")
    }
}
