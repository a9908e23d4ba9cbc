import Foundation

/// A CSV export file read through its header row.
final class CSVTable {
    let rows: CSVRowReader
    let columns: [String]
    private let indexOf: [String: Int]

    init(url: URL) throws {
        rows = try CSVRowReader(url: url)
        do {
            guard let header = try rows.next() else {
                throw FatalError(.unreadableInput, "\(url.lastPathComponent): empty file, expected a header row")
            }
            columns = header.cells.map { $0.trimmingCharacters(in: .whitespaces) }
        } catch let error as CSVRowError {
            throw FatalError(.unreadableInput, "\(url.lastPathComponent):\(error.line): the header row is malformed: \(error.reason)")
        }
        var indexOf: [String: Int] = [:]
        for (position, name) in columns.enumerated() where indexOf[name] == nil { indexOf[name] = position }
        self.indexOf = indexOf
    }

    var fileName: String { rows.fileName }

    /// The next non-blank row, with a problem when it is malformed or has the wrong cell count.
    func nextRow() throws -> (row: CSVRow, problem: Problem?)? {
        while true {
            let row: CSVRow
            do {
                guard let next = try rows.next() else { return nil }
                row = next
            } catch let error as CSVRowError {
                return (CSVRow(line: error.line, cells: []), malformed(line: error.line, reason: error.reason))
            }
            if row.cells.allSatisfy({ $0.isEmpty }) { continue }
            if row.cells.count != columns.count {
                let reason = "\(row.cells.count) cells where the header has \(columns.count)"
                return (row, malformed(line: row.line, reason: reason))
            }
            return (row, nil)
        }
    }

    /// The cell of `column` in `row`, nil when the column is absent or the cell empty.
    func cell(_ column: String, in row: CSVRow) -> String? {
        guard let position = indexOf[column], position < row.cells.count else { return nil }
        let value = row.cells[position]
        return value.isEmpty ? nil : value
    }

    private func malformed(line: Int, reason: String) -> Problem {
        Problem("Invalid record: malformed CSV row (\(reason))",
                fix: "Correct line \(line) of \(fileName) (RFC 4180: quote cells holding commas, quotes or line breaks), then re-run.")
    }
}

/// Builds the JSON shape of the export contract from CSV cells, so one decoder serves every format.
enum CSVShape {
    /// `billing_line1` … `billing_country` as an address object, nil when all are empty.
    static func address(prefix: String, table: CSVTable, row: CSVRow) -> JSONValue? {
        var members: [String: JSONValue] = [:]
        for field in ["line1", "line2", "city", "state", "postal_code", "country"] {
            if let value = table.cell("\(prefix)_\(field)", in: row) { members[field] = .string(value) }
        }
        return members.isEmpty ? nil : .object(members)
    }

    /// Copies the listed columns as string members.
    static func copy(_ columns: [String], as names: [String]? = nil, table: CSVTable, row: CSVRow,
                     into members: inout [String: JSONValue]) {
        for (position, column) in columns.enumerated() {
            if let value = table.cell(column, in: row) { members[names?[position] ?? column] = .string(value) }
        }
    }
}

/// Streams a flat CSV entity file (customers, items, payments, payouts): one row, one record.
final class CSVFlatRecordStream: RawRecordStream {
    private let table: CSVTable

    init(url: URL) throws { table = try CSVTable(url: url) }

    func next() throws -> RawRecord? {
        guard let (row, problem) = try table.nextRow() else { return nil }
        let location = SourceLocation.line(row.line, in: table.fileName)
        let id = table.cell("id", in: row)
        if let problem {
            return RawRecord(location: location, content: .failure(problem), fromCSV: true, rowLines: [row.line], id: id)
        }
        var members: [String: JSONValue] = [:]
        for column in table.columns where !column.hasPrefix("billing_") && !column.hasPrefix("service_") {
            if let value = table.cell(column, in: row) { members[column] = .string(value) }
        }
        members["billing_address"] = CSVShape.address(prefix: "billing", table: table, row: row)
        members["service_address"] = CSVShape.address(prefix: "service", table: table, row: row)
        return RawRecord(location: location, content: .success(.object(members)), fromCSV: true,
                         rowLines: [row.line], id: id)
    }
}
