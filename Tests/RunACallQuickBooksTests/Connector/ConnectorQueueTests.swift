import Foundation
import Testing
@testable import RunACallConnector
@testable import RunACallQuickBooks
@testable import RunACallSupport

/// Batches converted with qbXML and sent only through the Web Connector (over
/// HTTP, as QBWC calls it) into the stand-in QuickBooks: every invoice,
/// payment and deposit ends there exactly once, lost answers included.
@Suite struct ConnectorQueueTests {
    typealias Story = RenamedCustomerTests
    static let ann = RenamedCustomerTests.old

    static func card(_ id: String, invoice: String, amount: String = "100.00", payout: String, date: String) -> String {
        PaymentRulesTests.payment(id, invoice: invoice, amount: amount, kind: "payment", method: "card", payout: payout, fee: "0.00", date: date)
    }

    /// October: A paid by card (payout po_1 arrives in October), B paid in cash, C open.
    static func october(_ ledger: URL) throws -> MonthlyRunTests.Month {
        try MonthlyRunTests.run(
            [Story.invoice("A", ann, status: "paid", paid: "2026-10-02"), Story.invoice("B", ann, status: "paid", paid: "2026-10-03"),
             Story.invoice("C", ann)],
            payments: [card("p1", invoice: "A", payout: "po_1", date: "2026-10-02"), Story.cash("p2", invoice: "B", date: "2026-10-03")],
            payouts: [Story.payout("po_1", arrival: "2026-10-05", gross: "100.00", fees: "0.00", net: "100.00")],
            ledger: ledger, formats: [.qbxml])
    }

    /// November: C paid by card into payout po_2, which arrives in November; D new and open.
    static func november(_ ledger: URL) throws -> MonthlyRunTests.Month {
        try MonthlyRunTests.run(
            [Story.invoice("A", ann, status: "paid", paid: "2026-10-02"), Story.invoice("B", ann, status: "paid", paid: "2026-10-03"),
             Story.invoice("C", ann, status: "paid", paid: "2026-11-02"), Story.invoice("D", ann, date: "2026-11-03")],
            payments: [card("p1", invoice: "A", payout: "po_1", date: "2026-10-02"), Story.cash("p2", invoice: "B", date: "2026-10-03"),
                       card("p3", invoice: "C", payout: "po_2", date: "2026-11-02")],
            payouts: [Story.payout("po_1", arrival: "2026-10-05", gross: "100.00", fees: "0.00", net: "100.00"),
                      Story.payout("po_2", arrival: "2026-11-06", gross: "100.00", fees: "0.00", net: "100.00")],
            ledger: ledger, formats: [.qbxml])
    }

    /// What QuickBooks must hold after both months: each record once.
    static func expectOnce(_ quickBooks: FakeQuickBooks, _ note: Comment) {
        #expect(quickBooks.addedRefNumbers.sorted() == ["A", "B", "C", "D"], note)
        #expect(quickBooks.customers == [ann.name], note)
        for id in ["A", "B", "C"] { #expect(quickBooks.invoice(refNumber: id)?.paid == 10000, "\(id) paid once: \(note)") }
        #expect(quickBooks.invoice(refNumber: "D")?.paid == 0, note)
        #expect(quickBooks.depositIDs.count == 2 && quickBooks.depositIDs.values.allSatisfy { $0.count == 1 }, "\(quickBooks.depositIDs): \(note)")
        #expect(quickBooks.undeposited.values.map(\.memo).allSatisfy { $0.hasPrefix("Payment p2 ") }, "every card payment deposited, the cash one waits: \(note)")
        #expect(quickBooks.books.balance(StandInBooks.receivable) == 10000, "D open: \(note)")
    }

    @Test(arguments: [100, 2])
    func monthsSentOnlyThroughTheConnectorLandOnce(maxRequests: Int) async throws {
        let ledger = try TestPaths.temporaryFolder().appendingPathComponent("ledger.sqlite")
        nonisolated(unsafe) let quickBooks = FakeQuickBooks()
        _ = try Self.october(ledger)
        try await RunningConnector.with(ledger: ledger, maxRequests: maxRequests) { qbwc async throws in
            let first = try await qbwc.update(quickBooks)
            #expect(first.status == "")
            #expect(first.percentages.last == 100 && first.percentages == first.percentages.sorted(), "\(first.percentages)")
            if maxRequests == 2 {
                #expect(first.requests.count > 2, "bounded documents")
                #expect(first.requests.allSatisfy { $0.components(separatedBy: "requestID=").count - 1 <= 2 })
                #expect(first.requests.contains { $0.contains("<PaymentTxnID>P-") }, "a macro of an earlier document sent as its TxnID")
            }
            #expect(first.requests.allSatisfy { $0.contains("onError=\"continueOnError\"") })
            #expect(try await qbwc.authenticate().status == "none", "nothing left")
        }
        _ = try Self.november(ledger)
        try await RunningConnector.with(ledger: ledger, maxRequests: maxRequests) { qbwc async throws in
            let second = try await qbwc.update(quickBooks)
            #expect(second.percentages.last == 100)
            #expect(try await qbwc.authenticate().status == "none")
        }
        Self.expectOnce(quickBooks, "max \(maxRequests)")
        #expect(try ConnectorQueue(ledger: ledger).remaining() == 0)
    }

    /// QuickBooks applied a document, and its answer never reached rac2qb (QBWC reported a connection error).
    /// The next update asks QuickBooks about those records first, takes what it holds as the answers, and sends
    /// only what it does not hold: nothing doubled.
    @Test(arguments: [1, 2, 3])
    func anAnswerLostAfterQuickBooksAppliedItIsLookedUpNotDoubled(lost: Int) async throws {
        let ledger = try TestPaths.temporaryFolder().appendingPathComponent("ledger.sqlite")
        nonisolated(unsafe) let quickBooks = FakeQuickBooks()
        _ = try Self.october(ledger)
        try await RunningConnector.with(ledger: ledger, maxRequests: 3) { qbwc async throws in
            try await Self.loseThenRetry(qbwc, quickBooks, lost: lost)
        }
        _ = try Self.november(ledger)
        try await RunningConnector.with(ledger: ledger, maxRequests: 3) { qbwc async throws in
            try await Self.loseThenRetry(qbwc, quickBooks, lost: 1)
        }
        Self.expectOnce(quickBooks, "answer \(lost) lost")
        var txnIDs = Set<String>()
        try Ledger(url: ledger).latestExports(of: .invoice) { if let id = $0.txnID { txnIDs.insert(id) } }
        #expect(txnIDs.count == 4, "every invoice knows its TxnID, found ones too")
    }

    /// An update whose answer `lost` is lost after QuickBooks applied it, then the update that mends it.
    static func loseThenRetry(_ qbwc: RunningConnector, _ quickBooks: FakeQuickBooks, lost: Int) async throws {
        let broken = try await qbwc.update(quickBooks, lose: lost)
        #expect(broken.requests.count == lost)
        let queries = try #require(try await Self.nextDocument(qbwc))
        #expect(queries.contains("QueryRq"), "the requests in doubt are looked up before anything is sent: \(queries)")
        #expect(!queries.contains("AddRq"), "no record sent with the lookups")
        let retry = try await qbwc.update(quickBooks)
        #expect(retry.percentages.last == 100, "\(retry.percentages)")
        #expect(retry.requests.first?.contains("QueryRq") == true)
        #expect(try await qbwc.authenticate().status == "none")
    }

    /// The next document without taking it (authenticate, sendRequestXML, connectionError: in doubt again).
    static func nextDocument(_ qbwc: RunningConnector) async throws -> String? {
        let (ticket, status) = try await qbwc.authenticate()
        guard status.isEmpty else { return nil }
        let document = try await qbwc.sendRequestXML(ticket)
        _ = try await qbwc.call("connectionError", [("ticket", ticket), ("hresult", "0x80040408"), ("message", "stopped by the test")])
        return document
    }

    /// A request QuickBooks refuses gets its answer (failed, with a fix in getLastError) and is not sent again.
    @Test func aRefusedRequestIsNotSentAgainInALoop() async throws {
        let ledger = try TestPaths.temporaryFolder().appendingPathComponent("ledger.sqlite")
        nonisolated(unsafe) let quickBooks = FakeQuickBooks()
        let early = try TestPaths.temporaryFolder().appendingPathComponent("customer.xml")
        try Data("""
        <?xml version="1.0"?><?qbxml version="13.0"?><QBXML><QBXMLMsgsRq onError="continueOnError">
        <CustomerAddRq requestID="by-hand"><CustomerAdd><Name>\(Self.ann.name)</Name></CustomerAdd></CustomerAddRq>
        </QBXMLMsgsRq></QBXML>
        """.utf8).write(to: early)
        _ = try quickBooks.process(requests: early)
        _ = try Self.october(ledger)
        try await RunningConnector.with(ledger: ledger) { qbwc async throws in
            let (ticket, status) = try await qbwc.authenticate()
            #expect(status == "")
            let requests = try await qbwc.sendRequestXML(ticket)
            let file = try TestPaths.temporaryFolder().appendingPathComponent("requests.xml")
            try Data(requests.utf8).write(to: file)
            #expect(try await qbwc.receiveResponseXML(ticket, response: try quickBooks.process(requests: file)) == 100)
            let words = try await qbwc.call("closeConnection", [("ticket", ticket)])[0]
            #expect(words.contains("1 refused"), "\(words)")
            #expect(words.contains("3100"), "QuickBooks' words, with the fix: \(words)")
            #expect(try await qbwc.authenticate().status == "none", "the refused customer waits for the next convert")
        }
        #expect(quickBooks.addedRefNumbers.sorted() == ["A", "B", "C"])
    }

    /// A request file changed after convert wrote it is refused, though its digest is checked only when the file
    /// changes (not for every document); put back as convert wrote it, it is sent from where it stopped.
    @Test func aRequestFileChangedMidBatchIsRefusedUntilPutBack() async throws {
        let ledger = try TestPaths.temporaryFolder().appendingPathComponent("ledger.sqlite")
        nonisolated(unsafe) let quickBooks = FakeQuickBooks()
        let file = try Self.october(ledger).out.appendingPathComponent("qbxml/requests.xml")
        let original = try Data(contentsOf: file)
        try await RunningConnector.with(ledger: ledger, maxRequests: 2) { qbwc async throws in
            let (ticket, _) = try await qbwc.authenticate()
            let first = try await qbwc.sendRequestXML(ticket)
            let requests = try TestPaths.temporaryFolder().appendingPathComponent("requests.xml")
            try Data(first.utf8).write(to: requests)
            #expect(try await qbwc.receiveResponseXML(ticket, response: try quickBooks.process(requests: requests)) < 100)
            var changed = original
            changed[changed.count - 3] = UInt8(ascii: "X")
            try changed.write(to: file)
            #expect(try await qbwc.sendRequestXML(ticket) == "", "nothing sent from a changed file")
            let words = try await qbwc.call("getLastError", [("ticket", ticket)])[0]
            #expect(words.contains("changed or removed after convert wrote them"), "\(words)")
            _ = try await qbwc.call("closeConnection", [("ticket", ticket)])
            try original.write(to: file)
            let rest = try await qbwc.update(quickBooks)
            #expect(rest.percentages.last == 100)
            #expect(!rest.requests.joined().contains(first.components(separatedBy: "requestID=\"")[1].prefix { $0 != "\"" }),
                    "the first document's requests are not sent again")
        }
        #expect(quickBooks.addedRefNumbers.sorted() == ["A", "B", "C"])
        #expect(quickBooks.depositIDs.count == 1 && quickBooks.depositIDs.values.allSatisfy { $0.count == 1 })
    }
}
