/// Counts a run's records and hands a `ProgressReport` to the progress handler
/// at most every quarter second (a monotonic clock, read once every 256
/// records): without a handler it only counts.
final class ProgressMeter {
    private let report: (@Sendable (ProgressReport) -> Void)?
    private let clock = ContinuousClock()
    private let interval = Duration.milliseconds(250)
    private var stage = ""
    private var total: Int?
    private var done = 0
    private var began: ContinuousClock.Instant
    private var shown: ContinuousClock.Instant

    init(report: (@Sendable (ProgressReport) -> Void)?) {
        self.report = report
        began = clock.now
        shown = began
    }

    /// Starts counting the records of `stage` (`total` when known).
    func begin(_ stage: String, total: Int? = nil) {
        self.stage = stage
        self.total = total
        done = 0
        began = clock.now
    }

    /// One more record done.
    func tick() {
        done += 1
        guard let report, done & 255 == 0 else { return }
        let now = clock.now
        guard now - shown >= interval else { return }
        shown = now
        let elapsed = now - began
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        report(ProgressReport(stage: stage, done: done, total: total, elapsed: seconds))
    }
}
