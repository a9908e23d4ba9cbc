import Foundation
import RunACallDecide
import RunACallSupport

/// The report's rows in a SQLite file, for the desk's review grid: filtered by
/// status, entity and error code, searched, and paged on the server, so that
/// 100,000 invoices never have to be read whole for one page. Failures come
/// first, then rows with a warning, then the rest, each in report order.
public enum ReportRowIndex {
    /// What a page asks for.
    public struct Filter: Sendable {
        /// `Failed`, `Success`, `Skipped`, or `Warning` (rows with a warning).
        public var status: String?
        /// An `entity_type` value (`invoice`, `payment`, ...).
        public var entity: String?
        /// A sync-error code.
        public var code: String?
        /// Text searched in the id, entity, customer and message, without regard to case.
        public var query: String?

        public init(status: String? = nil, entity: String? = nil, code: String? = nil, query: String? = nil) {
            self.status = status
            self.entity = entity
            self.code = code
            self.query = query
        }
    }

    /// One page: how many rows match, and this page's rows (the report's columns plus `code`, `customer`, `date`, `amount`).
    public struct Page: Sendable {
        public let total: Int
        public let rows: [[String: String]]
    }

    /// The columns a page's rows carry, in order.
    public static let columns = ReportRow.columns + ["code", "customer", "date", "amount"]

    /// Collects rows into a new index file.
    final class Writer {
        private let database: SQLiteDatabase
        private var sequence: Int64 = 0

        init(creating url: URL) throws {
            try? FileManager.default.removeItem(at: url)
            database = try SQLiteDatabase(url: url)
            try database.execute("""
                PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;
                CREATE TABLE rows (seq INTEGER PRIMARY KEY, rank INTEGER NOT NULL, search TEXT NOT NULL,
                  \(ReportRowIndex.columns.map { "\"\($0)\" TEXT NOT NULL" }.joined(separator: ", ")));
                BEGIN
                """)
        }

        /// Adds a row with its report cells (targets resolved).
        func add(_ row: ReportRow, cells: [String]) throws {
            sequence += 1
            let rank: Int64 = row.status == .failed ? 0 : row.warning.isEmpty ? 2 : 1
            let extra = [row.error?.rawValue ?? "", row.customer, row.date, row.amount?.description ?? ""]
            let search = [row.sourceID, row.entity, row.customer, row.message].joined(separator: "\u{1F}").lowercased()
            let placeholders = Array(repeating: "?", count: ReportRowIndex.columns.count + 3).joined(separator: ", ")
            try database.run("INSERT INTO rows VALUES (\(placeholders))",
                             [.integer(sequence), .integer(rank), .text(search)] + (cells + extra).map { .text($0) })
        }

        /// Commits the rows and indexes them.
        func finish() throws {
            try database.execute("COMMIT; CREATE INDEX rows_order ON rows (rank, seq)")
        }
    }

    /// The page `page` (from 1) of `perPage` rows matching `filter`.
    public static func page(at url: URL, filter: Filter, page: Int, perPage: Int) throws -> Page {
        let database = try SQLiteDatabase(url: url)
        var conditions: [String] = []
        var values: [SQLiteValue] = []
        if let status = filter.status, !status.isEmpty {
            if status == "Warning" {
                conditions.append("warning <> ''")
            } else {
                conditions.append("status = ?")
                values.append(.text(status))
            }
        }
        if let entity = filter.entity, !entity.isEmpty {
            conditions.append("entity_type = ?")
            values.append(.text(entity))
        }
        if let code = filter.code, !code.isEmpty {
            conditions.append("code = ?")
            values.append(.text(code))
        }
        if let query = filter.query?.lowercased(), !query.isEmpty {
            conditions.append(#"search LIKE ? ESCAPE '\'"#)
            let escaped = query.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
                .replacingOccurrences(of: "_", with: "\\_")
            values.append(.text("%\(escaped)%"))
        }
        let clause = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        let total = Int(try database.integer("SELECT count(*) FROM rows\(clause)", values) ?? 0)
        var rows: [[String: String]] = []
        let offset = Int64(max(page - 1, 0)) * Int64(perPage)
        let selected = columns.map { "\"\($0)\"" }.joined(separator: ", ")
        try database.query("SELECT \(selected) FROM rows\(clause) ORDER BY rank, seq LIMIT ? OFFSET ?",
                           values + [.integer(Int64(perPage)), .integer(offset)]) { row in
            var object: [String: String] = [:]
            for (index, column) in columns.enumerated() { object[column] = row.text(Int32(index)) ?? "" }
            rows.append(object)
        }
        return Page(total: total, rows: rows)
    }
}
