import Foundation
import NIOSSL
import Testing
@testable import RunACallConnector
@testable import RunACallQuickBooks
@testable import RunACallDecide

/// HTTPS with `--tls-cert` / `--tls-key` (QBWC wants it for any host but localhost); another address without them is refused.
@Suite struct ConnectorTLSTests {
    static let folder = TestPaths.packageRoot.appendingPathComponent("Tests/ConnectorTLS")
    static let files = ConnectorServer.TLSFiles(certificate: folder.appendingPathComponent("localhost.crt").path,
                                                key: folder.appendingPathComponent("localhost.key").path)

    @Test func itServesHTTPSWithTheCertificateGiven() async throws {
        var client = TLSConfiguration.makeClientConfiguration()
        client.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(Self.files.certificate))
        let ledger = try ConnectorSessionTests.ledgerWithABatch()
        try await RunningConnector.with(ledger: ledger, tls: Self.files, clientTLS: client) { qbwc async throws in
            #expect(try await qbwc.call("serverVersion")[0].hasPrefix("rac2qb "))
            #expect(try await qbwc.authenticate().status == "")
        }
        await #expect(throws: (any Error).self, "plain HTTP to the HTTPS port gets no answer") {
            try await RunningConnector.with(ledger: ledger, tls: Self.files) { qbwc async throws in
                _ = try await qbwc.client.get("/qbwc")
            }
        }
    }

    @Test func anotherAddressWithoutTLSIsRefused() throws {
        let service = ConnectorService(ledger: try TestPaths.temporaryFolder().appendingPathComponent("ledger.sqlite"))
        #expect(throws: ConnectorServer.Refusal.self) { try ConnectorServer(service: service, port: 0, host: "0.0.0.0") }
        #expect(try ConnectorServer(service: service, port: 0, host: "0.0.0.0", tls: Self.files).host == "0.0.0.0")
        #expect(try ConnectorServer(service: service, port: 0, host: "localhost").host == ConnectorServer.loopback)
    }
}
