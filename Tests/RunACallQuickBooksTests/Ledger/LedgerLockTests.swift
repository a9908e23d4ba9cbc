import Foundation
import Testing
@testable import RunACallQuickBooks

/// One writer per ledger; atomic migrations; batch numbers never given twice.
@Suite struct LedgerLockTests {
    @Test func aSecondWriterWaitsThenStopsNamingTheHolder() throws {
        let url = try TestPaths.temporaryFolder().appendingPathComponent("ledger.sqlite")
        let holder = try Ledger(url: url, lockingFor: "rac2qb convert")
        let clock = ContinuousClock()
        let started = clock.now
        do {
            _ = try Ledger(url: url, lockingFor: "rac2qb ingest", wait: 0.3)
            Issue.record("a second writer must not get the ledger")
        } catch let error as FatalError {
            #expect(error.kind == .unwritableOutput, "exit 3")
            let pid = ProcessInfo.processInfo.processIdentifier
            #expect(error.description.hasPrefix("ledger \(url.path) is held by rac2qb convert, pid \(pid) on \(SystemCalls.hostName), since 20"))
        }
        #expect(clock.now - started >= .milliseconds(300), "it waited")
        #expect(try Ledger(url: url).batches().isEmpty, "a reader is never kept out")
        _ = holder
    }

    @Test func theLockIsGivenUpWithTheLedger() throws {
        let url = try TestPaths.temporaryFolder().appendingPathComponent("ledger.sqlite")
        do { _ = try Ledger(url: url, lockingFor: "rac2qb convert") }
        _ = try Ledger(url: url, lockingFor: "rac2qb convert", wait: 0)
    }

    @Test func concurrentFirstOpensCreateTheSchemaOnce() throws {
        for attempt in 1...20 {
            let url = try TestPaths.temporaryFolder("schema\(attempt)").appendingPathComponent("ledger.sqlite")
            let errors = Errors()
            DispatchQueue.concurrentPerform(iterations: 4) { _ in
                do { _ = try Ledger(url: url).batches() } catch { errors.add("\(error)") }
            }
            #expect(errors.all.isEmpty, "attempt \(attempt)")
        }
    }

    private final class Errors: @unchecked Sendable {
        private let lock = NSLock()
        private var list: [String] = []
        func add(_ error: String) { lock.withLock { list.append(error) } }
        var all: [String] { lock.withLock { list } }
    }

    @Test func batchNumbersAreNeverGivenAgainAfterAnUndo() throws {
        let url = try TestPaths.temporaryFolder().appendingPathComponent("ledger.sqlite")
        let ledger = try Ledger(url: url, lockingFor: "test")
        for expected: Int64 in [1, 2] {
            #expect(try ledger.begin(startedAt: "t", output: "/out") == expected)
            try ledger.record(LedgerTests.entry("\(expected)"))
            try ledger.seal(files: [])
            try ledger.markCommitted()
        }
        try ledger.forget(batch: 2)
        #expect(try ledger.begin(startedAt: "t", output: "/out") == 3, "not 2 again")
        ledger.abandon()
        #expect(try ledger.begin(startedAt: "t", output: "/out") == 3, "an abandoned batch gives its number back: it never existed")
    }
}
