import Foundation
import Testing
@testable import RunACallQuickBooks
@testable import RunACallSupport
@testable import RunACallRead

/// US qbXML and QBO CSV let QuickBooks compute the tax from the sales tax item's own rate:
/// an invoice whose tax that rate would not give fails before anything is written,
/// and an item whose rate the books do not give is warned about where QBO CSV computes it
/// (qbXML then carries the exact tax as its own line: SalesTaxLineTests).
@Suite struct SalesTaxRateTests {
    @Test func aRateThatDiffersFromTheBooksItemFailsWithTheFix() throws {
        let config = "tax:\n  rates:\n    Denver 8.81%: Denver\n    Golden 9%: Denver\n"
        let (report, out, result) = try BooksFixture.run(BooksFixture.invoices([
            BooksErrorTests.invoice("R-1", tax: ("Denver 8.81%", "8.81")),
            BooksErrorTests.invoice("R-2", tax: ("Golden 9%", "9.00")),
        ]), config: config)
        let row = try BooksErrorTests.failedRow(report, out, result, id: "R-2", marker: "R-2")
        #expect(row["message"] == "Sales tax rate differs: QuickBooks computes 8.81 from sales tax item \"Denver\" at its 8.81% but Run a Call charged 9.00")
        #expect(row["fix"] == "Set the item's rate to 9% in QuickBooks or map the rate to an item with that rate (tax.rates), then re-run.")
        let matching = try #require(report.invoices.first { $0["source_id"] == "R-1" })
        #expect(matching["status"] == "Success" && matching["warning"] == "", "the books' 8.81% gives Run a Call's 8.81")
    }

    /// QBO CSV cannot carry the exact tax, so the safety net's 0% fails the invoice when QBO CSV is written.
    @Test func theToClassifySafetyNetAtZeroPercentFailsATaxedInvoiceWhereQBOCSVComputesIt() throws {
        let config = "tax:\n  rates:\n    Denver 8.81%: Denver\n  default_for_unmapped: To classify\n"
        let (report, out, result) = try BooksFixture.run(BooksFixture.invoices([
            BooksErrorTests.invoice("Z-1", tax: ("Boulder 8.85%", "8.85")),
        ]), config: config)
        let row = try BooksErrorTests.failedRow(report, out, result, id: "Z-1", marker: "Z-1")
        #expect(row["message"] == "Sales tax rate differs: QuickBooks computes 0.00 from sales tax item \"To classify\" at its 0% but Run a Call charged 8.85")
        #expect(row["fix"]?.hasPrefix("Set the item's rate to 8.85% in QuickBooks") == true)
    }

    @Test func anItemWithoutARateInTheBooksWarnsAndTheSummaryNamesTheTaxAtRisk() throws {
        let config = "tax:\n  rates:\n    Lakewood 7.5%: Lakewood\n"
        let (report, out, result) = try BooksFixture.run(BooksFixture.invoices([
            BooksErrorTests.invoice("W-1", tax: ("Lakewood 7.5%", "7.50")),
        ]), config: config)
        #expect(result.exitStatus == 0)
        let row = try #require(report.invoices.first { $0["source_id"] == "W-1" })
        #expect(row["status"] == "Success")
        #expect(row["warning"]?.contains("QBO CSV: QuickBooks computes the sales tax itself from item \"Lakewood\", whose rate the books do not give: Run a Call's tax 7.50 holds only if its rate is 7.5%") == true)
        let summary = try String(contentsOf: out.appendingPathComponent("report/index.html"), encoding: .utf8)
        #expect(summary.contains("sales tax at risk: 7.50 on 1 invoices"))
        let qbxml = try #require(try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("qbxml").path).first)
        #expect(try QBXMLSchemaTests.schema().validate(file: out.appendingPathComponent("qbxml").appendingPathComponent(qbxml)) == [])
    }

    @Test func booksReadersReadTheItemsRates() throws {
        let folder = try TestPaths.temporaryFolder("tax-rates")
        let iif = folder.appendingPathComponent("items.iif")
        try Data("!INVITEM\tNAME\tINVITEMTYPE\tPRICE\nINVITEM\tAurora\tCOMPTAX\t8.5%\n".utf8).write(to: iif)
        #expect(try BookLists.read(iif).taxCodes.named("Aurora").first?.ratePercent == ExactDecimal(parsing: "8.5", maxPlaces: 5))
        let csv = folder.appendingPathComponent("tax.csv")
        try Data("Name,Type,Rate\nAurora,Sales Tax Item,abc\n".utf8).write(to: csv)
        #expect(throws: FatalError.self) { try BookLists.read(csv) }
    }
}
