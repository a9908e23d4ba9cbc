import Foundation
import Testing
@testable import RunACallQuickBooks
@testable import RunACallSupport
@testable import RunACallDecide

/// The ledger's writing thread: writes run in the order asked, whoever else uses the database
/// first waits for them, and a write that fails stops those after it and reaches the run.
@Suite struct WriteBehindTests {
    /// A value the writing thread and the test both touch, under a lock.
    final class Log: @unchecked Sendable {
        private let lock = NSLock()
        private var values: [Int] = []
        func append(_ value: Int) { lock.lock(); values.append(value); lock.unlock() }
        var all: [Int] { lock.lock(); defer { lock.unlock() }; return values }
    }

    struct Refused: Error, Equatable { let number: Int }

    @Test func writesRunInTheOrderAskedAndSettleWaitsForThem() throws {
        let writer = WriteBehind(capacity: 8)
        defer { writer.stop() }
        let log = Log()
        for number in 0..<5_000 {
            try writer.submit {
                if number % 997 == 0 { Thread.sleep(forTimeInterval: 0.002) }
                log.append(number)
            }
        }
        try writer.settle()
        #expect(log.all == Array(0..<5_000))
    }

    @Test func aFailedWriteStopsTheOnesAfterItAndReachesTheNextSubmitAndSettle() throws {
        let writer = WriteBehind(capacity: 4)
        defer { writer.stop() }
        let log = Log()
        for number in 0..<3 { try writer.submit { log.append(number) } }
        try writer.submit { throw Refused(number: 3) }
        for number in 4..<6 { try? writer.submit { log.append(number) } }
        #expect(throws: Refused(number: 3)) { try writer.settle() }
        #expect(throws: Refused(number: 3)) { try writer.submit { log.append(99) } }
        writer.stop()
        #expect(log.all == [0, 1, 2])
    }

    @Test func stopRunsWhatIsQueued() throws {
        let writer = WriteBehind(capacity: 64)
        let log = Log()
        for number in 0..<50 { try writer.submit { Thread.sleep(forTimeInterval: 0.0005); log.append(number) } }
        writer.stop()
        writer.stop()
        #expect(log.all == Array(0..<50))
    }

    /// Writes wait up to the capacity in weight, not in number: with the writing thread held, two writes of
    /// weight 4 wait in a capacity of 10 and a third waits to be queued; a write heavier than the capacity
    /// still goes in once the queue is empty, and every write runs in the order asked.
    @Test func writesWaitUpToTheCapacityInWeight() throws {
        let writer = WriteBehind(capacity: 10, batch: 1)
        defer { writer.stop() }
        let log = Log()
        let gate = DispatchSemaphore(value: 0)
        let holding = DispatchSemaphore(value: 0)
        try writer.submit { holding.signal(); gate.wait(); log.append(0) }
        holding.wait()
        let queued = Log()
        let producer = Thread {
            for number in 1...4 {
                try? writer.submit(weight: 4) { log.append(number) }
                queued.append(number)
            }
            try? writer.submit(weight: 50) { log.append(5) }
            queued.append(5)
        }
        producer.start()
        let deadline = Date().addingTimeInterval(10)
        while queued.all.count < 2 && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        Thread.sleep(forTimeInterval: 0.2)
        #expect(queued.all == [1, 2])
        gate.signal()
        while queued.all.count < 5 && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        try writer.settle()
        #expect(queued.all == [1, 2, 3, 4, 5])
        #expect(log.all == [0, 1, 2, 3, 4, 5])
    }

    /// Through the ledger: a read on the run's thread sees every record written behind before it,
    /// and after `stopWritingBehind` writes run at once again.
    @Test func aLedgerReadSeesTheRecordsWrittenBehindBeforeIt() throws {
        let url = try TestPaths.temporaryFolder().appendingPathComponent("ledger.sqlite")
        let ledger = try Ledger(url: url, lockingFor: "write-behind test", wait: 0)
        let batch = try ledger.begin(startedAt: "2026-12-06T00:00:00Z", output: "/out")
        func total(_ id: String) throws -> Int64? {
            try ledger.database.integer("SELECT CAST(total * 100 AS INTEGER) FROM export WHERE batch = ? AND source_id = ?", [.integer(batch), .text(id)])
        }
        ledger.startWritingBehind()
        for number in 0..<2_000 {
            try ledger.later { ledger in
                try ledger.record(LedgerEntry(entity: .invoice, sourceID: "INV\(number)", hash: "h", fields: "total: \(number).00",
                                              customer: "C", total: Money(cents: Int64(number)), targets: "iif/quickbooks.iif"))
            }
            if number % 250 == 0 {
                #expect(try total("INV\(number)") == Int64(number))
            }
        }
        #expect(try !ledger.openBatchIsEmpty)
        ledger.stopWritingBehind()
        let log = Log()
        try ledger.later { ledger in
            try ledger.record(LedgerEntry(entity: .invoice, sourceID: "now", hash: "h", fields: "", targets: ""))
            log.append(1)
        }
        #expect(log.all == [1], "once stopped, a write runs before `later` returns")
        #expect(try ledger.database.integer("SELECT COUNT(*) FROM export WHERE batch = ?", [.integer(batch)]) == 2_001)
        ledger.abandon()
    }
}
