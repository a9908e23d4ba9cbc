import Foundation

/// Collects report rows as the run streams: each row goes into the summary's counts, the failure and
/// warning groups, and the temporary spool the report's files are rendered from (memory stays flat).
final class ReportLog {
    private let spool: ReportRowSpool
    private(set) var summary = ReportSummary()
    /// How many rows were added (source rows and rows created on their behalf).
    private(set) var rowCount = 0
    /// The failed rows, grouped by error.
    private(set) var failures = FailureGroups()
    /// The rows written with a caveat, grouped by warning.
    private(set) var warnings = WarningGroups()

    init(staging: URL) throws {
        spool = try ReportRowSpool(url: staging.appendingPathComponent("report-rows.spool"))
    }

    func add(_ row: ReportRow) throws {
        summary.count(row)
        rowCount += 1
        failures.add(row)
        warnings.add(row)
        try spool.append(row)
    }

    /// Notes the entities the export has no file for; those it has are counted, at zero when empty.
    func recordAbsent(_ entities: [ExportEntity]) { summary.recordAbsent(entities) }

    /// Adds what the whole run tells the user once (the summary's notes).
    func recordNotes(_ notes: [String]) { summary.notes += notes }

    /// Updates the payment and payout figures of the summary.
    func recordMoney(_ update: (inout ReportSummary) -> Void) { update(&summary) }

    func recordInvoice(status: InvoiceStatus?, total: Money?, date: CalendarDate?, row: RowStatus, written: QBInvoice?,
                       formats: [OutputFormat], earlierBatch: Bool = false) {
        summary.invoice(status: status, total: total, date: date, row: row, written: written, formats: formats, earlierBatch: earlierBatch)
    }

    /// Reads the rows back in order, calling `body` for each.
    func forEachRow(_ body: (ReportRow) throws -> Void) throws { try spool.forEachRow(body) }
}
