import Foundation

/// Collects report rows as the run streams: each row goes to a temporary
/// CSV file (memory stays flat) and into the summary's counts.
final class ReportLog {
    private let file: PartFile
    private(set) var summary = ReportSummary()
    /// How many rows were added (source rows and rows created on their behalf).
    private(set) var rowCount = 0

    init(staging: URL) throws {
        file = try PartFile(url: staging.appendingPathComponent("report-rows.csv"))
    }

    func add(_ row: ReportRow) throws {
        summary.count(row)
        rowCount += 1
        var stored = CSVRows(guarding: false)
        stored.row(row.storedCells)
        try file.append(stored.bytes)
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
    func forEachRow(_ body: (ReportRow) throws -> Void) throws {
        try file.flush()
        let reader = try CSVRowReader(url: file.url)
        while let row = try reader.next() {
            guard let stored = ReportRow(storedCells: row.cells) else {
                throw FatalError(.unwritableOutput, "\(file.url.path):\(row.line): the report's temporary rows are damaged")
            }
            try body(stored)
        }
    }
}
