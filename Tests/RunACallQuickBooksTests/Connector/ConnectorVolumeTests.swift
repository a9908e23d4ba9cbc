import Foundation
import Testing
@testable import RunACallConnector
@testable import RunACallQuickBooks

/// A batch of many invoices goes through in bounded documents, each record once.
@Suite struct ConnectorVolumeTests {
    @Test func aLargeBatchGoesThroughInBoundedDocuments() async throws {
        let count = 1500
        let ledger = try TestPaths.temporaryFolder().appendingPathComponent("ledger.sqlite")
        nonisolated(unsafe) let quickBooks = FakeQuickBooks()
        _ = try MonthlyRunTests.run((1...count).map { MonthlyRunTests.invoice(String(format: "V%05d", $0)) }, ledger: ledger, formats: [.qbxml])
        let started = Date()
        try await RunningConnector.with(ledger: ledger, maxRequests: 100) { qbwc async throws in
            let update = try await qbwc.update(quickBooks)
            #expect(update.percentages.last == 100)
            #expect(update.requests.count >= count / 100)
            #expect(update.requests.allSatisfy { $0.components(separatedBy: "requestID=").count - 1 <= 100 })
        }
        print("connector: \(count) invoices in \(String(format: "%.1f", Date().timeIntervalSince(started))) s")
        #expect(quickBooks.addedRefNumbers.count == count && Set(quickBooks.addedRefNumbers).count == count)
    }
}
