import Foundation
import Testing
@testable import RunACallConnector
@testable import RunACallQuickBooks
@testable import RunACallSupport

/// An update (InvoiceMod) whose answer never came is looked up by its TxnID:
/// another edit sequence in QuickBooks means it was applied (taken as the
/// answer, no stale-edit-sequence refusal); the same one means it was not
/// (sent again, applied once).
@Suite struct ConnectorUpdateDoubtTests {
    @Test(arguments: [true, false])
    func anUpdateInDoubtIsLookedUpByItsTxnID(appliedBeforeTheLoss: Bool) async throws {
        let ledger = try TestPaths.temporaryFolder().appendingPathComponent("ledger.sqlite")
        nonisolated(unsafe) let quickBooks = FakeQuickBooks()
        _ = try MonthlyRunTests.run([MonthlyRunTests.invoice("A")], ledger: ledger, formats: [.qbxml])
        try await RunningConnector.with(ledger: ledger) { qbwc async throws in
            #expect(try await qbwc.update(quickBooks).percentages.last == 100)
        }
        let november = try MonthlyRunTests.run([MonthlyRunTests.invoice("A", amount: "120.00")], ledger: ledger, formats: [.qbxml])
        #expect(try ResponseIngestTests.requestIDs(try ResponseIngestTests.requests(november)) == ["req-upd-A"])
        try await RunningConnector.with(ledger: ledger) { qbwc async throws in
            let (ticket, _) = try await qbwc.authenticate()
            let requests = try await qbwc.sendRequestXML(ticket)
            #expect(requests.contains("<InvoiceMod>"))
            if appliedBeforeTheLoss {
                let file = try TestPaths.temporaryFolder().appendingPathComponent("requests.xml")
                try Data(requests.utf8).write(to: file)
                _ = try quickBooks.process(requests: file)
            }
            _ = try await qbwc.call("connectionError", [("ticket", ticket), ("hresult", "0x80040408"), ("message", "Could not start QuickBooks.")])
            let retry = try await qbwc.update(quickBooks)
            #expect(retry.requests.first?.contains("<InvoiceQueryRq requestID=\"lookup-1\"><TxnID>") == true, "\(retry.requests)")
            #expect(retry.requests.count == (appliedBeforeTheLoss ? 1 : 2), "sent again only when QuickBooks did not apply it")
            #expect(retry.percentages.last == 100)
        }
        let invoice = try #require(quickBooks.invoice(refNumber: "A"))
        #expect(invoice.total == 12000 && invoice.editSequence == 2, "updated once")
        let entry = try #require(try Ledger(url: ledger).lastExport(of: .invoice, "A"))
        #expect(entry.action == .update && entry.answer == .ok && entry.editSequence == "2", "\(entry)")
    }
}
