import Foundation
import Testing
@testable import RunACallQuickBooks
@testable import RunACallSupport
@testable import RunACallRead
@testable import RunACallDecide

/// An export opened and saved in Excel comes back in Windows-1252 with dates as `10/1/2026`:
/// each record fails naming the encoding or the date style with the fix, its money is still
/// counted where its total reads, the totals never say they reconcile, and `--encoding
/// windows-1252` reads such a file as it is.
@Suite struct ExcelSavedExportTests {
    /// `café` as Excel's "CSV (Comma delimited)" writes it: é is the one byte 0xE9.
    private static let windows1252Row = Array("7,sent,Ann Lee,2026-10-01,Parts,caf".utf8) + [0xE9] + Array(",1,50.00,50.00,100.00\n".utf8)

    private func run(_ files: [String: [UInt8]], encoding: ExportEncoding = .utf8) throws -> (result: ConversionResult, rows: [[String: String]]) {
        let folder = try InputFixture.folder(files)
        let out = try TestPaths.temporaryFolder()
        var options = ConversionOptions(exportPaths: [folder], configuration: Configuration(), outputDirectory: out,
                                        startedAt: Conversion.fixedStart)
        options.encoding = encoding
        let result = try Converter.run(options)
        return (result, try ReportFile(out).invoices)
    }

    private func invoices(_ rows: [UInt8]) -> [String: [UInt8]] {
        ["invoices.csv": Array(InputFixture.csvHeader.utf8) + rows + Array((InputFixture.csvRow("8") + InputFixture.csvRow("8")).utf8)]
    }

    @Test func windows1252TextIsNamedWithItsFix() throws {
        let (result, rows) = try run(invoices(Array(InputFixture.csvRow("7").utf8) + Self.windows1252Row))
        #expect(result.summary.counts["invoice"] == ["Failed": 1, "Success": 1])
        let failed = try #require(rows.first { $0["status"] == "Failed" })
        #expect(failed["message"]?.hasPrefix("Text not UTF-8: line 3: text \"café\" is not UTF-8 in column line_description") == true, "\(failed)")
        #expect(failed["message"]?.contains("its bytes read as Windows-1252, as Excel saves \"CSV (Comma delimited)\"") == true)
        #expect(failed["fix"] == "Save invoices.csv in Excel as \"CSV UTF-8 (Comma delimited)\", or re-run with --encoding windows-1252 (line 3).")
    }

    @Test func encodingWindows1252ReadsTheFile() throws {
        let (result, rows) = try run(invoices(Array(InputFixture.csvRow("7").utf8) + Self.windows1252Row), encoding: .windows1252)
        #expect(result.summary.counts["invoice"] == ["Success": 2], "\(rows)")
        #expect(result.summary.reconciles)
    }

    @Test func windows1252IsDecodedWhereverTheBufferEnds() throws {
        let folder = try InputFixture.folder(["t.csv": Array("a,b\n1,".utf8) + [0x80, 0xE9, 0x93] + Array("\n2,Z".utf8) + [0xF6, 0x81]])
        for chunkSize in [1, 2, 3, 1 << 20] {
            let reader = try CSVRowReader(url: folder.appendingPathComponent("t.csv"), chunkSize: chunkSize, encoding: .windows1252)
            _ = try reader.next()
            #expect(try reader.next()?.cells == ["1", "€é“"], "chunk size \(chunkSize)")
            let undefined = try #require(try reader.next())
            #expect(undefined.problem?.reason == "text is not valid UTF-8", "0x81 is no Windows-1252 character: never replaced silently")
        }
    }

    @Test func aUTF8FileIsNotReadAsWindows1252() throws {
        let folder = try InputFixture.folder(invoices(Array(InputFixture.csvRow("7", description: "café").utf8)))
        var options = ConversionOptions(exportPaths: [folder], configuration: Configuration(), outputDirectory: nil, writeQuickBooksFiles: false)
        options.encoding = .windows1252
        #expect {
            try Converter.run(options)
        } throws: { error in
            (error as? FatalError)?.kind == .usage
                && (error as? FatalError)?.description.hasPrefix("invoices.csv: the file is UTF-8, not Windows-1252") == true
        }
    }

    @Test func anExcelDateNamesItsStyleAndTheFix() throws {
        let row = InputFixture.csvRow("7").replacingOccurrences(of: "2026-10-01", with: "10/1/2026")
        let (result, rows) = try run(invoices(Array((row + row).utf8)))
        #expect(result.summary.counts["invoice"] == ["Failed": 1, "Success": 1])
        let failed = try #require(rows.first { $0["status"] == "Failed" })
        #expect(failed["message"] == "Date as a spreadsheet writes it: field invoice_date is \"10/1/2026\", a date as Excel writes it (US month/day/year: 2026-10-01; day/month/year elsewhere: 2026-01-10); allowed: a date YYYY-MM-DD such as 2026-10-01", "\(failed)")
        #expect(failed["fix"]?.contains("format the date columns as yyyy-mm-dd") == true)
        #expect(failed["fix"]?.contains("invoices.csv line 2 (column invoice_date)") == true)
    }

    @Test func aDayFirstDateIsReadAsOne() {
        #expect(SpreadsheetDate.reading(of: "15/10/2026") == "day/month/year: 2026-10-15")
        #expect(SpreadsheetDate.reading(of: "9/15/2026 15:04") == "US month/day/year: 2026-09-15")
        #expect(SpreadsheetDate.reading(of: "10-01-2026") == nil)
        #expect(SpreadsheetDate.reading(of: "13/13/2026") == nil)
    }

    @Test func unreadableInvoicesCountTheirMoneyAndNeverReconcile() throws {
        let excelDate = InputFixture.csvRow("7").replacingOccurrences(of: "2026-10-01", with: "10/1/2026")
        let (result, _) = try run(invoices(Array((excelDate + excelDate).utf8) + Array(InputFixture.csvRow("9").utf8) + Self.windows1252Row.map { $0 == UInt8(ascii: "7") ? UInt8(ascii: "9") : $0 }))
        let summary = result.summary
        #expect(summary.counts["invoice"] == ["Failed": 2, "Success": 1])
        #expect(summary.billedInExport == Money(cents: 30_000), "each unreadable invoice's total still counts")
        #expect(summary.billedFailed == Money(cents: 20_000))
        #expect(summary.unreadableRecords == ["invoice": 2])
        #expect(!summary.reconciles, "never reconciled while records could not be read")
        #expect(summary.notReconciledBecause?.hasPrefix("2 invoice(s) could not be read") == true, "\(String(describing: summary.notReconciledBecause))")
        #expect(result.exitStatus == 1)
    }

    @Test func anUnreadablePayoutCountsItsNet() throws {
        var files = invoices(Array(InputFixture.csvRow("7").utf8) + Array(InputFixture.csvRow("7").utf8))
        files["payouts.csv"] = Array("id,arrival_date,gross,fees,net\npo_1,10/14/2026,396.79,12.40,384.39\n".utf8)
        let (result, _) = try run(files)
        #expect(result.summary.counts["payout"] == ["Failed": 1])
        #expect(result.summary.payoutNetInExport == Money(cents: 38_439) && result.summary.payoutNetFailed == Money(cents: 38_439))
        #expect(result.summary.unreadableRecords == ["payout": 1] && !result.summary.reconciles)
    }

    @Test func theCommandLineNeverSaysReconciledYesForAnExcelExport() throws {
        let row = InputFixture.csvRow("7").replacingOccurrences(of: "2026-10-01", with: "10/1/2026")
        let folder = try InputFixture.folder(["invoices.csv": Array((InputFixture.csvHeader + row + row).utf8)])
        let run = try CommandLineTests.run(["check", folder.path, "--defaults", "--no-ledger"])
        #expect(run.status == 1)
        #expect(run.output.contains("invoice totals: billed in export 100.00, failed 100.00"), "\(run.output)")
        #expect(run.output.contains("reconciled: NO: 1 invoice(s) could not be read"), "\(run.output)")
        #expect(!run.output.contains("reconciled: yes"))
        let unknown = try CommandLineTests.run(["check", folder.path, "--defaults", "--no-ledger", "--encoding", "latin-9"])
        #expect(unknown.status == 2)
        #expect(unknown.error.contains("--encoding: \"latin-9\" is not allowed; allowed: utf-8, windows-1252"), "\(unknown.error)")
    }
}
