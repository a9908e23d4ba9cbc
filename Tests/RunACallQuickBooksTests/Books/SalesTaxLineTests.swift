import Foundation
import Testing
@testable import RunACallQuickBooks
@testable import RunACallSupport
@testable import RunACallDecide
@testable import RunACallRender

/// US qbXML never depends on a rate rac2qb cannot know: where the books give no rate for the
/// sales tax item, or the item is the `default_for_unmapped` safety net and its rate would not
/// give Run a Call's tax, the invoice's lines are `Non` and the tax is its own line on the item,
/// with its `Amount`. A stand-in QuickBooks that holds the items at their real rates ends with
/// each invoice at Run a Call's total and tax, and takes its full payment.
@Suite struct SalesTaxLineTests {
    /// The rates QuickBooks holds: the books say To classify is 0% and Denver 8.81%, and give none for Lakewood (7.75% there).
    static let quickBooksRates = ["Denver": "8.81", "To classify": "0", "Lakewood": "7.75"]

    static let taxCodes = """
    <?xml version="1.0" ?>
    <QBXML><QBXMLMsgsRs>
    <ItemSalesTaxQueryRs requestID="1" statusCode="0" statusSeverity="Info" statusMessage="Status OK">
      <ItemSalesTaxRet><Name>Denver</Name><IsActive>true</IsActive><TaxRate>8.81</TaxRate></ItemSalesTaxRet>
      <ItemSalesTaxRet><Name>To classify</Name><IsActive>true</IsActive><TaxRate>0</TaxRate></ItemSalesTaxRet>
      <ItemSalesTaxRet><Name>Lakewood</Name><IsActive>true</IsActive></ItemSalesTaxRet>
    </ItemSalesTaxQueryRs>
    </QBXMLMsgsRs></QBXML>

    """

    static let config = """
    version: 1
    books:
      tax_codes: books/tax-codes.xml
    output:
      formats: [iif, qbxml]
    tax:
      rates:
        Denver 8.81%: Denver
        Golden 9%: Denver
        Lakewood 7.5%: Lakewood
      default_for_unmapped: To classify
      agency: Colorado Department of Revenue

    """

    /// An invoice of one taxable Labor line of `amount` for Ann Lee, taxed `tax` under Run a Call's rate `rate`.
    static func invoice(_ id: String, rate: String, percent: String, amount: String = "100.00", tax: String, extra: String = "") -> String {
        let lines = "[{\"item\": \"Labor\", \"quantity\": \"1\", \"unit_price\": \"\(amount)\", \"amount\": \"\(amount)\", "
            + "\"taxable\": true, \"tax_rate\": \"\(rate)\"}]"
        let taxLines = "[{\"name\": \"\(rate)\", \"rate_percent\": \"\(percent)\", \"taxable_amount\": \"\(amount)\", \"amount\": \"\(tax)\"}]"
        let total = (Money(parsing: amount)! + Money(parsing: tax)!).description
        return InvoiceRulesTests.invoice(id: id, lines: lines, tax: taxLines, extra: extra, total: total)
    }

    static func payment(_ id: String, invoice: String, amount: String, date: String = "2026-10-02") -> String {
        PaymentRulesTests.payment(id, invoice: invoice, amount: amount, method: "cash", payout: nil, fee: "0.00", date: date)
    }

    /// A run of `invoices` and `payments` against the books' tax codes, with `ledger`.
    static func run(_ invoices: [String], payments: [String] = [], ledger: URL) throws -> MonthlyRunTests.Month {
        let folder = try TestPaths.temporaryFolder("tax-line")
        let books = folder.appendingPathComponent("books")
        try FileManager.default.createDirectory(at: books, withIntermediateDirectories: true)
        try Data(taxCodes.utf8).write(to: books.appendingPathComponent("tax-codes.xml"))
        let configURL = folder.appendingPathComponent("rac2qb.yml")
        try Data(config.utf8).write(to: configURL)
        var files = ["invoices.json": "[" + invoices.joined(separator: ",\n") + "]"]
        if !payments.isEmpty { files["payments.json"] = "[" + payments.joined(separator: ",") + "]" }
        let export = try Conversion.export(files)
        let out = folder.appendingPathComponent("out")
        let options = ConversionOptions(exportPaths: [export], configuration: try ConfigurationLoader.load(contentsOf: configURL),
                                        outputDirectory: out, ledger: ledger)
        let result = try Converter.run(options)
        return MonthlyRunTests.Month(report: try ReportFile(out), out: out, result: result)
    }

    /// Answers the run's qbXML with `quickBooks`, checks it is schema-valid and refused nowhere, and ingests the answers.
    static func answer(_ run: MonthlyRunTests.Month, by quickBooks: FakeQuickBooks, ledger: URL) throws {
        let requests = run.out.appendingPathComponent("qbxml/requests.xml")
        #expect(try QBXMLSchemaTests.schema().validate(file: requests) == [])
        let responses = try TestPaths.temporaryFolder("tax-line-responses").appendingPathComponent("responses.xml")
        let answered = try quickBooks.process(requests: requests)
        #expect(!answered.contains("statusSeverity=\"Error\""), "QuickBooks refuses nothing: \(answered)")
        try Data(answered.utf8).write(to: responses)
        #expect(try ResponseIngest.ingest([responses], ledger: ledger, batch: nil).rows.isEmpty)
    }

    @Test func unknownOrSafetyNetRatesGetTheExactTaxAsALineAndFullPaymentsAreTaken() throws {
        let ledger = try TestPaths.temporaryFolder().appendingPathComponent("ledger.sqlite")
        let run = try Self.run([
            Self.invoice("S-1", rate: "Boulder 8.85%", percent: "8.85", tax: "8.85"),
            Self.invoice("L-1", rate: "Lakewood 7.5%", percent: "7.5", tax: "7.50"),
            Self.invoice("D-1", rate: "Denver 8.81%", percent: "8.81", tax: "8.81"),
            Self.invoice("G-1", rate: "Golden 9%", percent: "9", tax: "9.00"),
        ], payments: [
            Self.payment("p-S1", invoice: "S-1", amount: "108.85"),
            Self.payment("p-L1", invoice: "L-1", amount: "107.50"),
            Self.payment("p-D1", invoice: "D-1", amount: "108.81"),
        ], ledger: ledger)
        #expect(run.result.exitStatus == 1, "G-1 fails")

        let safetyNet = try #require(run.row("S-1"))
        #expect(safetyNet["status"] == "Success")
        #expect(safetyNet["warning"]?.contains("qbXML: Run a Call's tax 8.85 as its own line on sales tax item \"To classify\" and every other line "
            + "non-taxable, so QuickBooks adds no tax of its own (item \"To classify\": its 0% in the books would give 0.00); QuickBooks' "
            + "sales tax reports count this invoice's sales as non-taxable: map the rate to a sales tax item at Run a Call's rate "
            + "(tax.rates) to write taxable lines") == true, "\(safetyNet["warning"] ?? "")")
        let unknown = try #require(run.row("L-1"))
        #expect(unknown["status"] == "Success")
        #expect(unknown["warning"]?.contains("(item \"Lakewood\": the books give no rate for it)") == true)
        #expect(unknown["warning"]?.contains("list the item with its rate in books.tax_codes to write taxable lines") == true)
        let known = try #require(run.row("D-1"))
        #expect(known["status"] == "Success" && known["warning"] == "", "the books' 8.81% gives 8.81: the plain form")
        let differs = try #require(run.row("G-1"))
        #expect(differs["status"] == "Failed", "a mapped item whose rate differs still fails")
        #expect(differs["message"] == "Sales tax rate differs: QuickBooks computes 8.81 from sales tax item \"Denver\" at its 8.81% but Run a Call charged 9.00")

        let qbxml = try BooksFixture.compactQBXML(run.out)
        let taxLine = "<ItemRef><FullName>To classify</FullName></ItemRef><Desc>Sales tax 8.85%</Desc><Amount>8.85</Amount></InvoiceLineAdd>"
        #expect(qbxml.contains("<ItemSalesTaxRef><FullName>To classify</FullName></ItemSalesTaxRef>"))
        #expect(qbxml.contains("<Amount>100.00</Amount><SalesTaxCodeRef><FullName>Non</FullName></SalesTaxCodeRef></InvoiceLineAdd><InvoiceLineAdd>" + taxLine))
        #expect(qbxml.contains("<ItemRef><FullName>Lakewood</FullName></ItemRef><Desc>Sales tax 7.5%</Desc><Amount>7.50</Amount>"))
        let plain = try #require(qbxml.components(separatedBy: "<InvoiceAddRq requestID=\"req-inv-D-1\">").last?.components(separatedBy: "</InvoiceAddRq>").first)
        #expect(plain.contains("<SalesTaxCodeRef><FullName>Tax</FullName></SalesTaxCodeRef>") && !plain.contains("<Desc>Sales tax"))

        let summary = try String(contentsOf: run.out.appendingPathComponent("report/index.html"), encoding: .utf8)
        #expect(!summary.contains("sales tax at risk"), "nothing is at risk: qbXML carries the exact tax")
        #expect(summary.contains("qbXML: sales tax 16.35 of 2 invoices written exactly, as its own line on &quot;To classify&quot;, &quot;Lakewood&quot;"))

        let quickBooks = FakeQuickBooks(salesTaxRates: Self.quickBooksRates)
        try Self.answer(run, by: quickBooks, ledger: ledger)
        for (id, total, tax) in [("S-1", 10885, 885), ("L-1", 10750, 750), ("D-1", 10881, 881)] as [(String, Int64, Int64)] {
            let invoice = try #require(quickBooks.invoice(refNumber: id))
            #expect(invoice.total == total && invoice.salesTax == tax, "\(id): QuickBooks \(invoice.total) (tax \(invoice.salesTax))")
            #expect(invoice.paid == total, "\(id): the full payment is taken")
        }
    }

    @Test func anUpdateCarriesTheTaxLineToo() throws {
        let ledger = try TestPaths.temporaryFolder().appendingPathComponent("ledger.sqlite")
        let quickBooks = FakeQuickBooks(salesTaxRates: Self.quickBooksRates)
        try Self.answer(try Self.run([Self.invoice("S-2", rate: "Boulder 8.85%", percent: "8.85", tax: "8.85")], ledger: ledger),
                        by: quickBooks, ledger: ledger)
        let edited = Self.invoice("S-2", rate: "Boulder 8.85%", percent: "8.85", amount: "200.00", tax: "17.70",
                                  extra: ", \"updated_at\": \"2026-10-03T09:00:00Z\"")
        let update = try Self.run([edited], payments: [Self.payment("p-S2", invoice: "S-2", amount: "217.70", date: "2026-10-04")], ledger: ledger)
        #expect(update.row("S-2")?["status"] == "Success")
        let qbxml = try BooksFixture.compactQBXML(update.out)
        #expect(qbxml.contains("<InvoiceLineMod><TxnLineID>-1</TxnLineID><ItemRef><FullName>To classify</FullName></ItemRef>"
            + "<Desc>Sales tax 8.85%</Desc><Amount>17.70</Amount></InvoiceLineMod>"))
        try Self.answer(update, by: quickBooks, ledger: ledger)
        #expect(quickBooks.done["InvoiceMod"] == 1)
        let invoice = try #require(quickBooks.invoice(refNumber: "S-2"))
        #expect(invoice.total == 21770 && invoice.salesTax == 1770 && invoice.paid == 21770)
    }

    @Test func theStandInComputesTaxAsQuickBooksDoes() throws {
        let folder = try TestPaths.temporaryFolder("tax-line-standin")
        let requests = folder.appendingPathComponent("requests.xml")
        let (opening, closing) = QBXMLWriter.document(version: "13.0")
        try Data((opening + """
            <CustomerAddRq requestID="c"><CustomerAdd><Name>Ann Lee</Name></CustomerAdd></CustomerAddRq>
            <ItemServiceAddRq requestID="i"><ItemServiceAdd><Name>Labor</Name></ItemServiceAdd></ItemServiceAddRq>
            <InvoiceAddRq requestID="a"><InvoiceAdd><CustomerRef><FullName>Ann Lee</FullName></CustomerRef><RefNumber>A</RefNumber>
              <ItemSalesTaxRef><FullName>Lakewood</FullName></ItemSalesTaxRef>
              <InvoiceLineAdd><ItemRef><FullName>Labor</FullName></ItemRef><Amount>100.10</Amount><SalesTaxCodeRef><FullName>Tax</FullName></SalesTaxCodeRef></InvoiceLineAdd>
              <InvoiceLineAdd><ItemRef><FullName>Labor</FullName></ItemRef><Amount>50.00</Amount><SalesTaxCodeRef><FullName>Non</FullName></SalesTaxCodeRef></InvoiceLineAdd>
              <InvoiceLineAdd><ItemRef><FullName>Denver</FullName></ItemRef><Amount>1.00</Amount></InvoiceLineAdd>
            </InvoiceAdd></InvoiceAddRq>
            <InvoiceAddRq requestID="b"><InvoiceAdd><CustomerRef><FullName>Ann Lee</FullName></CustomerRef><RefNumber>B</RefNumber>
              <ItemSalesTaxRef><FullName>Boulder</FullName></ItemSalesTaxRef>
              <InvoiceLineAdd><ItemRef><FullName>Labor</FullName></ItemRef><Amount>10.00</Amount><SalesTaxCodeRef><FullName>Tax</FullName></SalesTaxCodeRef></InvoiceLineAdd>
            </InvoiceAdd></InvoiceAddRq>

            """ + closing).utf8).write(to: requests)
        let quickBooks = FakeQuickBooks(salesTaxRates: Self.quickBooksRates)
        let answered = try quickBooks.process(requests: requests)
        let invoice = try #require(quickBooks.invoice(refNumber: "A"))
        #expect(invoice.salesTax == 876 && invoice.total == 15886, "round(100.10 × 7.75%) = 7.76, plus the 1.00 line on Denver")
        #expect(answered.contains("statusCode=\"3140\""), "a sales tax item QuickBooks does not have is refused")
        #expect(quickBooks.invoice(refNumber: "B") == nil)
    }
}
