import Dispatch

/// A serial dispatch queue as a task executor: work on it runs on a thread outside Swift concurrency's
/// cooperative pool.
///
/// That pool has as many threads as the machine has cores (two on CI), and Swift Testing queues every
/// test on it at once: a test that awaits a server's answer resumes only after the test bodies queued
/// before it have run, minutes when the suite is large. A test whose awaits race a clock (a client's
/// read timeout, a Web Connector ticket that lapses after 60 s without a call) runs its body, its server
/// and its client on one of these instead, so that its timeline is its own.
final class SerialQueueExecutor: TaskExecutor, @unchecked Sendable {
    private let queue: DispatchQueue
    private static let mark = DispatchSpecificKey<ObjectIdentifier>()

    init(label: String) {
        queue = DispatchQueue(label: label)
        queue.setSpecific(key: Self.mark, value: ObjectIdentifier(self))
    }

    /// Whether the code calling runs on this executor's queue.
    var isRunningHere: Bool { DispatchQueue.getSpecific(key: Self.mark) == ObjectIdentifier(self) }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }

    /// The executor of the test running now, set by `onOwnExecutor`; nil outside it.
    @TaskLocal static var current: SerialQueueExecutor?
}

/// Runs `body` on an executor of its own (`SerialQueueExecutor`), with its child tasks; an unstructured task
/// it starts (a server's) follows with `Task(executorPreference: SerialQueueExecutor.current)`.
/// Inside another `onOwnExecutor`, `body` stays on that one.
func onOwnExecutor<T: Sendable>(_ label: String = #function, _ body: () async throws -> T) async throws -> T {
    if SerialQueueExecutor.current != nil { return try await body() }
    let executor = SerialQueueExecutor(label: "rac2qb.tests.\(label)")
    return try await SerialQueueExecutor.$current.withValue(executor) {
        try await withTaskExecutorPreference(executor) { try await body() }
    }
}
