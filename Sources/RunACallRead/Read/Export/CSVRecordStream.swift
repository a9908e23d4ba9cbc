import Foundation
import RunACallSupport

/// A CSV export file read through its header row.
public final class CSVTable {
    let rows: CSVRowReader
    public let columns: [String]
    private let indexOf: [String: Int]

    /// Opens a CSV file reported as `name`; throws `.unreadableInput` when the
    /// file is empty, its header malformed, or a `required` column is missing.
    public init(url: URL, name: String? = nil, required: [String] = [], encoding: ExportEncoding = .utf8) throws {
        rows = try CSVRowReader(url: url, name: name, encoding: encoding)
        let fileName = rows.fileName
        guard let header = try rows.next() else {
            throw FatalError(.unreadableInput, "\(fileName): empty file, expected a header row")
        }
        if let problem = header.problem {
            throw FatalError(.unreadableInput, "\(fileName):\(header.line): the header row is malformed: \(problem.reason)")
        }
        columns = header.cells.map { $0.trimmingCharacters(in: .whitespaces) }
        rows.columnNames = columns
        var indexOf: [String: Int] = [:]
        for (position, name) in columns.enumerated() where indexOf[name] == nil { indexOf[name] = position }
        self.indexOf = indexOf
        let missing = required.filter { indexOf[$0] == nil }
        guard missing.isEmpty else {
            let unclaimed = columns.filter { !required.contains($0) }
            let each = missing.map { column in
                CSVHeaderMatch.closest(to: column, in: unclaimed).map { "no column \(column); found \"\($0)\"" } ?? "no column \(column)"
            }
            throw FatalError(.unreadableInput, "\(fileName): \(each.joined(separator: "; ")) (the header row must name, exactly: \(required.joined(separator: ", ")))")
        }
    }

    var fileName: String { rows.fileName }

    /// The next non-blank row, with a problem when it is malformed or has the wrong cell count.
    public func nextRow() throws -> (row: CSVRow, problem: Problem?)? {
        while let row = try rows.next() {
            if row.problem == nil, row.cells.allSatisfy({ $0.isEmpty }) { continue }
            return (row, malformation(of: row) == nil ? nil : malformed([row]))
        }
        return nil
    }

    /// The next non-blank row's cell at `position` as `cell(at:in:)` reads it, and whether the row is
    /// malformed as `nextRow` finds it, with the row's other cells never made into text (the id pass).
    func nextRowCell(at position: Int?) throws -> (cell: String?, malformed: Bool)? {
        while let row = try rows.nextSketch(keeping: position) {
            if row.problem == nil, row.isBlank { continue }
            let malformed = row.problem != nil || row.cellCount != columns.count
            let cell = row.problem?.cell == position ? nil : row.cell
            return (cell?.isEmpty == false ? cell : nil, malformed)
        }
        return nil
    }

    /// Why `row` cannot be read as written (`line 18: text is not valid UTF-8 in
    /// column line_description; allowed: UTF-8 text`), nil when it can.
    func malformation(of row: CSVRow) -> String? {
        var reason: String
        if let problem = row.problem {
            let place = problem.cell < columns.count ? "column \(columns[problem.cell])" : "cell \(problem.cell + 1), past the header's \(columns.count) columns"
            reason = "\(problem.reason) in \(place); allowed: \(problem.allowed)"
        } else if row.cells.count != columns.count {
            reason = "\(row.cells.count) cells where the header has \(columns.count)"
        } else {
            return nil
        }
        if row.lastLine > row.line {
            reason += "; the row runs from line \(row.line) to line \(row.lastLine): a quote opened on line \(row.line) may have swallowed the lines after it"
        }
        return "line \(row.line): \(reason)"
    }

    /// The failure of a record whose `rows` are malformed: Windows-1252 text when that is what every one holds.
    func malformed(_ rows: [CSVRow]) -> Problem {
        let lines = rows.map(\.line)
        let bad = lines.count == 1 ? "line \(lines[0])" : "lines \(lines.map(String.init).joined(separator: ", "))"
        let reasons = rows.compactMap(malformation)
        if rows.allSatisfy({ $0.problem?.windows1252 == true && $0.lastLine == $0.line && $0.cells.count == columns.count }) {
            return .windows1252Text(reasons: reasons, lines: bad, file: fileName)
        }
        return .malformedCSV(reasons: reasons, lines: bad, file: fileName)
    }

    /// The cell of `column` in `row`, nil when the column is absent or the cell empty.
    /// A malformed row's cell at fault counts as absent.
    public func cell(_ column: String, in row: CSVRow) -> String? {
        cell(at: indexOf[column], in: row)
    }

    /// The position of each of `columns` in the header (nil for one it lacks), looked up once
    /// so that a stream reads its rows' cells by position.
    func positions(_ columns: [String]) -> [Int?] {
        columns.map { indexOf[$0] }
    }

    /// The cell at `position` (from `positions`) in `row`, as `cell(_:in:)` reads it.
    func cell(at position: Int?, in row: CSVRow) -> String? {
        guard let position, position < row.cells.count, row.problem?.cell != position else { return nil }
        let value = row.cells[position]
        return value.isEmpty ? nil : value
    }
}

/// Builds the JSON shape of the export contract from CSV cells, so one decoder serves every format.
enum CSVShape {
    /// The parts of an address, as its members and (after `prefix_`) its columns are named.
    static let addressFields = ["line1", "line2", "city", "state", "postal_code", "country"]

    /// The positions of `billing_line1` … `billing_country` (for `prefix` billing) in `table`.
    static func addressPositions(prefix: String, table: CSVTable) -> [Int?] {
        table.positions(addressFields.map { "\(prefix)_\($0)" })
    }

    /// The address at `positions` (from `addressPositions`) as an address object, nil when all are empty.
    static func address(_ positions: [Int?], table: CSVTable, row: CSVRow) -> JSONValue? {
        var members: [String: JSONValue] = [:]
        copy(positions, as: addressFields, table: table, row: row, into: &members)
        return members.isEmpty ? nil : .object(members)
    }

    /// Copies the cells at `positions` (from `CSVTable.positions`) as string members named `names`.
    static func copy(_ positions: [Int?], as names: [String], table: CSVTable, row: CSVRow,
                     into members: inout [String: JSONValue]) {
        for (position, name) in zip(positions, names) {
            if let value = table.cell(at: position, in: row) { members[name] = .string(value) }
        }
    }
}

/// Streams a flat CSV entity file (customers, items, payments, payouts): one row, one record.
final class CSVFlatRecordStream: RawRecordStream {
    private let table: CSVTable
    /// The columns copied as they are (all but the address parts), and their positions.
    private let plainColumns: [String]
    private let plainPositions: [Int?]
    private let idPosition: Int?
    private let billing: [Int?]
    private let service: [Int?]

    init(url: URL, name: String? = nil, required: [String] = [], encoding: ExportEncoding = .utf8) throws {
        table = try CSVTable(url: url, name: name, required: required, encoding: encoding)
        plainColumns = table.columns.filter { !$0.hasPrefix("billing_") && !$0.hasPrefix("service_") }
        plainPositions = table.positions(plainColumns)
        idPosition = table.positions(["id"])[0]
        billing = CSVShape.addressPositions(prefix: "billing", table: table)
        service = CSVShape.addressPositions(prefix: "service", table: table)
    }

    func next() throws -> RawRecord? {
        guard let (row, problem) = try table.nextRow() else { return nil }
        let location = SourceLocation.line(row.line, in: table.fileName)
        let id = table.cell(at: idPosition, in: row)
        if let problem {
            return RawRecord(location: location, content: .failure(problem), fromCSV: true, rowLines: [row.line], id: id)
        }
        var members: [String: JSONValue] = [:]
        CSVShape.copy(plainPositions, as: plainColumns, table: table, row: row, into: &members)
        members["billing_address"] = CSVShape.address(billing, table: table, row: row)
        members["service_address"] = CSVShape.address(service, table: table, row: row)
        return RawRecord(location: location, content: .success(RecordNode(.object(members))), fromCSV: true,
                         rowLines: [row.line], id: id)
    }
}
