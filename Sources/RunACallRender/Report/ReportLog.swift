import Foundation
import RunACallDecide
import RunACallRead
import RunACallSupport

/// Collects report rows as the run streams: each row goes into the summary's counts, the failure and
/// warning groups, and the temporary spool the report's files are rendered from (memory stays flat).
public final class ReportLog {
    private let spool: ReportRowSpool
    public private(set) var summary = ReportSummary()
    /// How many rows were added (source rows and rows created on their behalf).
    public private(set) var rowCount = 0
    /// The failed rows, grouped by error.
    public private(set) var failures = FailureGroups()
    /// The rows written with a caveat, grouped by warning.
    public private(set) var warnings = WarningGroups()

    public init(staging: URL) throws {
        spool = try ReportRowSpool(url: staging.appendingPathComponent("report-rows.spool"))
    }

    public func add(_ row: ReportRow) throws {
        summary.count(row)
        rowCount += 1
        failures.add(row)
        warnings.add(row)
        try spool.append(row)
    }

    /// Notes the entities the export has no file for; those it has are counted, at zero when empty.
    public func recordAbsent(_ entities: [ExportEntity]) { summary.recordAbsent(entities) }

    /// Adds what the whole run tells the user once (the summary's notes).
    public func recordNotes(_ notes: [String]) { summary.notes += notes }

    /// Updates the payment and payout figures of the summary.
    public func recordMoney(_ update: (inout ReportSummary) -> Void) { update(&summary) }

    public func recordInvoice(status: InvoiceStatus?, total: Money?, date: CalendarDate?, row: RowStatus, written: QBInvoice?,
                       formats: [OutputFormat], earlierBatch: Bool = false) {
        summary.invoice(status: status, total: total, date: date, row: row, written: written, formats: formats, earlierBatch: earlierBatch)
    }

    /// Reads the rows back in order, calling `body` for each.
    func forEachRow(_ body: (ReportRow) throws -> Void) throws { try spool.forEachRow(body) }
}
