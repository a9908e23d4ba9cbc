import Foundation
import RunACallQuickBooks

/// The desk's long work (check, convert, from-quickbooks): each runs on a
/// thread of its own, off the server's event loops, and the page polls its
/// state, stage and counts (`GET /api/jobs/{job}`).
final class JobBoard: @unchecked Sendable {
    /// What a page sees of a job.
    struct Job: Sendable {
        enum State: String, Sendable { case running, done, failed }
        var state = State.running
        var stage = "starting"
        var done = 0
        var total: Int?
        /// When done: the run's summary (as `sync-report.json`'s) and what the job adds (`batch`, `export`, ...), as JSON.
        var summary: Data?
        /// When failed: the error, as desk.md's JSON error object.
        var error: Data?
    }

    private let lock = NSLock()
    private var jobs: [String: Job] = [:]
    private var count = 0

    /// Starts `work` on its own thread and returns the job's id at once; `work` is told the run's progress and
    /// returns the summary JSON when it succeeds.
    func start(_ work: @escaping @Sendable (_ progress: @escaping @Sendable (ProgressReport) -> Void) throws -> Data) -> String {
        let id = lock.withLock { () -> String in
            count += 1
            let id = "job-\(count)"
            jobs[id] = Job()
            return id
        }
        let thread = Thread { [self] in
            do {
                let summary = try work { report in self.update(id) { $0.stage = report.stage; $0.done = report.done; $0.total = report.total } }
                update(id) { $0.state = .done; $0.summary = summary }
            } catch {
                update(id) { $0.state = .failed; $0.error = DeskErrors.json(for: error) }
            }
        }
        thread.stackSize = 8 << 20
        thread.start()
        return id
    }

    /// The job as a page sees it, or nil when no such job.
    func job(_ id: String) -> Job? { lock.withLock { jobs[id] } }

    private func update(_ id: String, _ change: (inout Job) -> Void) {
        lock.withLock { change(&jobs[id, default: Job()]) }
    }

    /// `{"state", "stage", "done", "total", "summary"}` (and `error` when failed).
    static func json(_ job: Job) -> Data {
        var text = #"{"state":"\#(job.state.rawValue)","stage":"#
        text += DeskJSON.quoted(job.stage) + #","done":\#(job.done),"total":"# + (job.total.map(String.init) ?? "null")
        if let summary = job.summary { text += #","summary":"# + String(decoding: summary, as: UTF8.self) }
        if let error = job.error { text += #","error":"# + String(decoding: error, as: UTF8.self) }
        return Data((text + "}").utf8)
    }
}
