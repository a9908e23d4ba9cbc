import Foundation
import Testing
@testable import RunACallQuickBooks
@testable import RunACallSupport

/// Edits and payments between two runs, ordered by their timestamps: an edit
/// before the first payment is an update and then the payment; an edit after
/// it is blocked; an order the export cannot tell is said in the row.
@Suite struct EditOrderTests {
    /// Invoice `id` for `amount`, with `updated_at` and `paid_at` when given, and optional internal notes.
    static func invoice(_ id: String, status: String = "sent", amount: String, updated: String? = nil, paid: String? = nil,
                        notes: String? = nil) -> String {
        let lines = "[{\"item\": \"Labor\", \"description\": \"Visit\", \"quantity\": \"1\", \"unit_price\": \"\(amount)\", \"amount\": \"\(amount)\"}]"
        var extra = ""
        if let updated { extra += ", \"updated_at\": \"\(updated)\"" }
        if let paid { extra += ", \"paid_at\": \"\(paid)\"" }
        if let notes { extra += ", \"internal_notes\": \"\(notes)\"" }
        return InvoiceRulesTests.invoice(id: id, status: status, lines: lines, extra: extra, total: amount)
    }

    static func payment(_ id: String, invoice: String, amount: String, date: String) -> String {
        PaymentRulesTests.payment(id, invoice: invoice, amount: amount, method: "cash", payout: nil, fee: "0.00", date: date)
    }

    static func ledger() throws -> URL { try TestPaths.temporaryFolder().appendingPathComponent("ledger.sqlite") }

    @Test func editedThenPaidWithinOneMonthIsNotedThenPaidAgainstTheNewTotal() throws {
        let ledger = try Self.ledger()
        _ = try MonthlyRunTests.run([Self.invoice("A", amount: "135.24")], ledger: ledger, formats: [.iif])
        let edited = Self.invoice("A", status: "paid", amount: "230.24", updated: "2026-11-03T10:00:00Z", paid: "2026-11-05T12:00:00Z")
        let payment = Self.payment("p1", invoice: "A", amount: "230.24", date: "2026-11-05")
        let november = try MonthlyRunTests.run([edited], payments: [payment], ledger: ledger, formats: [.iif])
        #expect(november.row("A")?["status"] == "Skipped")
        #expect(november.row("A")?["message"]?.hasPrefix("Needs update: invoice #A was edited in Run a Call after batch 1; change it in QuickBooks:") == true)
        #expect(november.row("A")?["message"]?.contains("total: 135.24 → 230.24") == true)
        #expect(november.row("p1")?["status"] == "Success", "the payment counts against the updated total: \(november.row("p1")?["message"] ?? "")")
        #expect(try november.iifPayments() == 1)

        let december = try MonthlyRunTests.run([edited], payments: [payment], ledger: ledger, formats: [.iif])
        #expect(december.row("A")?["message"] == "Already exported in batch 2", "the by-hand update is told once")
        #expect(december.wroteNothing)
    }

    /// The issue's example: edited in February (135.24 → 230.24), reported, done by hand; paid in March.
    @Test func aByHandUpdateIsWhatTheNextMonthAssumes() throws {
        let ledger = try Self.ledger()
        _ = try MonthlyRunTests.run([Self.invoice("A", amount: "135.24")], ledger: ledger, formats: [.iif])
        let february = try MonthlyRunTests.run([Self.invoice("A", amount: "230.24", updated: "2026-11-03T10:00:00Z")],
                                               ledger: ledger, formats: [.iif])
        #expect(february.row("A")?["message"]?.contains("total: 135.24 → 230.24") == true)
        let march = try MonthlyRunTests.run([Self.invoice("A", status: "paid", amount: "230.24", updated: "2026-11-03T10:00:00Z",
                                                          paid: "2026-12-02T12:00:00Z")],
                                            payments: [Self.payment("p1", invoice: "A", amount: "230.24", date: "2026-12-02")],
                                            ledger: ledger, formats: [.iif])
        #expect(march.row("A")?["message"] == "Already exported in batch 2", "not \"Edited after payment\"")
        #expect(march.row("p1")?["status"] == "Success", "not an overpayment of 135.24: \(march.row("p1")?["message"] ?? "")")
    }

    @Test func anEditAfterThePaymentIsStillBlocked() throws {
        let ledger = try Self.ledger()
        _ = try MonthlyRunTests.run([Self.invoice("A", amount: "100.00")], ledger: ledger, formats: [.iif])
        let november = try MonthlyRunTests.run(
            [Self.invoice("A", status: "paid", amount: "120.00", updated: "2026-11-06T10:00:00Z", paid: "2026-11-05T12:00:00Z")],
            payments: [Self.payment("p1", invoice: "A", amount: "120.00", date: "2026-11-05")], ledger: ledger, formats: [.iif])
        #expect(november.row("A")?["status"] == "Failed")
        #expect(november.row("A")?["message"]?.hasPrefix("Edited after payment: invoice #A changed in Run a Call after batch 1") == true)
        #expect(november.row("A")?["message"]?.contains("at 2026-11-06T10:00:00Z, after its first payment at 2026-11-05T12:00:00Z") == true)
        #expect(november.row("A")?["fix"]?.hasPrefix("Void invoice #A in Run a Call and re-issue it") == true)
    }

    @Test func anOrderTheTimestampsCannotTellIsSaidInTheRow() throws {
        let ledger = try Self.ledger()
        _ = try MonthlyRunTests.run([Self.invoice("A", amount: "100.00")], ledger: ledger, formats: [.iif])
        // Same instant written with two offsets: neither came first.
        let november = try MonthlyRunTests.run(
            [Self.invoice("A", status: "paid", amount: "120.00", updated: "2026-11-05T06:00:00-06:00", paid: "2026-11-05T12:00:00Z")],
            ledger: ledger, formats: [.iif])
        #expect(november.row("A")?["status"] == "Failed")
        let message = try #require(november.row("A")?["message"])
        #expect(message.hasPrefix("Edited and paid: invoice #A changed in Run a Call after batch 1"))
        #expect(message.contains("the export does not say whether the edit came before the payment (updated_at 2026-11-05T06:00:00-06:00 is the time of its first payment)"))
    }

    @Test func anUpdateBeforeThePaymentIsAnInvoiceModThenThePaymentAndClearsARemovedMemo() throws {
        let ledger = try Self.ledger()
        let october = try MonthlyRunTests.run([Self.invoice("A", amount: "100.00", notes: "Gate code 1234")], ledger: ledger, formats: [.qbxml])
        let customerRequest = try #require(ResponseIngestTests.requestIDs(try ResponseIngestTests.requests(october)).first { $0.hasPrefix("req-cust-") })
        let answers = try ResponseIngestTests.responses("""
        \(QuickBooksAnswers.customerAdded(customerRequest))
        \(ResponseIngestTests.added("req-inv-A", txnID: "TX-A", editSequence: "ES-A1"))
        """)
        _ = try ResponseIngest.ingest([answers], ledger: ledger, batch: nil)
        let november = try MonthlyRunTests.run(
            [Self.invoice("A", status: "paid", amount: "120.00", updated: "2026-11-03T10:00:00Z", paid: "2026-11-05T12:00:00Z")],
            payments: [Self.payment("p1", invoice: "A", amount: "120.00", date: "2026-11-05")], ledger: ledger, formats: [.qbxml])
        let text = try ResponseIngestTests.requests(november)
        #expect(ResponseIngestTests.requestIDs(text) == ["req-upd-A", "req-pay-p1"], "the update, then the payment")
        #expect(text.contains("<Memo></Memo>"), "the memo Run a Call removed is cleared in QuickBooks")
        #expect(text.contains("<CustomerMsgRef>\n          <FullName></FullName>\n        </CustomerMsgRef>"))
        #expect(try QBXMLSchemaTests.schema().validate(file: november.out.appendingPathComponent("qbxml/requests.xml")) == [])
        #expect(november.row("A")?["status"] == "Success")
        #expect(november.row("A")?["message"]?.contains("internal notes: Gate code 1234 → (cleared)") == true)
        #expect(november.row("p1")?["status"] == "Success", "applied to the updated 120.00: \(november.row("p1")?["message"] ?? "")")
    }
}
