import ExportGenerator
import Foundation
import Testing
@testable import RunACallQuickBooks
@testable import RunACallSupport
@testable import RunACallRead
@testable import RunACallRender

/// `qbo-csv/import-checklist.csv`: every QBO CSV file once, in import order,
/// with its record count and total read back from the files themselves.
@Suite struct ImportChecklistTests {
    /// The checklist's rows, as cells by column.
    static func checklist(_ out: URL) throws -> [[String: String]] {
        let table = try CSVTable(url: out.appendingPathComponent("qbo-csv/import-checklist.csv"))
        #expect(table.columns == ImportChecklist.columns)
        var rows: [[String: String]] = []
        while let (row, problem) = try table.nextRow() {
            #expect(problem == nil)
            rows.append(Dictionary(uniqueKeysWithValues: table.columns.map { ($0, table.cell($0, in: row) ?? "") }))
        }
        return rows
    }

    /// The data rows of a written CSV file.
    static func rows(_ file: URL) throws -> [[String: String]] {
        let table = try CSVTable(url: file)
        var rows: [[String: String]] = []
        while let (row, _) = try table.nextRow() {
            rows.append(Dictionary(uniqueKeysWithValues: table.columns.map { ($0, table.cell($0, in: row) ?? "") }))
        }
        return rows
    }

    @Test func listsEveryPartInImportOrderWithItsInvoicesAndTotal() throws {
        let folder = try TestPaths.temporaryFolder()
        _ = try ExportGenerator(invoiceCount: 1_200, seed: 7).writeWithPayments(format: .jsonl, to: folder)
        let out = folder.appendingPathComponent("out")
        let result = try Conversion.run(folder, configText: ExportGenerator.configuration(edition: "ca"), out: out, formats: [.qboCSV])
        let checklist = try Self.checklist(out)
        let invoiceFiles = try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("qbo-csv").path)
            .filter { $0.hasPrefix("invoices-") }.sorted().map { "qbo-csv/\($0)" }
        #expect(invoiceFiles.count > 10, "1,200 invoices take many files")
        let hasDiscounts = FileManager.default.fileExists(atPath: out.appendingPathComponent("qbo-csv/discounts-to-enter.csv").path)
        #expect(hasDiscounts, "the generated export has discounts")
        #expect(checklist.map { $0["file"] } == ["qbo-csv/customers.csv", "qbo-csv/products.csv"] + invoiceFiles
            + ["qbo-csv/discounts-to-enter.csv", "qbo-csv/deposits.csv"])
        #expect(checklist.map { $0["order"] } == checklist.indices.map { String($0 + 1) })
        #expect(checklist.allSatisfy { $0["done"] == "" && $0["what"]?.isEmpty == false })

        // Each row's count and total, read back from the file it names.
        var invoicesTotal = Money.zero
        for entry in checklist {
            let file = try #require(entry["file"])
            let rows = try Self.rows(out.appendingPathComponent(file))
            if file.contains("invoices-") {
                #expect(entry["records"] == String(Set(rows.map { $0["*InvoiceNo"] ?? "" }).count), "\(file)")
                let total = rows.reduce(Money.zero) { sum, row in
                    sum + Money(parsing: row["*ItemAmount"] ?? "")! + (Money(parsing: row["ItemTaxAmount"] ?? "") ?? .zero)
                }
                #expect(entry["total"] == total.description, "\(file)")
                invoicesTotal = invoicesTotal + total
            } else {
                #expect(entry["records"] == String(rows.count), "\(file)")
            }
            if file.hasSuffix("deposits.csv") {
                #expect(entry["total"] == rows.reduce(Money.zero) { $0 + Money(parsing: $1["Amount"] ?? "")! }.description)
            }
            if file.hasSuffix("discounts-to-enter.csv") {
                #expect(entry["total"] == result.summary.qboDiscountsByHand.description)
            }
        }
        // The files hold the invoices before their discounts are entered by hand.
        #expect(invoicesTotal - result.summary.qboDiscountsByHand == result.summary.writtenTotals["qbo-csv"])
    }

    @Test func isTheSameEveryRunAndValidatePassesIt() throws {
        let export = TestPaths.samples.appendingPathComponent("export")
        let first = try TestPaths.temporaryFolder("checklist-1")
        let second = try TestPaths.temporaryFolder("checklist-2")
        _ = try Conversion.run(export, configURL: Conversion.sampleConfig, out: first, formats: [.qboCSV])
        _ = try Conversion.run(export, configURL: Conversion.sampleConfig, out: second, formats: [.qboCSV])
        let file = "qbo-csv/import-checklist.csv"
        #expect(try Data(contentsOf: first.appendingPathComponent(file)) == Data(contentsOf: second.appendingPathComponent(file)))
        #expect(FileChecker.check(first.appendingPathComponent(file), schema: nil).isEmpty)
        #expect(!FileChecker.quickBooksFiles(under: first).contains { $0.lastPathComponent == "import-checklist.csv" },
                "validate of a folder skips it: it is no file to import")
    }

    @Test func aCellThatLooksLikeAFormulaIsGuarded() {
        let text = ImportChecklist.render([ImportChecklist.Entry(file: "qbo-csv/customers.csv", what: "=HYPERLINK(\"x\")", records: 2, total: nil)])
        #expect(text == "\u{FEFF}order,file,what,records,total,done\r\n1,qbo-csv/customers.csv,\"'=HYPERLINK(\"\"x\"\")\",2,,\r\n")
    }

    @Test func validateNamesAChecklistRowThatIsWrong() throws {
        let folder = try TestPaths.temporaryFolder()
        let file = folder.appendingPathComponent("import-checklist.csv")
        try Data("\u{FEFF}order,file,what,records,total,done\r\n1,qbo-csv/invoices-001.csv,import,many,1.00,\r\n".utf8).write(to: file)
        #expect(FileChecker.check(file, schema: nil) == ["import-checklist.csv:2: records \"many\" is not a count"])
    }
}
