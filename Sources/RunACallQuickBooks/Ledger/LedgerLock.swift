import Foundation

/// The exclusive lock a run holds on a ledger, from its start-up recovery
/// until its batch is committed and the run ends: one run owns a ledger at a
/// time. It is a lock (flock) on `<ledger>.lock` beside the ledger file the
/// system reaches (`LedgerFile`: through a symbolic link or any spelling of
/// its path, one file and one lock), whose content names the holder (command,
/// pid, host, since when) for the run that has to wait. A lock file that is a
/// symbolic link, or not a regular file, is never followed nor written: the
/// run stops. The system releases the lock when the holder ends, even killed;
/// the file itself stays (removing it would let two runs lock two different files).
final class LedgerLock {
    /// How long a run waits for a held ledger before it gives up (exit 3):
    /// `RAC2QB_LEDGER_WAIT_SECONDS`, else 30 seconds.
    static var defaultWait: TimeInterval {
        ProcessInfo.processInfo.environment["RAC2QB_LEDGER_WAIT_SECONDS"].flatMap(TimeInterval.init) ?? 30
    }

    private var descriptor: Int32?

    /// The lock file of a ledger: beside the file its path leads to.
    static func url(of ledger: URL) -> URL { LedgerFile.resolved(ledger.path).appendingPathExtension("lock") }

    /// Takes the lock of `ledger` for `command` (e.g. "rac2qb convert"), waiting up to `wait`
    /// seconds for the run that holds it; then stops naming that run.
    init(ledger: LedgerFile, command: String, wait: TimeInterval) throws {
        let file = ledger.real.appendingPathExtension("lock")
        let descriptor: Int32
        do {
            descriptor = try SystemCalls.openForLocking(file.path)
        } catch {
            throw Self.refusal(file, error.errno)
        }
        let ledger = ledger.named
        let deadline = Date().addingTimeInterval(wait)
        do {
            while try !SystemCalls.tryLock(descriptor) {
                guard Date() < deadline else {
                    SystemCalls.close(descriptor)
                    throw FatalError(.ledgerBusy, Self.heldMessage(ledger: ledger, holder: Self.holder(of: file), waited: wait))
                }
                Thread.sleep(forTimeInterval: 0.05)
            }
            let since = ISO8601DateFormatter().string(from: Date())
            let holder = [command, String(ProcessInfo.processInfo.processIdentifier), SystemCalls.hostName, since].joined(separator: "\t")
            try SystemCalls.overwrite(descriptor, with: Array((holder + "\n").utf8))
        } catch let error as SystemCalls.Failure {
            SystemCalls.close(descriptor)
            throw FatalError(.unwritableOutput, "\(file.path): the ledger cannot be locked: \(OutputFailure.words(errno: error.errno, path: file.path))")
        }
        self.descriptor = descriptor
    }

    deinit { release() }

    /// Gives the ledger up to the next run.
    func release() {
        guard let descriptor else { return }
        SystemCalls.close(descriptor)
        self.descriptor = nil
    }

    /// Why a lock file cannot be opened: a symbolic link or something else than a regular file is never followed nor written.
    private static func refusal(_ file: URL, _ errno: Int32) -> FatalError {
        let fix = "remove it (rac2qb makes it again, a regular file), then run again. Nothing was written."
        switch errno {
        case ELOOP:
            let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: file.path)).map { " to \($0)" } ?? ""
            return FatalError(.unwritableOutput, "\(file.path): the ledger's lock is a symbolic link\(target); a lock is never followed: \(fix)")
        case SystemCalls.notRegularFile:
            return FatalError(.unwritableOutput, "\(file.path): the ledger's lock is not a regular file; it is never written: \(fix)")
        default:
            return FatalError(.unwritableOutput, "\(file.path): the ledger's lock cannot be opened: \(OutputFailure.words(errno: errno, path: file.path))")
        }
    }

    /// The holder the lock file names: command, pid, host, since.
    private static func holder(of file: URL) -> [String] {
        let text = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
        return text.trimmingCharacters(in: .newlines).components(separatedBy: "\t")
    }

    private static func heldMessage(ledger: URL, holder: [String], waited: TimeInterval) -> String {
        let who = holder.count == 4 ? "\(holder[0]), pid \(holder[1]) on \(holder[2]), since \(holder[3])" : "another rac2qb run"
        return "ledger \(ledger.path) is held by \(who); waited \(Int(waited.rounded())) s. "
            + "Wait for that run to finish, then run again (RAC2QB_LEDGER_WAIT_SECONDS sets how long a run waits). Nothing was written."
    }
}
