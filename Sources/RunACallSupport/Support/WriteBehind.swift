import Foundation

/// Runs writes on a thread of its own, in the order they were asked, while the run goes on (the
/// second core): the ledger's records (`Ledger.later`) and the QuickBooks files' bytes (`RenderSink`).
/// Whoever else touches what they write first waits until every write asked before has run
/// (`settle`), so it finds it exactly as if each write had run when asked: what the run decides,
/// what the ledger ends up holding and every byte written are the same with or without it.
/// Writes wait up to `capacity` in weight (one each unless the caller says what a write holds, such as a
/// deposit's lines), so memory stays flat. A write that fails stops the ones after
/// it; its error reaches the run at its next write or at `settle`.
/// The writing thread is woken once writes of `batch` in weight wait (or someone waits for them), not for each.
public final class WriteBehind: @unchecked Sendable {
    private let capacity: Int
    private let batch: Int
    /// Guards `jobs`, `waiting`, `running`, `settling`, `failure` and `stopped`; signalled when either side moves.
    private let condition = NSCondition()
    private var jobs: [() throws -> Void] = []
    /// The weight of the jobs waiting.
    private var waiting = 0
    /// Whether the writing thread is running a batch of jobs it took.
    private var running = false
    /// How many callers wait in `settle`.
    private var settling = 0
    private var failure: Error?
    private var stopped = false
    private let done = DispatchSemaphore(value: 0)
    private var thread: Thread?

    public init(capacity: Int = 256, batch: Int = 64) {
        self.capacity = capacity
        self.batch = min(batch, capacity)
        let thread = Thread { [self] in work() }
        thread.stackSize = 8 << 20
        self.thread = thread
        thread.start()
    }

    /// Whether this is the writing thread (which never waits for itself).
    var isCurrentThread: Bool { Thread.current === thread }

    /// Queues `job`, waiting while the jobs already waiting and this one's `weight` (at least 1) would pass the
    /// capacity (a job heavier than that waits for an empty queue); throws the error of an earlier job that failed
    /// (then `job` never runs).
    public func submit(weight: Int = 1, _ job: @escaping () throws -> Void) throws {
        let weight = max(weight, 1)
        condition.lock()
        defer { condition.unlock() }
        while waiting > 0 && waiting + weight > capacity && failure == nil { condition.wait() }
        if let failure { throw failure }
        jobs.append(job)
        let before = waiting
        waiting += weight
        if before < batch && waiting >= batch { condition.broadcast() }
    }

    /// Waits until every job queued has run; throws the error of one that failed.
    public func settle() throws {
        condition.lock()
        defer { condition.unlock() }
        settling += 1
        condition.broadcast()
        while !jobs.isEmpty || running { condition.wait() }
        settling -= 1
        if let failure { throw failure }
    }

    /// Runs what is queued, then ends the writing thread and waits for it (once).
    public func stop() {
        condition.lock()
        guard !stopped else { condition.unlock(); return }
        stopped = true
        condition.broadcast()
        condition.unlock()
        done.wait()
    }

    private func work() {
        defer { done.signal() }
        while true {
            condition.lock()
            while !stopped && (jobs.isEmpty || waiting < batch && settling == 0) { condition.wait() }
            if jobs.isEmpty {
                condition.unlock()
                return
            }
            let batch = jobs
            jobs.removeAll(keepingCapacity: true)
            waiting = 0
            running = true
            condition.broadcast()
            condition.unlock()
            var jobFailure: Error?
            for job in batch {
                do { try job() } catch {
                    jobFailure = error
                    break
                }
            }
            condition.lock()
            running = false
            if let jobFailure {
                failure = failure ?? jobFailure
                jobs.removeAll()
                waiting = 0
            }
            condition.broadcast()
            condition.unlock()
        }
    }
}
