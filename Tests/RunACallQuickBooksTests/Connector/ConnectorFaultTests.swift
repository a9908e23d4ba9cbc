import Foundation
import Testing
@testable import RunACallConnector
@testable import RunACallQuickBooks
@testable import RunACallSupport

/// Faults after QuickBooks applied a document: an empty response with an
/// hresult, the service stopped before the answer came, a session abandoned.
/// Each ends with every record in QuickBooks once.
@Suite struct ConnectorFaultTests {
    /// Hands out the first document and lets the stand-in QuickBooks apply it; returns the ticket.
    static func applyFirstDocument(_ qbwc: RunningConnector, _ quickBooks: FakeQuickBooks) async throws -> String {
        let (ticket, status) = try await qbwc.authenticate()
        #expect(status == "")
        let requests = try await qbwc.sendRequestXML(ticket)
        let file = try TestPaths.temporaryFolder().appendingPathComponent("requests.xml")
        try Data(requests.utf8).write(to: file)
        _ = try quickBooks.process(requests: file)
        return ticket
    }

    /// The update after the fault: lookups first, then the rest, and nothing left.
    static func mend(_ qbwc: RunningConnector, _ quickBooks: FakeQuickBooks) async throws {
        let retry = try await qbwc.update(quickBooks)
        #expect(retry.requests.first?.contains("QueryRq") == true, "looked up first")
        #expect(retry.percentages.last == 100)
        #expect(try await qbwc.authenticate().status == "none")
    }

    static func expectOnce(_ quickBooks: FakeQuickBooks) {
        #expect(quickBooks.addedRefNumbers.sorted() == ["A", "B", "C"])
        #expect(quickBooks.customers == [ConnectorQueueTests.ann.name])
        #expect(quickBooks.invoice(refNumber: "A")?.paid == 10000 && quickBooks.invoice(refNumber: "B")?.paid == 10000)
        #expect(quickBooks.depositIDs.count == 1 && quickBooks.depositIDs.values.allSatisfy { $0.count == 1 }, "\(quickBooks.depositIDs)")
    }

    @Test func anEmptyResponseWithAnHresultLeavesTheDocumentInDoubt() async throws {
        let ledger = try TestPaths.temporaryFolder().appendingPathComponent("ledger.sqlite")
        nonisolated(unsafe) let quickBooks = FakeQuickBooks()
        _ = try ConnectorQueueTests.october(ledger)
        try await RunningConnector.with(ledger: ledger, maxRequests: 4) { qbwc async throws in
            let ticket = try await Self.applyFirstDocument(qbwc, quickBooks)
            #expect(try await qbwc.receiveResponseXML(ticket, response: "", hresult: "0x80040400",
                                                      message: "QuickBooks found an error when parsing the provided XML text stream.") == -1)
            let words = try await qbwc.call("getLastError", [("ticket", ticket)])[0]
            #expect(words.contains("0x80040400") && words.contains("checked in QuickBooks"), "\(words)")
            _ = try await qbwc.call("closeConnection", [("ticket", ticket)])
            try await Self.mend(qbwc, quickBooks)
        }
        Self.expectOnce(quickBooks)
    }

    @Test func theServiceStoppedBeforeTheAnswerCame() async throws {
        let ledger = try TestPaths.temporaryFolder().appendingPathComponent("ledger.sqlite")
        nonisolated(unsafe) let quickBooks = FakeQuickBooks()
        _ = try ConnectorQueueTests.october(ledger)
        try await RunningConnector.with(ledger: ledger, maxRequests: 4) { qbwc async throws in
            _ = try await Self.applyFirstDocument(qbwc, quickBooks)
            qbwc.service.stop()
        }
        try await RunningConnector.with(ledger: ledger, maxRequests: 4) { qbwc async throws in
            try await Self.mend(qbwc, quickBooks)
        }
        Self.expectOnce(quickBooks)
    }

    @Test func aSessionAbandonedForSixtySecondsLeavesItsDocumentInDoubt() async throws {
        let ledger = try TestPaths.temporaryFolder().appendingPathComponent("ledger.sqlite")
        nonisolated(unsafe) let quickBooks = FakeQuickBooks()
        let clock = TestClock()
        _ = try ConnectorQueueTests.october(ledger)
        try await RunningConnector.with(ledger: ledger, maxRequests: 4, now: { clock.now }) { qbwc async throws in
            let ticket = try await Self.applyFirstDocument(qbwc, quickBooks)
            clock.advance(61)
            try await Self.mend(qbwc, quickBooks)
            #expect(try await qbwc.receiveResponseXML(ticket, response: "<QBXML/>") == -1, "the lapsed ticket's late answer is not taken")
        }
        Self.expectOnce(quickBooks)
    }

    /// A document handed out that never reached QuickBooks (QBWC reported a connection error at once), after one
    /// that did: its requests are looked up, not found, and sent again from where they stand in the file.
    @Test(arguments: [1, 2])
    func aDocumentThatNeverReachedQuickBooksIsSentAgain(answeredFirst: Int) async throws {
        let ledger = try TestPaths.temporaryFolder().appendingPathComponent("ledger.sqlite")
        nonisolated(unsafe) let quickBooks = FakeQuickBooks()
        _ = try ConnectorQueueTests.october(ledger)
        try await RunningConnector.with(ledger: ledger, maxRequests: 2) { qbwc async throws in
            let (ticket, _) = try await qbwc.authenticate()
            for _ in 0..<answeredFirst {
                let requests = try TestPaths.temporaryFolder().appendingPathComponent("requests.xml")
                try Data(try await qbwc.sendRequestXML(ticket).utf8).write(to: requests)
                #expect(try await qbwc.receiveResponseXML(ticket, response: try quickBooks.process(requests: requests)) < 100)
            }
            let lost = try await qbwc.sendRequestXML(ticket)
            #expect(lost.contains("AddRq"))
            _ = try await qbwc.call("connectionError", [("ticket", ticket), ("hresult", "0x80040408"), ("message", "Could not start QuickBooks.")])
            try await Self.mend(qbwc, quickBooks)
        }
        Self.expectOnce(quickBooks)
    }
}
