import Foundation
import Testing
@testable import RunACallQuickBooks
@testable import RunACallSupport

/// A NUL byte never reaches a QuickBooks file nor a message raw, and a JSON
/// member given twice never silently drops one of its values: the record
/// fails naming the field, or the file fails naming the byte as 0x00.
@Suite struct ForbiddenBytesTests {
    private func run(_ files: [String: [UInt8]]) throws -> (result: ConversionResult, rows: [[String: String]]) {
        let folder = try InputFixture.folder(files)
        let out = try TestPaths.temporaryFolder()
        let result = try Conversion.run(folder, out: out)
        return (result, try ReportFile(out).invoices)
    }

    @Test func aNULInACSVCellFailsItsInvoiceNamingTheColumn() throws {
        let text = InputFixture.csvHeader + InputFixture.csvRow("7") + InputFixture.csvRow("7", description: "Part\u{0}A")
            + InputFixture.csvRow("8") + InputFixture.csvRow("8")
        let (result, rows) = try run(["invoices.csv": Array(text.utf8)])
        #expect(result.summary.counts["invoice"] == ["Failed": 1, "Success": 1])
        let failed = try #require(rows.first { $0["status"] == "Failed" })
        #expect(failed["entity"] == "Invoice #7")
        #expect(failed["message"]?.contains("line 3: text holds a NUL byte (0x00) in column line_description; allowed: text without NUL bytes") == true,
                "\(failed)")
        #expect(!(failed["message"] ?? "").contains("\u{0}"))
    }

    @Test func aNULEscapeInAJSONStringFailsItsRecordNamingTheField() throws {
        let text = "[" + InputFixture.invoiceJSON("1") + ",\n"
            + InputFixture.invoiceJSON("2").replacingOccurrences(of: "\"item\": \"Labor\"", with: "\"item\": \"Lab\\u0000or\"") + "]"
        let (result, rows) = try run(["invoices.json": Array(text.utf8)])
        #expect(result.summary.counts["invoice"] == ["Success": 1, "Failed": 1])
        let failed = try #require(rows.first { $0["status"] == "Failed" })
        #expect(failed["message"] == "Invalid record: field lines[0].item holds a NUL character (\\u0000, 0x00) (line 2); allowed: text without NUL characters, which no QuickBooks file may hold")
    }

    @Test func aRawNULInAJSONFileIsNamedAs0x00() throws {
        let bytes = Array(("[" + InputFixture.invoiceJSON("1")).utf8) + [0] + Array(("," + InputFixture.invoiceJSON("2") + "]").utf8)
        let folder = try InputFixture.folder(["invoices.json": bytes])
        do {
            _ = try Conversion.run(folder, out: nil, writeFiles: false)
            Issue.record("a raw NUL between records must stop the run")
        } catch let error as FatalError {
            #expect(error.kind == .unreadableInput)
            #expect(error.description == "invoices.json: not valid JSON at line 1: expected ',' or ']' after a record, found a NUL byte (0x00) (record #1)")
        }
    }

    @Test func aMemberGivenTwiceFailsItsRecordNamingTheField() throws {
        let text = "[" + InputFixture.invoiceJSON("1") + ",\n"
            + InputFixture.invoiceJSON("2").replacingOccurrences(of: "{\"id\": \"2\",", with: "{\"id\": \"2\", \"id\": \"3\",") + "]"
        let (result, rows) = try run(["invoices.json": Array(text.utf8)])
        #expect(result.summary.counts["invoice"] == ["Success": 1, "Failed": 1])
        let failed = try #require(rows.first { $0["status"] == "Failed" })
        #expect(failed["source"] == "invoices.json#1")
        #expect(failed["message"]?.hasPrefix("Invalid record: field id is given twice in one object (line 2); allowed: each field once") == true, "\(failed)")
        #expect(failed["fix"]?.contains("invoices.json record #1 (field id)") == true)
    }
}
