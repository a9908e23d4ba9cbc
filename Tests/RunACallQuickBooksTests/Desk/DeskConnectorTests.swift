import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import RunACallConnector
@testable import RunACallDesk
@testable import RunACallQuickBooks
@testable import RunACallSupport
@testable import RunACallRender

/// `rac2qb serve` with the Web Connector: QBWC signs in at the desk's `/qbwc` with its password (no cookie, no CSRF
/// token), everything else keeps the desk's rules, and `/api/batches` and the batches page show each batch's
/// requests answered, in doubt and waiting as QuickBooks takes them.
@Suite struct DeskConnectorTests {
    /// The batch's queue as `GET /api/batches` answers it.
    static func queue(_ desk: RunningDesk, _ client: TestClient) async throws -> [String: Int] {
        let object = try DeskExportsTests.object(try await client.get("/api/batches", headers: desk.signedIn))
        let batch = try #require((object["batches"] as? [[String: Any]])?.first)
        return ["requests", "answered", "refused", "in_doubt", "waiting"].reduce(into: [:]) { $0[$1] = batch[$1] as? Int }
    }

    @Test func qbwcTakesTheQueueThroughTheDeskAndTheBatchesPageFollowsIt() async throws {
        let folder = try TestPaths.temporaryFolder()
        let ledger = folder.appendingPathComponent("ledger.sqlite")
        _ = try ConnectorQueueTests.october(ledger)
        let sample = try String(contentsOf: TestPaths.samples.appendingPathComponent("rac2qb.yml"), encoding: .utf8)
        let config = folder.appendingPathComponent("rac2qb.yml")
        try DeskExportsTests.withLedger(sample).write(to: config, atomically: true, encoding: .utf8)
        try ConnectorSettings.prepare(ConnectorQueue(ledger: ledger), user: RunningConnector.user, password: RunningConnector.password)
        let service = ConnectorService(ledger: ledger, maxRequests: 2)
        nonisolated(unsafe) let quickBooks = FakeQuickBooks()

        try await RunningDesk.with(configFile: config, connector: service) { desk, client in
            let qbwc = RunningConnector(client: client, service: service, host: desk.host)
            let before = try await Self.queue(desk, client)
            let requests = try #require(before["requests"])
            #expect(requests > 2)
            #expect(before == ["requests": requests, "answered": 0, "refused": 0, "in_doubt": 0, "waiting": requests])

            let (ticket, status) = try await qbwc.authenticate()
            #expect(status == "", "QBWC signs in at the desk's /qbwc without the desk's cookie")
            let document = try await qbwc.sendRequestXML(ticket)
            let handedOut = try await Self.queue(desk, client)
            #expect(handedOut["in_doubt"] == 2, "the document's two requests are in doubt until their answer is in")
            #expect(handedOut["waiting"] == requests - 2)

            let file = folder.appendingPathComponent("document-1.xml")
            try Data(document.utf8).write(to: file)
            #expect(try await qbwc.receiveResponseXML(ticket, response: try quickBooks.process(requests: file)) > 0)
            let answered = try await Self.queue(desk, client)
            #expect(answered == ["requests": requests, "answered": 2, "refused": 0, "in_doubt": 0, "waiting": requests - 2])
            _ = try await qbwc.call("closeConnection", [("ticket", ticket)])

            try await qbwc.update(quickBooks)
            #expect(try await Self.queue(desk, client) == ["requests": requests, "answered": requests, "refused": 0, "in_doubt": 0, "waiting": 0])
            let page = try await client.get("/batches", headers: desk.signedIn)
            #expect(page.text.contains("\(requests) answered (0 refused), 0 in doubt, 0 waiting, of \(requests)"))

            var foreign = HTTPFields([HTTPField(name: .contentType, value: "text/xml")])
            foreign[HTTPField.Name("Host")!] = "rebind.example:\(desk.port)"
            #expect(try await client.post("/qbwc", headers: foreign, body: ByteBuffer(string: "<x/>")).status == .forbidden,
                    "/qbwc keeps the desk's Host rule")
            #expect(try await client.get("/api/batches", headers: [.hostHeader: desk.host]).status == .unauthorized,
                    "the rest of the desk still wants its cookie")
        }
    }
}
