import Foundation
import Testing
@testable import RunACallQuickBooks
@testable import RunACallSupport
@testable import RunACallRead

/// The cheap paths of the readers (the id pre-pass, members never synced, spans scanned whole)
/// must read exactly what the full path reads.
@Suite struct RecordScanTests {
    private static func outcome(_ record: RawRecord) -> String {
        switch record.content {
        case .success: return "\(record.location) ok \(record.id ?? "-")"
        case .failure(let problem): return "\(record.location) \(problem.message) \(record.id ?? "-")"
        }
    }

    private static func ids(_ open: () throws -> RawRecordStream) throws -> (full: [String?], cheap: [String?]) {
        let full = try open()
        var fullIDs: [String?] = []
        while let record = try full.next() { fullIDs.append(record.id) }
        let cheap = try open()
        var cheapIDs: [String?] = []
        while let id = try cheap.nextID() { cheapIDs.append(id) }
        return (fullIDs, cheapIDs)
    }

    @Test func jsonLinesIDPassReadsTheIDsOfTheFullRead() throws {
        let lines = [
            "{\"id\": \"1\", \"lines\": [{\"a\": 1}]}", "", "   ", "{\"id\": ", "[1, 2]", "{\"id\": \"2\"} {}",
            "{\"id\": 7, \"x\": \"\\u0000\"}", "{\"id\": \"a\", \"id\": \"b\"}", "{\"x\": {\"id\": \"inner\"}}",
            "{\"id\": {\"no\": 1}}", "{\"id\": \"é\\n\", \"timeline\": [1,]}", "{\"id\": \"last\"}\r",
        ]
        let folder = try Conversion.export(["invoices.jsonl": lines.joined(separator: "\n")])
        let url = folder.appendingPathComponent("invoices.jsonl")
        let (full, cheap) = try Self.ids { try JSONLinesRecordStream(url: url) }
        #expect(full == ["1", nil, nil, nil, "7", "b", nil, nil, nil, "last"])
        #expect(cheap == full)
    }

    @Test func jsonIDPassReadsTheIDsOfTheFullRead() throws {
        let text = "{\"invoices\": [{\"id\": \"1\"}, 5, {\"id\": 2.5, \"id\": \"2\"}, {\"id\": null}, {\"id\": \"\\ud83d\\ude00\", \"x\": \"\\u0000\"}], \"more\": [1]}"
        let folder = try Conversion.export(["invoices.json": text, "bad.json": "[{\"id\": \"1\"}, {\"id\": \"2\", \"x\": [1,]}]"])
        let url = folder.appendingPathComponent("invoices.json")
        let (full, cheap) = try Self.ids { try JSONRecordStream(url: url, entity: "invoices") }
        #expect(full == ["1", nil, "2", nil, "😀"])
        #expect(cheap == full)
        let bad = try JSONRecordStream(url: folder.appendingPathComponent("bad.json"), entity: "invoices")
        #expect(try bad.nextID() == .some("1"))
        #expect(throws: FatalError.self) { try bad.nextID() }
    }

    @Test func csvInvoiceIDPassGroupsRowsAsTheFullRead() throws {
        let header = "invoice_id,status,customer_name,invoice_date,line_item,line_quantity,line_unit_price,line_amount,total\n"
        let rows = "7,sent,Ann,2026-10-01,A,1,5.00,5.00,10.00\n7,sent,Ann,2026-10-01,B,1,5.00,5.00,11.00\n"
            + "8,sent,Bo,2026-10-01,A,1,5.00\n,sent,Bo,2026-10-01,A,1,5.00,5.00,5.00\n7,paid,Cy,2026-10-02,A,1,5.00,5.00,5.00\n"
        let folder = try Conversion.export(["invoices.csv": header + rows])
        let url = folder.appendingPathComponent("invoices.csv")
        let (full, cheap) = try Self.ids { try CSVInvoiceRecordStream(url: url) }
        #expect(full == ["7", "8", nil, "7"])
        #expect(cheap == full)
    }

    /// The id pass makes text of the id cells alone: every other cell is still checked as the full read
    /// checks it (NUL bytes, invalid UTF-8, stray quotes, the cell count), since a malformed row without an
    /// id joins the invoice before it while a well-formed one starts an invoice of its own.
    @Test func csvInvoiceIDPassChecksTheCellsItDoesNotKeep() throws {
        let header = Array("invoice_id,status,customer_name,invoice_date,line_item,line_quantity,line_unit_price,line_amount\r\n".utf8)
        let rest = Array(",2026-10-01,A,1,5.00,5.00".utf8)
        var rows: [[UInt8]] = [
            Array("1,sent,Ann".utf8) + rest + Array("\r\n".utf8),
            Array(",sent,Ann\u{0}".utf8) + rest + Array("\r\n".utf8),     // NUL, no id: joins invoice 1
            Array("2,sent,Bo".utf8) + rest + Array("\n".utf8),
            Array(",sent,Bo".utf8) + rest + Array("\n".utf8),               // well formed, no id: an invoice of its own
            Array(",sent,Bo".utf8) + rest + Array(",extra\n".utf8),         // one cell too many, no id: on its own (no id before)
            Array("\"3\"\"x\",sent,\"Cy\nDe\"".utf8) + rest + Array("\n".utf8), // a doubled quote in the id, a cell over two lines
            Array(",,,,,,,\n".utf8), Array("\n".utf8),                      // blank rows are skipped
            Array("3\"x,sent,Cy".utf8) + rest + Array("\n".utf8),          // a stray quote in the id cell: no id, joins 3"x
            Array("4,sent,".utf8) + [0xC3, 0x28] + rest + Array("\n".utf8), // invalid UTF-8 in an invoice's row
            Array(",sent,".utf8) + [0xFF] + rest + Array("\n".utf8),        // invalid UTF-8, no id: joins 4
            Array("é5,sent,Ed".utf8) + rest,                                 // no line end at the end of the file
        ]
        rows.insert(header, at: 0)
        let folder = try Conversion.export([:])
        let url = folder.appendingPathComponent("invoices.csv")
        try Data(rows.joined()).write(to: url)
        let (full, cheap) = try Self.ids { try CSVInvoiceRecordStream(url: url) }
        #expect(full == ["1", "2", nil, nil, "3\"x", "4", "é5"])
        #expect(cheap == full)
        let quick = try CSVInvoiceRecordStream(url: url)
        var quickIDs: [String?] = []
        while let id = try quick.nextID(exactWhen: { _ in true }) { quickIDs.append(id) }
        #expect(quickIDs == full)
    }

    /// An invoice of invoices.csv is read from its cells (`CSVInvoiceCells`), never built as a JSON tree, and
    /// answers as that tree would: an empty cell is an absent member, an object whose cells are all empty is
    /// absent, a column the file lacks is an absent member, and `tax_lines` is parsed.
    @Test func csvInvoiceCellsAnswerAsTheJSONShape() throws {
        let header = "invoice_id,status,customer_name,customer_email,billing_city,invoice_date,line_item,line_quantity,line_unit_price,line_amount,tax_lines,discount_amount\n"
        let rows = "9,sent,Ann,,,2026-10-01,A,1,5.00,5.00,Denver|8.81|5.00|0.44;bad,\n9,sent,Ann,,,2026-10-01,B,2,1.00,2.00,Denver|8.81|5.00|0.44;bad,\n"
        let folder = try Conversion.export(["invoices.csv": header + rows])
        let record = try #require(try CSVInvoiceRecordStream(url: folder.appendingPathComponent("invoices.csv")).next())
        let invoice = try record.content.get()
        #expect(invoice.kind == .object && invoice.id == "9" && invoice.string("status") == "sent")
        #expect(invoice.member("customer")?.string("name") == "Ann" && invoice.member("customer")?.member("email") == nil)
        #expect(invoice.member("billing_address") == nil && invoice.member("discount") == nil && invoice.member("service_address") == nil)
        #expect(invoice.member("due_date") == nil && invoice.member("nothing") == nil && invoice.member("line_item") == nil)
        let lines = try #require(invoice.member("lines"))
        #expect(lines.kind == .array && lines.elements.map { $0.string("item") } == ["A", "B"])
        #expect(lines.elements[1].member("quantity")?.text == "2" && lines.elements[1].member("description") == nil)
        let taxLines = try #require(invoice.member("tax_lines")).elements
        #expect(taxLines.map { $0.string("name") } == ["Denver", "bad"] && taxLines[1].string("_malformed") == "bad")
        #expect(throws: Problem.self) { try RecordDecoder.invoice(record) }
    }

    @Test func unsyncedMembersAreCheckedLikeTheRest() throws {
        let lines = [
            "{\"id\": \"1\", \"total\": \"5.00\", \"timeline\": [{\"a\": 1, \"a\": 2}]}",
            "{\"id\": \"2\", \"photos\": [\"x\", \"\\u0000\"]}",
            "{\"id\": \"3\", \"signatures\": [1,]}",
            "{\"id\": \"4\", \"technicians\": {\"b\": \"\\q\"}}",
            "{\"id\": \"5\", \"team_comments\": [\"\\ud800\"]}",
            "{\"id\": \"6\", \"estimate_history\": 01}",
            "{\"id\": \"7\", \"timeline\": [], \"timeline\": null}",
            "{\"id\": \"8\", \"timeline\": [{\"deep\": [true, false, null, -1.5e3, \"ok\"]}], \"total\": \"9.00\"}",
        ]
        // A .json file stops at a syntax error: it holds the lines whose flaws fail their record only.
        let flawed = [0, 1, 6, 7].map { lines[$0] }
        let folder = try Conversion.export(["invoices.jsonl": lines.joined(separator: "\n"),
                                            "invoices.json": "[" + flawed.joined(separator: ",\n") + "]"])
        let jsonLines = try JSONLinesRecordStream(url: folder.appendingPathComponent("invoices.jsonl"))
        var outcomes: [Bool] = []
        while let record = try jsonLines.next() {
            if case .success = record.content { outcomes.append(true) } else { outcomes.append(false) }
        }
        #expect(outcomes == [false, false, false, false, false, false, false, true])
        let url = folder.appendingPathComponent("invoices.json")
        let kept = try JSONRecordStream(url: url, entity: "invoices")
        let dropping = try JSONRecordStream(url: url, entity: "invoices", unsynced: ExportEntity.invoices.unsyncedMembers)
        var last: RawRecord?
        while let record = try kept.next() {
            let other = try #require(try dropping.next())
            #expect(Self.outcome(other) == Self.outcome(record))
            last = other
        }
        #expect(try dropping.next() == nil)
        let value = try #require(try last?.content.get())
        #expect(value.member("timeline")?.kind == .null && value.string("total") == "9.00")
    }

    @Test func stringsAndNumbersAcrossBufferEdgesReadWhole() throws {
        var records: [String] = []
        var expected: [(String, String)] = []
        for index in 0..<150 {
            let plain = String(repeating: "ab", count: 400 + index) + "é"
            let escaped = String(repeating: "x", count: 700 + index)
            records.append("{\"id\": \"\(index)\", \"p\": \"\(plain)\", \"e\": \"\(escaped)\\n\\t\(escaped)\", \"n\": 12345.678}")
            expected.append((plain, escaped + "\n\t" + escaped))
        }
        let folder = try Conversion.export(["invoices.json": "[\n" + records.joined(separator: ",\n") + "\n]"])
        let stream = try JSONRecordStream(url: folder.appendingPathComponent("invoices.json"), entity: "invoices")
        for (plain, escaped) in expected {
            let value = try #require(try stream.next()).content.get()
            #expect(value.string("p") == plain && value.string("e") == escaped && value.member("n")?.text == "12345.678")
        }
        #expect(try stream.next() == nil)
    }

    @Test func trimmingMatchesFoundation() {
        let samples = ["", " ", "a", " a", "a ", "\ta\t", "\u{00A0}a", "a\u{3000}", "\n", "a\n", "\r\n", "é", " é ", "\u{2028}",
                       "\u{0B}", "\u{85}", "12.50", " 12.50", "x\u{301}", "\u{301}", "\t \u{2003}"]
        for text in samples {
            #expect(text.trimmingWhitespace == text.trimmingCharacters(in: .whitespaces), "\(text.debugDescription)")
            #expect(text.isBlank == text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "\(text.debugDescription)")
        }
    }
}
