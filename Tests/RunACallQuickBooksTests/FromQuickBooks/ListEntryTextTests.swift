import Foundation
import Testing
@testable import RunACallQuickBooks
@testable import RunACallSupport
@testable import RunACallRead

/// A QuickBooks list entry whose text holds a control character or a byte
/// Windows-1252 leaves undefined is refused, named, and never sent to Run a Call.
@Suite struct ListEntryTextTests {
    static func iif(_ rows: [[UInt8]]) throws -> URL {
        let url = try TestPaths.temporaryFolder().appendingPathComponent("customers.iif")
        let header = Array("!CUST\tNAME\tCOMPANYNAME\tEMAIL\tHIDDEN".utf8)
        try Data(([header] + rows).joined(separator: [0x0D, 0x0A]) + [0x0D, 0x0A]).write(to: url)
        return url
    }

    static func row(_ name: [UInt8], company: String = "", email: String = "x@example.com") -> [UInt8] {
        Array("CUST\t".utf8) + name + Array("\t\(company)\t\(email)\tN".utf8)
    }

    @Test func undefinedWindows1252BytesAndEscapeSequencesAreRefusedNotSent() throws {
        let list = try Self.iif([
            Self.row(Array("Good Customer".utf8)),
            Self.row(Array("Caf".utf8) + [0xE9, 0x81]),
            Self.row(Array("Evil ".utf8) + [0x1B] + Array("]0;pwned".utf8) + [0x07]),
            Self.row(Array("Company Clear".utf8), company: "Acme \u{1B}[2J"),
        ])
        let outcome = try FromQuickBooksRun.run([list], configText: FromQuickBooksRun.bothOn)
        #expect(outcome.counts("customer") == ["Success": 1, "Failed": 3])
        let customers = try outcome.text("run-a-call/customers.csv")
        #expect(customers.contains("Good Customer"))
        #expect(!customers.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{FFFD}" || $0 == "\u{07}" })
        let undefined = try #require(outcome.report.rows.first { $0["source"] == "customers.iif:3" })
        #expect(undefined["status"] == "Failed")
        #expect(undefined["message"]?.contains("name holds a byte that is no character") == true)
        #expect(undefined["message"]?.contains("0x81") == true)
        #expect(undefined["fix"]?.hasPrefix("Correct the customer in QuickBooks") == true)
        let escape = try #require(outcome.report.rows.first { $0["source"] == "customers.iif:4" })
        #expect(escape["message"]?.contains("name holds the control character U+001B (an escape sequence)") == true)
        let company = try #require(outcome.report.rows.first { $0["source"] == "customers.iif:5" })
        #expect(company["message"]?.contains("company holds the control character U+001B") == true)
    }

    @Test func anItemDescriptionKeepsItsLineBreaks() {
        var entry = QuickBooksListEntry(list: .item, name: "Filter", location: .line(2, in: "items.iif"))
        entry.description = "line one\nline two"
        #expect(ListEntryText.problems(of: entry).isEmpty)
        entry.description = "bell\u{07}"
        #expect(ListEntryText.problems(of: entry) == ["description holds the control character U+0007; allowed: printable text"])
    }
}
