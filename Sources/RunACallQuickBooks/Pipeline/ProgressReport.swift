import Foundation

/// Where a long run is, for the one progress line on a terminal: the stage
/// (the file being read), the records done of the total when known, the rate
/// and the time left (ETA) at that rate.
public struct ProgressReport: Sendable, Equatable {
    /// What is being read: "invoices", "payments", ...
    public let stage: String
    /// The stage's records done so far.
    public let done: Int
    /// The stage's records, when a pre-pass counted them.
    public let total: Int?
    /// Seconds since the stage began.
    public let elapsed: Double

    /// Where a stage is: `done` of `total` (nil when not counted) records after `elapsed` seconds.
    public init(stage: String, done: Int, total: Int?, elapsed: Double) {
        self.stage = stage
        self.done = done
        self.total = total
        self.elapsed = elapsed
    }

    /// Records a second, once some time has passed.
    public var rate: Int? { elapsed > 0 ? Int((Double(done) / elapsed).rounded()) : nil }

    /// The line: `rac2qb: invoices 12,000 of 100,000 records, 8,000/s, ETA 11 s`.
    public var line: String {
        var text = "rac2qb: \(stage) \(Self.grouped(done))"
        if let total { text += " of \(Self.grouped(total))" }
        text += " records"
        guard let rate, rate > 0 else { return text }
        text += ", \(Self.grouped(rate))/s"
        if let total, total >= done { text += ", ETA \(Self.duration(seconds: (total - done + rate - 1) / rate))" }
        return text
    }

    /// `1234567` → `1,234,567`.
    static func grouped(_ number: Int) -> String {
        let digits = String(number.magnitude)
        var text = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { text += "," }
            text.append(digit)
        }
        return number < 0 ? "-" + text : text
    }

    /// `42 s`, `3 min 05 s`, `2 h 07 min`.
    static func duration(seconds: Int) -> String {
        if seconds < 60 { return "\(seconds) s" }
        let two = { (value: Int) in value < 10 ? "0\(value)" : String(value) }
        if seconds < 3_600 { return "\(seconds / 60) min \(two(seconds % 60)) s" }
        return "\(seconds / 3_600) h \(two(seconds % 3_600 / 60)) min"
    }
}

/// The progress line on standard error: written only when it is a terminal and not `--quiet`,
/// each time over the last one (carriage return, then the rest of the old line erased).
public enum ProgressLine {
    /// The handler for `ConversionOptions.progress`; nil when standard error is not a terminal or `quiet`.
    public static func onStandardError(quiet: Bool) -> (@Sendable (ProgressReport) -> Void)? {
        guard !quiet, SystemCalls.isTerminal(STDERR_FILENO) else { return nil }
        return { report in Console.progress(report.line) }
    }
}
