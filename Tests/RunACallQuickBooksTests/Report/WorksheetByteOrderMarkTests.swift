import Foundation
import Testing
@testable import RunACallQuickBooks

/// The worksheets meant for people start with a UTF-8 byte order mark, so that Excel on Windows
/// reads their accents right (outputs.md); the files QuickBooks imports keep their own rules (none).
@Suite struct WorksheetByteOrderMarkTests {
    private static let mark: [UInt8] = [0xEF, 0xBB, 0xBF]

    private func starts(_ folder: URL, _ file: String) throws -> Bool {
        try Data(contentsOf: folder.appendingPathComponent(file)).starts(with: Self.mark)
    }

    @Test func theWorksheetsStartWithAByteOrderMarkAndTheImportsDoNot() throws {
        let (out, _) = try SampleGoldenTests.convert("export")
        for worksheet in ["report/sync-report.csv", "report/payment-application.csv", "qbo-csv/discounts-to-enter.csv", "qbo-csv/import-checklist.csv"] {
            #expect(try starts(out, worksheet), "\(worksheet) opens right in Excel on Windows")
        }
        for imported in ["qbo-csv/invoices.csv", "qbo-csv/customers.csv", "qbo-csv/products.csv", "qbo-csv/deposits.csv"] {
            #expect(try !starts(out, imported), "\(imported): QuickBooks Online imports UTF-8 without a BOM")
        }
        #expect(FileChecker.check(out.appendingPathComponent("qbo-csv/import-checklist.csv"), schema: nil).isEmpty)
        #expect(FileChecker.check(out.appendingPathComponent("qbo-csv/discounts-to-enter.csv"), schema: nil).isEmpty)
    }

    @Test func theReportOfFromQuickBooksStartsWithAByteOrderMark() throws {
        let run = try FromQuickBooksRun.run(FromQuickBooksListTests.fixtures, configText: FromQuickBooksRun.bothOn)
        #expect(try starts(run.out, "report/sync-report.csv"))
        #expect(try !starts(run.out, "run-a-call/customers.csv"), "a Run a Call import file keeps the export format's rules")
    }

    @Test func aWorksheetWithoutItsMarkIsNamedByValidate() throws {
        let (out, _) = try SampleGoldenTests.convert("export")
        let checklist = out.appendingPathComponent("qbo-csv/import-checklist.csv")
        try Data(try Data(contentsOf: checklist).dropFirst(3)).write(to: checklist)
        #expect(FileChecker.check(checklist, schema: nil).contains { $0.contains("no UTF-8 byte order mark") })
    }
}
