import Foundation
@testable import RunACallQuickBooks
@testable import RunACallSupport

/// Where the tests write: one folder per test process, `rac2qb-tests-<pid>` in the system's
/// temporary folder, removed when the process exits. Roots left by test processes that died
/// (a crash, a kill) are removed by the next one, so test runs never fill the disk.
enum TestScratch {
    private static let prefix = "rac2qb-tests-"

    /// This process's root, made on first use.
    static let root: URL = {
        let temporary = FileManager.default.temporaryDirectory
        removeRootsOfDeadProcesses(in: temporary)
        let url = temporary.appendingPathComponent("\(prefix)\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.removeItem(at: url)
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(at: TestScratch.root) }
        return url
    }()

    private static func removeRootsOfDeadProcesses(in temporary: URL) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: temporary.path)) ?? []
        for name in names where name.hasPrefix(prefix) {
            guard let pid = Int32(name.dropFirst(prefix.count)), !SystemCalls.isAlive(pid) else { continue }
            try? FileManager.default.removeItem(at: temporary.appendingPathComponent(name))
        }
    }
}
