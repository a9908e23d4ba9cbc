import Foundation
import Testing
@testable import RunACallSupport

/// Values bound to a statement reach SQLite as they are: text byte for byte (up to a NUL, as a C string of it
/// went), the empty text as text (not NULL), and a run with fewer values than parameters binds none of the last run's.
@Suite struct SQLiteBindingTests {
    @Test func textIsStoredAsItIsBoundUpToANul() throws {
        let database = try SQLiteDatabase(scratch: "binding")
        try database.execute("CREATE TABLE t (position INTEGER, value TEXT)")
        let texts = ["", "plain", "Zoë Ångström 田中 🔥", String(repeating: "é,\"\r\n", count: 5_000), "before\u{0}after", "\u{0}"]
        for (position, text) in texts.enumerated() {
            try database.run("INSERT INTO t VALUES (?, ?)", [.integer(Int64(position)), .text(text)])
        }
        var stored: [String?] = []
        var types: [Int64] = []
        try database.query("SELECT value, value IS NULL FROM t ORDER BY position") { row in
            stored.append(row.text(0))
            types.append(row.integer(1))
        }
        #expect(stored == ["", "plain", "Zoë Ångström 田中 🔥", String(repeating: "é,\"\r\n", count: 5_000), "before", ""])
        #expect(types == [0, 0, 0, 0, 0, 0], "the empty text is text, not NULL")
    }

    @Test func aRunWithFewerValuesLeavesTheRestNull() throws {
        let database = try SQLiteDatabase(scratch: "binding")
        try database.execute("CREATE TABLE t (a TEXT, b TEXT)")
        let insert = "INSERT INTO t VALUES (?, ?)"
        try database.run(insert, [.text("first"), .text("kept from the first run?")])
        try database.run(insert, [.text("second")])
        var rows: [[String?]] = []
        try database.query("SELECT a, b FROM t ORDER BY rowid") { row in rows.append([row.text(0), row.text(1)]) }
        #expect(rows == [["first", "kept from the first run?"], ["second", nil]])
    }
}
