import Foundation
import Testing
@testable import RunACallQuickBooks
@testable import RunACallSupport
@testable import RunACallDecide

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
            #expect(error.kind == .ledgerBusy, "exit 3, the ledger held by another run")
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

    /// Run A sealed its batch and is publishing (one file of two in place) when run B starts: B must not
    /// take A's batch for a crashed one (it used to rename A's file `*.abandoned` and forget A's batch).
    @Test func recoveryNeverTakesTheBatchOfALiveRun() throws {
        let folder = try TestPaths.temporaryFolder()
        let url = folder.appendingPathComponent("ledger.sqlite")
        let published = folder.appendingPathComponent("a/iif/quickbooks.iif")
        try FileManager.default.createDirectory(at: published.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("!HDR\r\n".utf8).write(to: published)
        let live = try Ledger(url: url, lockingFor: "rac2qb convert")
        _ = try live.begin(startedAt: "t", output: folder.appendingPathComponent("a").path)
        try live.record(LedgerTests.entry("1"))
        try live.seal(files: [("iif/quickbooks.iif", FileDigest.of(published) ?? ""), ("qbxml/requests.xml", "not yet")])

        let configuration = try ConfigurationLoader.load(contentsOf: Conversion.sampleConfig)
        let second = ConversionOptions(exportPaths: [TestPaths.samples.appendingPathComponent("export")], configuration: configuration,
                                       outputDirectory: folder.appendingPathComponent("b"), ledger: url, ledgerWait: 0.2)
        #expect(throws: FatalError.self, "the ledger is held") { try Converter.run(second) }
        #expect(FileManager.default.fileExists(atPath: published.path), "A's file stays in place")
        try live.markCommitted()
        #expect(try Ledger(url: url).batches().map(\.id) == [1], "A's batch is committed, not forgotten")
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
