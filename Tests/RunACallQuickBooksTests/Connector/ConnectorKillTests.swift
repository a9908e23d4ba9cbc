import Foundation
import HummingbirdTesting
import NIOPosix
import Testing
@testable import RunACallConnector
@testable import RunACallQuickBooks
@testable import RunACallSupport

/// The real `rac2qb connector` killed (SIGKILL) before, during and after the ingest of an answer QuickBooks applied,
/// then started again: the next update ends with every invoice, payment and deposit once in QuickBooks, and the
/// ledger consistent (the ingest is one transaction; a request handed out without its answer in is in doubt).
@Suite struct ConnectorKillTests {
    enum Moment: String, CaseIterable, Sendable {
        /// QuickBooks applied the document; the service dies before its answer is posted.
        case beforeTheIngest
        /// The answer is posted and the service dies while it takes it (after 0, 2 and 10 ms).
        case duringTheIngest0, duringTheIngest2, duringTheIngest10
        /// The answer is in; the service dies before closeConnection.
        case afterTheIngest
    }

    /// The binary serving `ledger` on a free port, and a QBWC talking to it over HTTP.
    static func start(_ ledger: URL) async throws -> (Process, RunningConnector) {
        let process = Process()
        process.executableURL = try #require(CommandLineTests.binary, "the rac2qb binary is built with the tests")
        process.arguments = ["connector", "--ledger", ledger.path, "--port", "0", "--max-requests", "2"]
        process.environment = ProcessInfo.processInfo.environment.merging(["RAC2QB_CONNECTOR_PASSWORD": RunningConnector.password]) { $1 }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let byte = output.fileHandleForReading.readData(ofLength: 1)
            guard !byte.isEmpty else { break }
            line.append(byte)
        }
        let address = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let port = try #require(Int(address.split(separator: ":").last?.split(separator: "/").first ?? ""), "the first line: \(address)")
        let client = TestClient(host: ConnectorServer.loopback, port: port, configuration: .init(timeout: .seconds(120)),
                                eventLoopGroupProvider: .shared(MultiThreadedEventLoopGroup.singleton))
        client.connect()
        return (process, RunningConnector(client: client, service: ConnectorService(ledger: ledger)))
    }

    /// Kills the service unless it is already gone (its process identifier may be another's by now).
    static func stop(_ process: Process, _ qbwc: RunningConnector) async {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        try? await qbwc.client.shutdown()
    }

    @Test(arguments: Moment.allCases)
    func aServiceKilledAroundAnIngestLosesAndDoublesNothing(moment: Moment) async throws {
        try await onOwnExecutor { try await Self.killAndRestart(at: moment) }
    }

    static func killAndRestart(at moment: Moment) async throws {
        let ledger = try TestPaths.temporaryFolder().appendingPathComponent("ledger.sqlite")
        nonisolated(unsafe) let quickBooks = FakeQuickBooks()
        _ = try ConnectorQueueTests.october(ledger)
        try ConnectorSettings.prepare(ConnectorQueue(ledger: ledger), user: RunningConnector.user, password: RunningConnector.password)

        let (process, qbwc) = try await start(ledger)
        let (ticket, status) = try await qbwc.authenticate()
        #expect(status == "")
        let requests = try TestPaths.temporaryFolder().appendingPathComponent("requests.xml")
        try Data(try await qbwc.sendRequestXML(ticket).utf8).write(to: requests)
        let answer = try quickBooks.process(requests: requests)
        switch moment {
        case .beforeTheIngest:
            break
        case .duringTheIngest0, .duringTheIngest2, .duringTheIngest10:
            let delay = [Moment.duringTheIngest0: 0, .duringTheIngest2: 2, .duringTheIngest10: 10][moment] ?? 0
            let posting = Task(executorPreference: SerialQueueExecutor.current) { try? await qbwc.receiveResponseXML(ticket, response: answer) }
            try await Task.sleep(for: .milliseconds(delay))
            await stop(process, qbwc)
            _ = await posting.value
        case .afterTheIngest:
            #expect(try await qbwc.receiveResponseXML(ticket, response: answer) > 0)
        }
        await stop(process, qbwc)

        let (again, restarted) = try await start(ledger)
        let update = try await restarted.update(quickBooks)
        #expect(update.status == "" && update.percentages.last == 100, "\(moment): the update after the kill ends")
        #expect(try await restarted.authenticate().status == "none", "\(moment): nothing left")
        await stop(again, restarted)
        ConnectorFaultTests.expectOnce(quickBooks)
        let history = try LedgerHistory.batches(in: ledger)
        #expect(history.allSatisfy { $0.answered == $0.requests && $0.inDoubt == 0 && $0.waiting == 0 }, "\(moment): the ledger holds every answer")
    }
}
