import Foundation
import Testing
@testable import RunACallQuickBooks
@testable import RunACallSupport

/// A record that cannot be read fails whole, by its id, naming the file, its
/// lines, the field and what is allowed; a file that cannot be read as its
/// entity at all stops the run with one clear error.
@Suite struct UnreadableRowTests {
    private func fatal(_ body: () throws -> Void) -> FatalError? {
        do { try body() } catch let error as FatalError { return error } catch { Issue.record("not a FatalError: \(error)") }
        return nil
    }

    private func run(_ files: [String: [UInt8]]) throws -> (result: ConversionResult, rows: [[String: String]]) {
        let folder = try InputFixture.folder(files)
        let out = try TestPaths.temporaryFolder()
        let result = try Conversion.run(folder, out: out)
        return (result, try ReportFile(out).invoices)
    }

    /// (0x81 is no Windows-1252 character either: `ExcelSavedExportTests` has the text Windows-1252 reads.)
    @Test func aRowWithInvalidUTF8FailsItsWholeInvoiceByID() throws {
        var bytes = Array((InputFixture.csvHeader + InputFixture.csvRow("7")).utf8)
        bytes += Array("7,sent,Ann Lee,2026-10-01,Parts,caf".utf8) + [0xE9, 0x81] + Array(",1,50.00,50.00,100.00\n".utf8)
        bytes += Array((InputFixture.csvRow("8") + InputFixture.csvRow("8")).utf8)
        let (result, rows) = try run(["invoices.csv": bytes])
        #expect(result.summary.counts["invoice"] == ["Failed": 1, "Success": 1])
        let failed = try #require(rows.first { $0["status"] == "Failed" })
        #expect(failed["entity"] == "Invoice #7" && failed["source"] == "invoices.csv:2")
        #expect(failed["message"]?.contains("line 3: text is not valid UTF-8 in column line_description; allowed: UTF-8 text") == true, "\(failed)")
        #expect(failed["message"]?.contains("none of its 2 rows (lines 2, 3) is written") == true)
        #expect(failed["fix"]?.contains("Correct line 3 of invoices.csv") == true)
        #expect(rows.filter { $0["source_id"] == "7" }.count == 1, "one row for the invoice, none anonymous")
    }

    @Test func aQuoteNeverClosedStopsTheRunNamingWhereItOpened() throws {
        let text = InputFixture.csvHeader + InputFixture.csvRow("7") + "7,sent,Ann Lee,2026-10-01,Parts,\"open,1,50.00,50.00,100.00\n" + InputFixture.csvRow("8")
        let folder = try InputFixture.folder(["invoices.csv": Array(text.utf8)])
        let error = fatal { _ = try Conversion.run(folder, out: nil, writeFiles: false) }
        #expect(error?.kind == .unreadableInput)
        #expect(error?.description.contains("invoices.csv:3: a quoted cell (column line_description) opens on line 3 and is never closed, so the rest of the file (lines 3–4) would be one cell") == true,
                "\(String(describing: error))")
    }

    @Test func aQuoteThatSwallowsRowsFailsTheInvoiceAndSaysSo() throws {
        let text = InputFixture.csvHeader + InputFixture.csvRow("7") + "7,sent,Ann Lee,2026-10-01,Parts,\"open,1,50.00,50.00,100.00\n"
            + "8,sent,Bo,2026-10-01,Labor,\"shut\",1,50.00,50.00,100.00\n"
        let (result, rows) = try run(["invoices.csv": Array(text.utf8)])
        #expect(result.summary.counts["invoice"] == ["Failed": 1])
        let message = rows.first?["message"] ?? ""
        #expect(rows.first?["entity"] == "Invoice #7")
        #expect(message.contains("the row runs from line 3 to line 4: a quote opened on line 3 may have swallowed the lines after it"), "\(message)")
    }

    @Test func aMissingHeaderColumnIsOneErrorAboutTheHeader() throws {
        let header = InputFixture.csvHeader.replacingOccurrences(of: "invoice_date", with: "Invoice Date")
        let folder = try InputFixture.folder(["invoices.csv": Array((header + InputFixture.csvRow("7")).utf8)])
        let error = fatal { _ = try Conversion.run(folder, out: nil, writeFiles: false) }
        #expect(error?.kind == .unreadableInput, "exit 3: the file cannot be read as invoices at all")
        #expect(error?.description.hasPrefix("invoices.csv: no column invoice_date; found \"Invoice Date\" (the header row must name, exactly: invoice_id,") == true,
                "\(String(describing: error))")
    }

    @Test func everyEntityCSVNeedsItsRequiredColumns() throws {
        let invoices = Array((InputFixture.csvHeader + InputFixture.csvRow("7")).utf8)
        let folder = try InputFixture.folder(["invoices.csv": invoices, "payments.csv": Array("id,invoice,amount,method,received_at\n".utf8)])
        let error = fatal { _ = try Conversion.run(folder, out: nil, writeFiles: false) }
        #expect(error?.description.hasPrefix("payments.csv: no column invoice_id; found \"invoice\"") == true, "\(String(describing: error))")
    }

    @Test func aNumberNoDecimalHoldsFailsItsRecordNamingTheField() throws {
        let text = InputFixture.invoicesJSON(["1", "2"]).replacingOccurrences(of: #""total": "100.00", "amount_paid""#, with: #""total": 1e400, "amount_paid""#, options: [], range: nil)
        let folder = try InputFixture.folder(["invoices.json": Array(text.utf8)])
        let out = try TestPaths.temporaryFolder()
        let result = try Conversion.run(folder, out: out)
        #expect(result.summary.counts["invoice"] == ["Failed": 2], "each record fails, the file is read")
        let row = try #require(try ReportFile(out).invoices.first)
        #expect(row["message"]?.contains("field total is 1e400; allowed: a decimal amount") == true, "\(row)")
        #expect(row["fix"]?.contains("invoices.json record #0 (field total)") == true)
    }

    @Test(arguments: ["invoices.csv", "invoices.json", "invoices.jsonl"])
    func utf16FilesAreNamedAsUTF16(name: String) throws {
        let text = name.hasSuffix(".csv") ? InputFixture.csvHeader + InputFixture.csvRow("7")
            : name.hasSuffix(".jsonl") ? InputFixture.invoiceJSON("1") + "\n" : InputFixture.invoicesJSON(["1"])
        let littleEndianWithBOM: [UInt8] = [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let bigEndianWithoutBOM: [UInt8] = text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        for bytes in [littleEndianWithBOM, bigEndianWithoutBOM] {
            let folder = try InputFixture.folder([name: bytes])
            let error = fatal { _ = try Conversion.run(folder, out: nil, writeFiles: false) }
            #expect(error?.kind == .unreadableInput)
            #expect(error?.description == "\(name): the file is UTF-16; save it as UTF-8")
        }
    }

    @Test func invalidUTF8InAJSONStringFailsItsRecordNamingTheField() throws {
        var bytes = Array("[".utf8) + Array(InputFixture.invoiceJSON("1").utf8) + Array(",\n".utf8)
        bytes += Array(InputFixture.invoiceJSON("2").replacingOccurrences(of: "\"item\": \"Labor\"", with: "\"item\": \"Lab\u{1}\"").utf8).map { $0 == 0x01 ? 0xFF : $0 }
        bytes += Array("]".utf8)
        let (result, rows) = try run(["invoices.json": bytes])
        #expect(result.summary.counts["invoice"] == ["Success": 1, "Failed": 1])
        let failed = try #require(rows.first { $0["status"] == "Failed" })
        #expect(failed["entity"] == "Invoice #2")
        #expect(failed["message"] == "Invalid record: field lines[0].item is not valid UTF-8 text (line 2); allowed: UTF-8 text")
        #expect(failed["fix"]?.contains("invoices.json record #1") == true)
    }
}
