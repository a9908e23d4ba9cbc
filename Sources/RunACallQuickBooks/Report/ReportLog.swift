import Foundation

/// Collects report rows as the run streams: each row goes to a temporary
/// JSON Lines file (memory stays flat) and into the summary's counts.
final class ReportLog {
    private let file: PartFile
    private let encoder: JSONEncoder
    private(set) var summary = ReportSummary()
    init(staging: URL) throws {
        file = try PartFile(url: staging.appendingPathComponent("report-rows.jsonl"))
        encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    }

    func add(_ row: ReportRow) throws {
        summary.count(row)
        var data = try encoder.encode(row)
        data.append(0x0A)
        try file.append(data)
    }

    func recordInvoice(status: InvoiceStatus?, total: Money?, row: RowStatus, written: QBInvoice?, formats: [OutputFormat]) {
        summary.invoice(status: status, total: total, row: row, written: written, formats: formats)
    }

    /// Reads the rows back in order, calling `body` for each.
    func forEachRow(_ body: (ReportRow) throws -> Void) throws {
        try file.flush()
        let reader = try ByteReader(url: file.url)
        let decoder = JSONDecoder()
        while let line = reader.readLine() {
            guard !line.isEmpty else { continue }
            try body(decoder.decode(ReportRow.self, from: Data(line)))
        }
    }
}
