import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import HTTPTypes
import NIOCore
import Testing
@testable import RunACallConnector
@testable import RunACallQuickBooks

/// authenticate's answers (nvu, none, busy, a ticket), tickets that lapse, and
/// the plain GET QBWC makes and the WSDL.
@Suite struct ConnectorSessionTests {
    static func ledgerWithABatch() throws -> URL {
        let ledger = try TestPaths.temporaryFolder().appendingPathComponent("ledger.sqlite")
        _ = try ConnectorQueueTests.october(ledger)
        return ledger
    }

    @Test func aWrongUserOrPasswordIsNvu() async throws {
        try await RunningConnector.with(ledger: try Self.ledgerWithABatch()) { qbwc async throws in
            #expect(try await qbwc.authenticate(password: "wrong").status == "nvu")
            #expect(try await qbwc.authenticate(password: RunningConnector.password + " ").status == "nvu")
            #expect(try await qbwc.authenticate(user: "someone").status == "nvu")
            let (ticket, status) = try await qbwc.authenticate()
            #expect(status == "" && ticket.count == 64)
        }
    }

    @Test func anEmptyQueueIsNone() async throws {
        let ledger = try TestPaths.temporaryFolder().appendingPathComponent("ledger.sqlite")
        try await RunningConnector.with(ledger: ledger) { qbwc async throws in
            #expect(try await qbwc.authenticate().status == "none")
            #expect(try await qbwc.authenticate().status == "none", "none leaves no session open")
        }
    }

    @Test func aSecondSessionIsBusyUntilTheFirstCloses() async throws {
        let ledger = try Self.ledgerWithABatch()
        try await RunningConnector.with(ledger: ledger) { qbwc async throws in
            let (ticket, status) = try await qbwc.authenticate()
            #expect(status == "")
            #expect(try await qbwc.authenticate().status == "busy")
            // Another service (another process) on the same ledger is told busy too.
            try await RunningConnector.with(ledger: ledger) { other async throws in
                #expect(try await other.authenticate().status == "busy")
            }
            _ = try await qbwc.call("closeConnection", [("ticket", ticket)])
            #expect(try await qbwc.authenticate().status == "")
        }
    }

    @Test func aTicketLapsesAfterSixtySecondsWithoutACall() async throws {
        let clock = TestClock()
        try await RunningConnector.with(ledger: try Self.ledgerWithABatch(), now: { clock.now }) { qbwc async throws in
            let (ticket, _) = try await qbwc.authenticate()
            clock.advance(59)
            #expect(try await qbwc.call("getLastError", [("ticket", ticket)])[0].contains("answered 0 requests"), "still open at 59 s")
            clock.advance(61)
            #expect(try await qbwc.sendRequestXML(ticket) == "", "a lapsed ticket gets nothing")
            #expect(try await qbwc.call("getLastError", [("ticket", ticket)])[0].contains("60 s without a call"))
            #expect(try await qbwc.sendRequestXML("not-a-ticket") == "")
            #expect(try await qbwc.authenticate().status == "", "the lapsed session holds nothing")
        }
    }

    @Test func versionsTheCertificateCheckAndTheWSDL() async throws {
        try await RunningConnector.with(ledger: try Self.ledgerWithABatch()) { qbwc async throws in
            #expect(try await qbwc.call("serverVersion")[0].hasPrefix("rac2qb "))
            #expect(try await qbwc.call("clientVersion", [("strVersion", "2.3.0.215")]) == [""])
            let plain = try await qbwc.client.get("/qbwc")
            #expect(plain.status == .ok)
            let wsdl = try await qbwc.client.get("/qbwc?wsdl")
            #expect(wsdl.status == .ok)
            let text = wsdl.text
            for operation in ["serverVersion", "clientVersion", "authenticate", "sendRequestXML", "receiveResponseXML",
                              "connectionError", "getLastError", "closeConnection"] {
                #expect(text.contains("soapAction=\"http://developer.intuit.com/\(operation)\""), "\(operation)")
            }
            #expect(text.contains("name=\"authenticateResult\" type=\"tns:ArrayOfString\""))
            #expect(text.contains("<soap:address location=\"http://127.0.0.1:"))
            _ = try TestXML.document(Data(text.utf8), from: "the WSDL")
        }
    }

    @Test func anUnknownOperationOrAMismatchedSOAPActionIsAFault() async throws {
        try await RunningConnector.with(ledger: try Self.ledgerWithABatch()) { qbwc async throws in
            let unknown = try await qbwc.post(RunningConnector.envelope("dropTables", []), soapAction: "http://developer.intuit.com/dropTables")
            #expect(unknown.status == .internalServerError && unknown.text.contains("soap:Client"))
            let mismatched = try await qbwc.post(RunningConnector.envelope("serverVersion", []), soapAction: "http://developer.intuit.com/authenticate")
            #expect(mismatched.status == .internalServerError)
        }
    }
}

/// A clock a test moves by hand.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current = Date()
    var now: Date { lock.withLock { current } }
    func advance(_ seconds: TimeInterval) { lock.withLock { current += seconds } }
}
