import Foundation
@testable import RunACallQuickBooks
@testable import RunACallRead

/// The sync report CSV read back as dictionaries.
struct ReportFile {
    let rows: [[String: String]]

    init(_ out: URL) throws {
        let table = try CSVTable(url: out.appendingPathComponent("report/sync-report.csv"))
        var rows: [[String: String]] = []
        while let (row, problem) = try table.nextRow() {
            precondition(problem == nil, "the report itself must be valid CSV")
            rows.append(Dictionary(uniqueKeysWithValues: table.columns.map { ($0, table.cell($0, in: row) ?? "") }))
        }
        self.rows = rows
    }

    func rows(_ entity: String) -> [[String: String]] { rows.filter { $0["entity_type"] == entity } }

    /// The invoice rows (one per source invoice record).
    var invoices: [[String: String]] { rows("invoice") }
}
