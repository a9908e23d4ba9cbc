import Foundation
import Testing
@testable import RunACallConnector
@testable import RunACallQuickBooks
@testable import RunACallSupport

/// A batch of many invoices goes through in bounded documents, each request
/// handed out once, each record once. (100,000 invoices: scripts/benchmark-connector.sh,
/// release build, time and peak memory.)
@Suite struct ConnectorVolumeTests {
    @Test func aLargeBatchGoesThroughInBoundedDocuments() async throws {
        let count = 5000
        let ledger = try TestPaths.temporaryFolder().appendingPathComponent("ledger.sqlite")
        nonisolated(unsafe) let quickBooks = FakeQuickBooks()
        let month = try MonthlyRunTests.run((1...count).map { MonthlyRunTests.invoice(String(format: "V%05d", $0)) }, ledger: ledger, formats: [.qbxml])
        let started = Date()
        try await RunningConnector.with(ledger: ledger, maxRequests: 100) { qbwc async throws in
            let update = try await qbwc.update(quickBooks)
            #expect(update.percentages.last == 100)
            #expect(update.percentages == update.percentages.sorted(), "the percentage only grows")
            #expect(update.requests.count >= count / 100)
            #expect(update.requests.allSatisfy { $0.components(separatedBy: "requestID=").count - 1 <= 100 })
            let handedOut = update.requests.flatMap { $0.matches(of: /requestID="([^"]+)"/).map { String($0.1) } }
            #expect(Set(handedOut).count == handedOut.count, "no request handed out twice")
        }
        print("connector: \(count) invoices in \(String(format: "%.1f", Date().timeIntervalSince(started))) s")
        #expect(quickBooks.addedRefNumbers.count == count && Set(quickBooks.addedRefNumbers).count == count)
        // The file was read once, front to back: its cursor stands past its last request.
        let size = try #require(try FileManager.default.attributesOfItem(atPath: month.out.appendingPathComponent("qbxml/requests.xml").path)[.size] as? NSNumber)
        var offset: Int64 = 0
        try Ledger(url: ledger).database.query("SELECT offset FROM connector_cursor") { offset = $0.integer(0) }
        #expect(offset > size.int64Value - 40 && offset < size.int64Value)
    }
}
