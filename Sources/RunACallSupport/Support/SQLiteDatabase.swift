import Foundation
internal import CSQLite

/// A value bound to, or read from, a SQL statement.
public enum SQLiteValue: Equatable {
    case text(String)
    case integer(Int64)
    case null

    /// Text, or NULL when there is none.
    public static func text(_ text: String?) -> SQLiteValue { text.map(SQLiteValue.text) ?? .null }

    /// An integer, or NULL when there is none.
    public static func integer(_ number: Int64?) -> SQLiteValue { number.map(SQLiteValue.integer) ?? .null }
}

/// One result row of a query.
public struct SQLiteRow {
    fileprivate let statement: OpaquePointer

    public func text(_ column: Int32) -> String? {
        guard sqlite3_column_type(statement, column) != SQLITE_NULL, let bytes = sqlite3_column_text(statement, column) else { return nil }
        return String(cString: bytes)
    }

    public func integer(_ column: Int32) -> Int64 { sqlite3_column_int64(statement, column) }

    /// The column's text as SQLite holds it (UTF-8, no String made), valid only until the row's callback returns; empty for NULL.
    public func utf8(_ column: Int32) -> UnsafeRawBufferPointer {
        guard let bytes = sqlite3_column_text(statement, column) else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UnsafeRawBufferPointer(start: bytes, count: Int(sqlite3_column_bytes(statement, column)))
    }
}

/// A SQLite database file (the system's libsqlite3): statements with bound
/// parameters, prepared once and reused, and explicit transactions.
public final class SQLiteDatabase {
    private var handle: OpaquePointer?
    private var statements: [String: OpaquePointer] = [:]
    /// The ledger's file (a scratch database has none: its name stands there).
    public let url: URL
    /// How its errors name the database: the ledger by its path, a scratch database by its name.
    private let subject: String
    /// A private database in the temporary folder, not the ledger.
    private let isScratch: Bool
    /// The virtual machine steps SQLite took for this database's statements so far: the work a run
    /// asked of it, the same on any machine (how it grows with the input shows a scan hidden in a loop).
    public private(set) var steps: Int64 = 0
    /// The thread the writes run on while a run goes on (`Ledger.startWritingBehind`); any other use of the
    /// database waits for the writes asked before it.
    public var writeBehind: WriteBehind?

    /// Opens the ledger `url` names, at `file` (where its path leads, `LedgerFile`) when given. Its page cache
    /// is 512 KiB (SQLite's default is 2 MB): a run's batch fills whatever cache it is given, so the default
    /// held about 2 MB more at the peak of a 100,000-invoice run than of a 10,000-invoice one; pages beyond
    /// it come from the system's file cache.
    public init(url: URL, file: URL? = nil) throws {
        self.url = url
        subject = "\(url.path): ledger"
        isScratch = false
        try open((file ?? url).path, failing: "\(url.path): the ledger")
        sqlite3_busy_timeout(handle, 10_000)
        try execute("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA cache_size = -512")
    }

    /// A private database on disk that SQLite deletes when it is closed (its file is never seen
    /// by the user): what a run keeps per record beyond what memory should hold. No journal, no sync;
    /// a 256 KiB page cache (pages beyond it come from the system's file cache: 1 MiB caches held
    /// 1.5 MB more at the peak of a 100,000-invoice run, for no measurable time).
    public init(scratch name: String) throws {
        url = URL(fileURLWithPath: name)
        subject = "the run's scratch database (\(name))"
        isScratch = true
        try open("", failing: subject)
        try execute("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -256; PRAGMA temp_store = FILE")
    }

    /// Opens `path` ("" for a private temporary database); `failing` names it when that fails.
    private func open(_ path: String, failing: String) throws {
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        guard sqlite3_open_v2(path, &handle, flags, nil) == SQLITE_OK else {
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close_v2(handle)
            throw FatalError(.unreadableInput, "\(failing) cannot be opened (\(message))")
        }
    }

    deinit {
        for statement in statements.values { sqlite3_finalize(statement) }
        sqlite3_close_v2(handle)
    }

    /// Runs SQL text of one or more statements without parameters.
    public func execute(_ sql: String) throws {
        try settle()
        var error: UnsafeMutablePointer<CChar>?
        guard sqlite3_exec(handle, sql, nil, nil, &error) == SQLITE_OK else {
            let message = error.map { String(cString: $0) } ?? "unknown error"
            sqlite3_free(error)
            throw failure(message)
        }
    }

    /// Runs one statement with `values` bound to its `?` parameters.
    public func run(_ sql: String, _ values: [SQLiteValue] = []) throws {
        try query(sql, values) { _ in }
    }

    /// Runs one query, calling `body` for each row.
    public func query(_ sql: String, _ values: [SQLiteValue] = [], _ body: (SQLiteRow) throws -> Void) throws {
        try settle()
        let statement = try prepared(sql)
        defer {
            steps += Int64(sqlite3_stmt_status(statement, Int32(SQLITE_STMTSTATUS_VM_STEP), 1))
            sqlite3_reset(statement)
        }
        // Every parameter is bound again, or cleared first when this run has values for fewer (none of a run before stays).
        if values.count < sqlite3_bind_parameter_count(statement) { sqlite3_clear_bindings(statement) }
        for (index, value) in values.enumerated() {
            let position = Int32(index + 1)
            switch value {
            case .text(let text): Self.bind(text, to: position, of: statement)
            case .integer(let number): sqlite3_bind_int64(statement, position, number)
            case .null: sqlite3_bind_null(statement, position)
            }
        }
        while true {
            switch sqlite3_step(statement) {
            case SQLITE_ROW: try body(SQLiteRow(statement: statement))
            case SQLITE_DONE: return
            default: throw failure(String(cString: sqlite3_errmsg(handle)))
            }
        }
    }

    /// Binds `text`'s UTF-8 up to its first NUL, as a C string of it binds (a copy SQLite makes: no C string is made here).
    private static func bind(_ text: String, to position: Int32, of statement: OpaquePointer) {
        var text = text
        text.withUTF8 { utf8 in
            let length = utf8.firstIndex(of: 0) ?? utf8.count
            guard let start = utf8.baseAddress, length > 0 else {
                sqlite3_bind_text(statement, position, "", 0, rac2qb_sqlite_transient())
                return
            }
            start.withMemoryRebound(to: CChar.self, capacity: length) { sqlite3_bind_text(statement, position, $0, Int32(length), rac2qb_sqlite_transient()) }
        }
    }

    /// Inserts one row, `into` being `INTO table(columns) VALUES (?, …)` with `values` bound to its parameters,
    /// replacing the row that holds its primary key already. It is tried as a plain INSERT first: a plain INSERT of
    /// one row never needs a statement journal, where an `INSERT OR REPLACE` into a table with a foreign key writes
    /// every page it touches to one (a temporary file); only a row that is there already is replaced.
    public func insertOrReplace(_ into: String, _ values: [SQLiteValue]) throws {
        do {
            try run("INSERT \(into)", values)
        } catch let error as FatalError {
            guard sqlite3_extended_errcode(handle) == rac2qb_sqlite_constraint_primarykey() else { throw error }
            try run("INSERT OR REPLACE \(into)", values)
        }
    }

    /// The first column of the first row, as an integer.
    public func integer(_ sql: String, _ values: [SQLiteValue] = []) throws -> Int64? {
        var result: Int64?
        try query(sql, values) { row in if result == nil { result = row.integer(0) } }
        return result
    }

    /// Off the writing thread, waits for the writes asked before (throwing the error of one that failed).
    private func settle() throws {
        guard let writeBehind, !writeBehind.isCurrentThread else { return }
        try writeBehind.settle()
    }

    private func prepared(_ sql: String) throws -> OpaquePointer {
        if let known = statements[sql] { return known }
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(handle, sql, -1, &statement, nil) == SQLITE_OK, let statement else {
            throw failure(String(cString: sqlite3_errmsg(handle)))
        }
        statements[sql] = statement
        return statement
    }

    private func failure(_ message: String) -> FatalError {
        guard sqlite3_errcode(handle) == SQLITE_FULL else { return FatalError(.unwritableOutput, "\(subject): \(message)") }
        let temporary = Self.temporaryFolder
        let ledgerFolder = url.deletingLastPathComponent().path
        if isScratch || (SystemCalls.freeBytes(ledgerFolder) ?? 0) >= Self.roomLeft {
            return FatalError(.unwritableOutput, """
                the temporary folder \(temporary) is full (no space left on device): \(isScratch ? subject : "SQLite's temporary files for \(subject)") \
                cannot grow there. Free space in \(temporary), or set TMPDIR to a folder on a disk with room, then run again.
                """)
        }
        return FatalError(.unwritableOutput, "\(subject): the disk holding \(ledgerFolder) is full (no space left on device). Free space there, then run again.")
    }

    /// Below this many free bytes, the ledger's own disk is taken for the full one.
    private static let roomLeft: Int64 = 1 << 20

    /// The folder SQLite keeps temporary files in (a scratch database, a large sort): as SQLite chooses it on
    /// Unix, the first writable of SQLITE_TMPDIR, TMPDIR, /var/tmp, /usr/tmp and /tmp.
    public static var temporaryFolder: String {
        let environment = ProcessInfo.processInfo.environment
        let candidates = [environment["SQLITE_TMPDIR"], environment["TMPDIR"], "/var/tmp", "/usr/tmp", "/tmp"].compactMap { $0 }
        return candidates.first { SystemCalls.kind($0) == .folder && SystemCalls.isWritableFolder($0) } ?? "."
    }
}
