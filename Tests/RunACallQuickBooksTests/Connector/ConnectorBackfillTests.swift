import ExportGenerator
import Foundation
import Testing
@testable import RunACallQuickBooks

/// A 100,000-invoice backfill through the Web Connector as QBWC takes it (`scripts/benchmark-connector.sh`: the
/// release `rac2qb connector` driven over HTTP by a QBWC stand-in whose QuickBooks answers every request done):
/// documents of at most 100 requests, every request of the files handed out once and answered, none in doubt or
/// waiting, and the service's peak memory at 100,000 invoices within 1.3 × its peak at 10,000. It needs the
/// release build `.ci/run` installs (`.build-install`), so it runs under `CI=true` (or with `RAC2QB_RELEASE_BIN`)
/// only and says SKIPPED otherwise.
@Suite struct ConnectorBackfillTests {
    /// What the script measured and checked (`result.json`).
    struct Result: Decodable {
        struct Ledger: Decodable {
            let requests: Int
            let answered: Int
            let in_doubt: Int
            let waiting: Int
        }
        let requests_in_files: Int
        let handed_out: Int
        let ledger: Ledger
        let peak_mb: Int
        let seconds: Double
    }

    /// A folder holding a release `rac2qb` to use instead of `.build-install/release` (a run outside CI).
    static var releaseBinaries: URL? { ProcessInfo.processInfo.environment["RAC2QB_RELEASE_BIN"].map { URL(fileURLWithPath: $0) } }

    static func backfill(_ invoices: Int) throws -> Result {
        let work = try TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: work) }  // 10,000 and 100,000 invoices: about 800 MB on disk
        let export = work.appendingPathComponent("export-\(invoices)")
        _ = try ExportGenerator(invoiceCount: invoices, customerCount: invoices / 4).writeWithPayments(format: .jsonl, to: export)
        try Data().write(to: export.appendingPathComponent("done"))
        let binaries = Self.releaseBinaries ?? TestPaths.packageRoot.appendingPathComponent(".build-install/release")
        let script = TestPaths.packageRoot.appendingPathComponent("scripts/benchmark-connector.sh").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [script, String(invoices), "100", work.path]
        process.currentDirectoryURL = TestPaths.packageRoot
        process.environment = ProcessInfo.processInfo.environment.merging(["RAC2QB_BIN": binaries.path]) { $1 }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(output)")
        print("connector backfill of \(invoices) invoices:\n\(output)")
        return try JSONDecoder().decode(Result.self, from: Data(contentsOf: work.appendingPathComponent("result.json")))
    }

    /// Minutes of waiting for the script: on a queue of its own, not on one of the few threads every other test awaits on.
    @Test func aHundredThousandInvoicesGoThroughInBoundedDocumentsOnceEachWithFlatMemory() async throws {
        guard TestPaths.isCI || Self.releaseBinaries != nil else {
            print("SKIPPED: the 100,000-invoice Web Connector backfill needs a release build: it runs under CI=true (with the one "
                + ".ci/run installs) or with RAC2QB_RELEASE_BIN naming a folder that holds a release rac2qb")
            return
        }
        let (small, large) = try await onOwnExecutor { (try Self.backfill(10_000), try Self.backfill(100_000)) }
        for result in [small, large] {
            #expect(result.handed_out == result.requests_in_files, "every request of the files handed out once")
            #expect(result.ledger.answered == result.ledger.requests && result.ledger.in_doubt == 0 && result.ledger.waiting == 0)
        }
        #expect(large.requests_in_files > 9 * small.requests_in_files)
        #expect(Double(large.peak_mb) <= 1.3 * Double(small.peak_mb),
                "memory flat: \(large.peak_mb) MB at 100,000 invoices, \(small.peak_mb) MB at 10,000")
    }
}
