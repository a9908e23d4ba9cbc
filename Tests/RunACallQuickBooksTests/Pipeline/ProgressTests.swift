import ExportGenerator
import Foundation
import Testing
@testable import RunACallQuickBooks
@testable import RunACallDecide

/// The progress line: its text on given numbers, throttled reports during a run,
/// and nothing at all on a standard error that is not a terminal.
@Suite struct ProgressTests {
    @Test func theLineGivesStageCountsRateAndTimeLeft() {
        let report = ProgressReport(stage: "invoices", done: 12_000, total: 100_000, elapsed: 1.5)
        #expect(report.rate == 8_000)
        #expect(report.line == "rac2qb: invoices 12,000 of 100,000 records, 8,000/s, ETA 11 s")
        #expect(ProgressReport(stage: "invoices", done: 1_000, total: 1_000_000, elapsed: 2).line
            == "rac2qb: invoices 1,000 of 1,000,000 records, 500/s, ETA 33 min 18 s")
        #expect(ProgressReport(stage: "invoices", done: 256, total: 2_000_000, elapsed: 1).line
            == "rac2qb: invoices 256 of 2,000,000 records, 256/s, ETA 2 h 10 min")
        #expect(ProgressReport(stage: "payments", done: 3_072, total: nil, elapsed: 2).line == "rac2qb: payments 3,072 records, 1,536/s")
        #expect(ProgressReport(stage: "customers", done: 256, total: nil, elapsed: 0).line == "rac2qb: customers 256 records")
    }

    @Test func aRunReportsEachStageAtMostEveryQuarterSecond() throws {
        let folder = try TestPaths.temporaryFolder()
        _ = try ExportGenerator(invoiceCount: 3_000, seed: 3).writeWithPayments(format: .csv, to: folder)
        let reports = Reports()
        var options = ConversionOptions(exportPaths: [folder], configuration: try ConfigurationLoader.parse(ExportGenerator.configuration()),
                                        outputDirectory: folder.appendingPathComponent("out"), progress: { reports.add($0) })
        options.startedAt = Conversion.fixedStart
        let started = ContinuousClock.now
        _ = try Converter.run(options)
        let seconds = Double((ContinuousClock.now - started).components.seconds) + 1
        let seen = reports.all
        #expect(Double(seen.count) <= seconds * 4 + 1, "\(seen.count) reports in about \(seconds) s")
        if seconds > 3 { #expect(seen.contains { $0.stage == "invoices" }, "a run of some seconds reports its invoices") }
        for report in seen {
            #expect(report.done % 256 == 0)
            if report.stage == "invoices" { #expect(report.total == 3_000 && report.done <= 3_000) }
        }
    }

    @Test func convertPrintsNoProgressWhenStandardErrorIsNotATerminal() throws {
        let folder = try TestPaths.temporaryFolder()
        _ = try ExportGenerator(invoiceCount: 3_000, seed: 3).writeWithPayments(format: .csv, to: folder)
        let config = folder.appendingPathComponent("rac2qb.yml")
        try Data(ExportGenerator.configuration().utf8).write(to: config)
        let result = try CommandLineTests.run(["convert", folder.path, "--config", config.path, "--no-ledger",
                                               "--out", folder.appendingPathComponent("out").path])
        #expect(result.status == 0 || result.status == 1, "\(result.error)")
        #expect(!result.error.contains("\r"), "no line rewritten in place: \(result.error)")
        #expect(!result.error.contains("records"), "\(result.error)")
        #expect(result.error.hasPrefix("rac2qb: config "), "the run still names its config: \(result.error)")
    }
}

/// Collects the reports a run hands to its progress handler.
private final class Reports: @unchecked Sendable {
    private let lock = NSLock()
    private var reports: [ProgressReport] = []

    func add(_ report: ProgressReport) { lock.withLock { reports.append(report) } }
    var all: [ProgressReport] { lock.withLock { reports } }
}
