import Foundation
import Testing
@testable import RunACallQuickBooks
@testable import RunACallSupport
@testable import RunACallDecide

/// The hashes of what earlier batches exported, read once per run: every record the ledger can answer for is among
/// them (a record missing from them is never looked up), and the run's own records are not.
@Suite struct EarlierExportsTests {
    static func payment(_ id: String, invoice: String) -> LedgerEntry {
        LedgerEntry(entity: .payment, sourceID: id, hash: "h", fields: "invoice: \(invoice)", customer: "Ann Lee",
                    total: Money(parsing: "40.00"), targets: "qbxml/requests.xml", invoiceID: invoice)
    }

    @Test func everyExportOfAnEarlierBatchIsHeldAndNothingElse() throws {
        let url = try TestPaths.temporaryFolder().appendingPathComponent("ledger.sqlite")
        let ledger = try Ledger(url: url, lockingFor: "test")
        _ = try ledger.begin(startedAt: "t", output: "/out")
        try ledger.record(LedgerTests.entry("INV-1"))
        try ledger.record(LedgerTests.entry("tab\tand é"))
        try ledger.record(Self.payment("pay-1", invoice: "INV-1"))
        try ledger.seal(files: [])
        try ledger.markCommitted()
        _ = try ledger.begin(startedAt: "t", output: "/out")
        let earlier = try EarlierExports(ledger)
        try ledger.record(LedgerTests.entry("INV-open"))
        #expect(earlier.mayHold(.invoice, "INV-1"))
        #expect(earlier.mayHold(.invoice, "tab\tand é"))
        #expect(earlier.mayHold(.payment, "pay-1"))
        #expect(!earlier.mayHold(.payment, "INV-1"), "the entity is part of the key")
        #expect(!earlier.mayHold(.invoice, "INV-2"))
        #expect(!earlier.mayHold(.invoice, "INV-open"), "read as the run's batch opens: what it records is no earlier batch's")
        #expect(earlier.mayHavePayments(toInvoice: "INV-1"))
        #expect(!earlier.mayHavePayments(toInvoice: "tab\tand é"))
        ledger.abandon()
    }

    @Test func anIDIsKeyedAsTheLedgerStoresIt() throws {
        #expect(EarlierExports.key("invoice".utf8, "A\u{0}B".utf8) == EarlierExports.key("invoice".utf8, "A".utf8),
                "the ledger binds text as a C string: it keeps what comes before a NUL")
        #expect(EarlierExports.key("invoice".utf8, "AB".utf8) != EarlierExports.key("invoic".utf8, "eAB".utf8))
    }

    @Test func aRecordTheBatchHoldsAlreadyIsReplaced() throws {
        let url = try TestPaths.temporaryFolder().appendingPathComponent("ledger.sqlite")
        let ledger = try Ledger(url: url, lockingFor: "test")
        _ = try ledger.begin(startedAt: "t", output: "/out")
        try ledger.record(LedgerTests.entry("INV-1", hash: "first"))
        try ledger.record(LedgerTests.entry("INV-1", hash: "second"))
        try ledger.recordDeposit(payout: "po_1", of: [(.payment, "pay-1")])
        try ledger.recordDeposit(payout: "po_2", of: [(.payment, "pay-1")])
        try ledger.seal(files: [])
        try ledger.markCommitted()
        #expect(try ledger.lastExport(of: .invoice, "INV-1")?.hash == "second")
        #expect(try ledger.database.integer("SELECT COUNT(*) FROM export") == 1)
        var payouts: [String] = []
        try ledger.database.query("SELECT payout_id FROM deposit_line") { payouts.append($0.text(0) ?? "") }
        #expect(payouts == ["po_2"])
    }
}
