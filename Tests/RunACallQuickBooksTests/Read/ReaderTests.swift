import Foundation
import Testing
@testable import RunACallQuickBooks
@testable import RunACallSupport
@testable import RunACallRead

@Suite struct CSVReaderTests {
    @Test func quotedCommasQuotesAndLineBreaksKeepLineNumbers() throws {
        let folder = try Conversion.export(["t.csv": "\u{FEFF}a,b,c\r\n1,\"x, y\",\"say \"\"hi\"\"\"\r\n2,\"two\nlines\",z\n3,,\n"])
        let table = try CSVTable(url: folder.appendingPathComponent("t.csv"))
        #expect(table.columns == ["a", "b", "c"])
        var rows: [(Int, [String])] = []
        while let (row, problem) = try table.nextRow() {
            #expect(problem == nil)
            rows.append((row.line, row.cells))
        }
        #expect(rows.map(\.0) == [2, 3, 5])
        #expect(rows[0].1 == ["1", "x, y", "say \"hi\""])
        #expect(rows[1].1 == ["2", "two\nlines", "z"])
        #expect(rows[2].1 == ["3", "", ""])
    }

    @Test func badRowFailsAloneAndReadingGoesOn() throws {
        let folder = try Conversion.export(["t.csv": "a,b\n1,2,3\n4,5\n"])
        let table = try CSVTable(url: folder.appendingPathComponent("t.csv"))
        let first = try #require(try table.nextRow())
        #expect(first.problem?.message.contains("3 cells where the header has 2") == true)
        #expect(first.problem?.fix.contains("line 2 of t.csv") == true)
        let second = try #require(try table.nextRow())
        #expect(second.problem == nil && second.row.cells == ["4", "5"])
    }

    @Test func csvInvoiceRowsThatDisagreeFailTheInvoice() throws {
        let header = "invoice_id,status,customer_name,invoice_date,line_item,line_quantity,line_unit_price,line_amount,total\n"
        let rows = "7,sent,Ann,2026-10-01,A,1,5.00,5.00,10.00\n7,sent,Ann,2026-10-01,B,1,5.00,5.00,11.00\n8,sent,Bo,2026-10-01,A,1,5.00,5.00,5.00\n"
        let folder = try Conversion.export(["invoices.csv": header + rows])
        let stream = try CSVInvoiceRecordStream(url: folder.appendingPathComponent("invoices.csv"))
        let first = try #require(try stream.next())
        guard case .failure(let problem) = first.content else { Issue.record("expected a failure"); return }
        #expect(problem.message.contains("disagree on total") && problem.message.contains("line 2") && problem.message.contains("line 3"))
        let second = try #require(try stream.next())
        #expect(second.id == "8" && second.location.description == "invoices.csv:4")
    }
}

@Suite struct JSONReaderTests {
    @Test func readsArraysAndWrappedObjects() throws {
        let folder = try Conversion.export([
            "a.json": "[{\"id\": \"1\"}, {\"id\": 2}]",
            "b.json": "{\"export\": {\"invoices\": \"not this\"}, \"payments\": [1], \"invoices\": [{\"id\": \"x\"}]}",
        ])
        let array = try JSONRecordStream(url: folder.appendingPathComponent("a.json"), entity: "invoices")
        #expect(try array.next()?.id == "1")
        #expect(try array.next()?.location.description == "a.json#1")
        #expect(try array.next() == nil)
        let wrapped = try JSONRecordStream(url: folder.appendingPathComponent("b.json"), entity: "invoices")
        #expect(try wrapped.next()?.id == "x")
        #expect(try wrapped.next() == nil)
    }

    @Test func keepsNumberTextAndUnicodeEscapes() throws {
        let folder = try Conversion.export(["a.json": "[{\"n\": 0.1, \"s\": \"caf\\u00e9 \\ud83d\\ude00\"}]"])
        let record = try #require(try JSONRecordStream(url: folder.appendingPathComponent("a.json"), entity: "invoices").next())
        let value = try record.content.get()
        #expect(value.member("n")?.kind == .number && value.member("n")?.text == "0.1")
        #expect(value.string("s") == "café 😀")
    }

    @Test func syntaxErrorStopsTheFileWithItsLine() throws {
        let folder = try Conversion.export(["a.json": "[{\"id\": \"1\"},\n {\"id\": }]"])
        let stream = try JSONRecordStream(url: folder.appendingPathComponent("a.json"), entity: "invoices")
        _ = try stream.next()
        #expect(throws: FatalError.self) { try stream.next() }
    }

    @Test func badJSONLinesLineFailsOnlyThatRecord() throws {
        let folder = try Conversion.export(["a.jsonl": "{\"id\": \"1\"}\n\n{\"id\": \n{\"id\": \"3\"}\n"])
        let stream = try JSONLinesRecordStream(url: folder.appendingPathComponent("a.jsonl"))
        #expect(try stream.next()?.id == "1")
        let bad = try #require(try stream.next())
        #expect(bad.location.description == "a.jsonl:3")
        if case .success = bad.content { Issue.record("line 3 is not valid JSON") }
        #expect(try stream.next()?.id == "3")
    }
}
