import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import RunACallQuickBooks
@testable import RunACallSupport
@testable import RunACallRead
@testable import RunACallDecide

/// Files that import as they are written (issue 10): one name per list entry
/// in every format and the ledger, every CSV guarded, no negative QuickBooks
/// Online line, IIF sales tax as Intuit's kit writes it, text cut the same everywhere.
@Suite struct ImportAsWrittenTests {
    static func invoice(id: String, customer: String, item: String = "Labor", extra: String = "", total: String = "100.00") -> String {
        """
        {"id": "\(id)", "status": "sent", "customer": {"id": "c-\(id)", "name": "\(customer)", "email": "billing@example.com"},
         "invoice_date": "2026-10-01", "sent_at": "2026-10-01T10:00:00Z", "lines": [{"item": "\(item)", "quantity": "1",
         "unit_price": "100.00", "amount": "100.00"}], "tax_lines": [], "total": "\(total)"\(extra)}
        """
    }

    static func run(_ invoices: [String], config: String = "version: 1\n", ledger: URL? = nil) throws -> (URL, ConversionResult) {
        let folder = try Conversion.export(["invoices.json": "[" + invoices.joined(separator: ",\n") + "]"])
        let out = folder.appendingPathComponent("out")
        let result = try Converter.run(ConversionOptions(exportPaths: [folder], configuration: try ConfigurationLoader.parse(config),
                                                         outputDirectory: out, ledger: ledger))
        return (out, result)
    }

    /// Every row of a CSV file, column → cell, as a reader sees the cells.
    static func table(_ url: URL) throws -> [[String: String]] {
        let table = try CSVTable(url: url)
        var rows: [[String: String]] = []
        while let (row, problem) = try table.nextRow() {
            precondition(problem == nil)
            rows.append(Dictionary(uniqueKeysWithValues: table.columns.map { ($0, table.cell($0, in: row) ?? "") }))
        }
        return rows
    }

    /// A name is decided once, so it is guarded in every format; a doc number is guarded where a spreadsheet opens it,
    /// in QBO CSV's cell (outputs.md), and IIF, qbXML and the ledger keep the invoice ID as it is.
    @Test func namesThatLookLikeFormulasAreTheSameInEveryFormatAndTheLedgerAndDocNumbersAreGuardedInQBOCSVAlone() throws {
        let cases = [("=7", "=SUM(A1-A9)", "=Labor"), ("+A8", "+1 Plumbing", "+Part"), ("-A9", "-minus", "-Fee"), ("@10", "@handle", "@Item")]
        let ledger = try TestPaths.temporaryFolder().appendingPathComponent("ledger.sqlite")
        let (out, result) = try Self.run(cases.map { Self.invoice(id: $0.0, customer: $0.1, item: $0.2) }, ledger: ledger)
        #expect(result.exitStatus == 0)
        let customers = cases.map { "'" + $0.1 }
        let items = cases.map { "'" + $0.2 }
        let docs = cases.map(\.0)

        let iif = try IIFReader(url: out.appendingPathComponent("iif/quickbooks.iif"))
        #expect(iif.records.filter { $0.keyword == "CUST" }.map { $0["NAME"] } == customers)
        #expect(iif.records.filter { $0.keyword == "INVITEM" }.map { $0["NAME"] } == items)
        let transactions = iif.transactions().transactions
        #expect(transactions.map { $0.header["NAME"] } == customers)
        #expect(transactions.map { $0.header["DOCNUM"] } == docs)
        #expect(transactions.map { $0.splits.first?["INVITEM"] } == items)

        let qbo = out.appendingPathComponent("qbo-csv")
        #expect(try Self.table(qbo.appendingPathComponent("customers.csv")).map { $0["Name"] } == customers)
        #expect(try Self.table(qbo.appendingPathComponent("products.csv")).map { $0["Name"] } == items)
        let lines = try Self.table(qbo.appendingPathComponent("invoices.csv"))
        #expect(lines.map { $0["*Customer"] } == customers)
        #expect(lines.map { $0["*InvoiceNo"] } == docs.map { "'" + $0 })
        #expect(lines.map { $0["Item(Product/Service)"] } == items)

        let qbxml = try QBXMLTexts(out.appendingPathComponent("qbxml/requests.xml"))
        #expect(qbxml["CustomerAdd/Name"] == customers)
        #expect(qbxml["ItemServiceAdd/Name"] == items)
        #expect(qbxml["InvoiceAdd/CustomerRef/FullName"] == customers)
        #expect(qbxml["InvoiceAdd/RefNumber"] == docs)
        #expect(qbxml["InvoiceLineAdd/ItemRef/FullName"] == items)

        let book = try Ledger(url: ledger)
        var inLedger: [EntityType: [String: String]] = [:]
        for entity in [EntityType.customer, .item] {
            try book.latestExports(of: entity) { inLedger[entity, default: [:]][$0.sourceID] = $0.customer }
        }
        try book.latestExports(of: .invoice) { inLedger[.invoice, default: [:]][$0.sourceID] = $0.docNumber }
        #expect(Set(inLedger[.customer]?.values.map { $0 } ?? []) == Set(customers))
        #expect(Set(inLedger[.item]?.values.map { $0 } ?? []) == Set(items))
        #expect(cases.map { inLedger[.invoice]?[$0.0] } == docs)

        let report = try ReportFile(out)
        #expect(report.rows("customer").first?["message"] == "Created for Invoice #=7")
        #expect(report.rows("customer").first?["warning"]
            == "Created as \"'=SUM(A1-A9)\" (a leading = would be evaluated as a formula by a spreadsheet)")
        #expect(report.rows("item").first?["warning"]
            == "Created as \"'=Labor\" (from \"=Labor\", a leading = would be evaluated as a formula by a spreadsheet)")
        #expect(report.invoices.first?["warning"]?.contains("QBO CSV: doc number \"'=7\" (a leading = would be evaluated") == true)
    }

    @Test func termsThatReadAsAFormulaFailTheInvoiceRatherThanNameOtherTerms() throws {
        let (out, result) = try Self.run([Self.invoice(id: "1", customer: "Ann", extra: ", \"terms\": \"=Net 30\"")])
        #expect(result.exitStatus == 1)
        let row = try #require(try ReportFile(out).invoices.first)
        #expect(row["message"] == "Terms not writable: the invoice's terms \"=Net 30\" cannot go to QuickBooks Online CSV (a leading = would be evaluated as a formula by a spreadsheet)")
        let (desktop, _) = try Self.run([Self.invoice(id: "1", customer: "Ann", extra: ", \"terms\": \"=Net 30\"")],
                                        config: "output:\n  formats: [iif, qbxml]\n")
        #expect(try IIFReader(url: desktop.appendingPathComponent("iif/quickbooks.iif")).transactions().transactions.first?.header["TERMS"] == "=Net 30")
    }

    @Test func withoutQuickBooksOnlineCSVNamesAreNotRenamed() throws {
        let (out, _) = try Self.run([Self.invoice(id: "1", customer: "=SUM(A1-A9)")], config: "output:\n  formats: [iif, qbxml]\n")
        let iif = try IIFReader(url: out.appendingPathComponent("iif/quickbooks.iif"))
        #expect(iif.records.first { $0.keyword == "CUST" }?["NAME"] == "=SUM(A1-A9)")
    }

    @Test func everyCellOfTheSyncReportIsGuarded() throws {
        let (out, _) = try Self.run([Self.invoice(id: "=1+2", customer: "Ann"), Self.invoice(id: "@SUM(1)", customer: "Bob")],
                                    config: "invoices:\n  numbering: quickbooks\n")
        let report = try ReportFile(out)
        #expect(report.invoices.map { $0["source_id"] } == ["'=1+2", "'@SUM(1)"])
        for row in report.rows { for (column, cell) in row { #expect(!CSVText.isFormula(cell), "\(column): \(cell)") } }
        let json = try String(contentsOf: out.appendingPathComponent("report/sync-report.json"), encoding: .utf8)
        #expect(json.contains("\"source_id\":\"=1+2\""), "the JSON report keeps the id as it is")
    }

    @Test func negativeAmountsInACellAreNumbersNotFormulas() {
        #expect(CSVText.neutralised("-150.00") == "-150.00")
        #expect(CSVText.neutralised("-2+3") == "'-2+3")
        #expect(CSVText.neutralised("@SUM(1)") == "'@SUM(1)")
        #expect(CSVText.neutralised("\tx") == "'\tx")
    }

    @Test func quickBooksOnlineCSVHoldsNoNegativeAmountAndTheWorksheetHoldsTheDiscounts() throws {
        let (out, result) = try SampleGoldenTests.convert("export")
        let qbo = out.appendingPathComponent("qbo-csv")
        for file in try FileManager.default.contentsOfDirectory(at: qbo, includingPropertiesForKeys: nil) {
            for row in try Self.table(file) {
                for (column, cell) in row {
                    #expect(Money(parsing: cell).map { $0 >= .zero } ?? true, "\(file.lastPathComponent) \(column): \(cell)")
                    #expect(!QuickBooksText.hasLineBreak(cell), "\(file.lastPathComponent) \(column) holds a line break")
                }
            }
            #expect(try FileChecker.check(file, schema: nil) == [], "\(file.lastPathComponent)")
        }
        let worksheet = try Self.table(qbo.appendingPathComponent("discounts-to-enter.csv"))
        #expect(worksheet.map { $0["invoice_number"] } == ["1044", "1047", "1054", "1058"])
        let byHand = worksheet.reduce(Money.zero) { $0 + Money(parsing: $1["amount"]!)! }
        let iifDiscounts = try IIFReader(url: out.appendingPathComponent("iif/quickbooks.iif")).transactions().transactions
            .flatMap(\.splits).filter { ["Discount", "Member savings"].contains($0["INVITEM"]) }
            .reduce(Money.zero) { $0 + Money(parsing: $1["AMOUNT"]!)! }
        #expect(byHand == iifDiscounts && byHand == Money(cents: 29_750))
        #expect(result.summary.qboDiscountsByHand == byHand)
        for row in worksheet {
            #expect(Money(parsing: row["total_after_import"]!)! - Money(parsing: row["amount"]!)! == Money(parsing: row["total_after_discount"]!)!)
        }
        let report = try ReportFile(out)
        let message = report.invoices.first { $0["source_id"] == "1044" }?["warning"] ?? ""
        #expect(message.contains("QBO CSV: discount 150.00 to enter by hand (qbo-csv/discounts-to-enter.csv)"))
        #expect(message.contains("Line breaks replaced by spaces in IIF and QBO CSV"))
        let lines = try Self.table(qbo.appendingPathComponent("invoices.csv")).filter { $0["*InvoiceNo"] == "1044" }
        #expect(lines.map { $0["Item(Product/Service)"] } == ["Condenser install - 3 ton", "Labor hour"])
        #expect(lines.first?["Message displayed on invoice"] == "Warranty: 10 years parts. Keep this invoice.")
    }

    @Test func everyIIFSalesTaxLineNamesTheAgencyAndADeclaredItem() throws {
        let (out, _) = try SampleGoldenTests.convert("export")
        let url = out.appendingPathComponent("iif/quickbooks.iif")
        let iif = try IIFReader(url: url)
        let agency = "Colorado Department of Revenue"
        #expect(iif.records.filter { $0.keyword == "VEND" }.map { $0["NAME"] } == [agency])
        let declared = Dictionary(uniqueKeysWithValues: iif.records.filter { $0.keyword == "INVITEM" && $0["INVITEMTYPE"] == "COMPTAX" }
            .map { ($0["NAME"]!, $0) })
        #expect(declared.keys.sorted() == ["Aurora", "Denver", "No sales tax", "To classify"])
        #expect(declared.values.allSatisfy { $0["TAXVEND"] == agency && $0["ACCNT"] == QBInvoice.salesTaxAccount })
        #expect(declared["Denver"]?["PRICE"] == "8.81%" && declared["No sales tax"]?["PRICE"] == "0.00%")
        let autostax = iif.records.filter { $0["EXTRA"] == "AUTOSTAX" }
        #expect(autostax.count > 20)
        for line in autostax {
            #expect(line["NAME"] == agency, "line \(line.line)")
            #expect(declared[line["INVITEM"] ?? ""] != nil, "line \(line.line): \(line["INVITEM"] ?? "") is declared")
        }
        let untaxed = try #require(iif.transactions().transactions.first { $0.header["DOCNUM"] == "1046" }?.splits.last)
        #expect(untaxed["INVITEM"] == "No sales tax" && untaxed["PRICE"] == "0.00%" && untaxed["AMOUNT"] == "0.00")
        #expect(try FileChecker.checkIIF(url) == [])
    }

    @Test func theBooksSalesTaxItemsAreNotDeclaredAgain() throws {
        let out = try TestPaths.temporaryFolder()
        _ = try Conversion.run(TestPaths.samples.appendingPathComponent("export"),
                               configURL: TestPaths.samples.appendingPathComponent("rac2qb-books.yml"), out: out)
        let iif = try IIFReader(url: out.appendingPathComponent("iif/quickbooks.iif"))
        #expect(iif.records.filter { $0["INVITEMTYPE"] == "COMPTAX" }.map { $0["NAME"] } == ["No sales tax"])
    }

    @Test func withoutAnAgencyNothingIsDeclaredAndTheSummarySaysSoOnce() throws {
        let (out, result) = try Self.run([Self.invoice(id: "1", customer: "Ann"), Self.invoice(id: "2", customer: "Bob")])
        let iif = try IIFReader(url: out.appendingPathComponent("iif/quickbooks.iif"))
        #expect(!iif.records.contains { $0.keyword == "VEND" || $0["INVITEMTYPE"] == "COMPTAX" })
        #expect(iif.records.filter { $0["EXTRA"] == "AUTOSTAX" }.allSatisfy { $0["INVITEM"] == "No sales tax" && $0["NAME"] == "" })
        #expect(result.summary.notes.count == 1)
        #expect(result.summary.notes.first?.hasPrefix("tax.agency is not set: the IIF file declares no sales tax item") == true)
    }

    @Test func aLongMemoIsCutTheSameInEveryFormatAndReported() throws {
        let memo = String(repeating: "word ", count: 20_000) + "END"
        let (out, _) = try Self.run([Self.invoice(id: "1", customer: "Ann", extra: ", \"internal_notes\": \"\(memo)\"")])
        let iif = try IIFReader(url: out.appendingPathComponent("iif/quickbooks.iif")).transactions().transactions[0].header["MEMO"]
        let csv = try Self.table(out.appendingPathComponent("qbo-csv/invoices.csv")).first?["Memo"]
        let qbxml = try QBXMLTexts(out.appendingPathComponent("qbxml/requests.xml"))["InvoiceAdd/Memo"]?.first
        #expect(iif?.count == 4_094, "4,095 characters, the trailing space dropped")
        #expect(iif == csv && csv == qbxml)
        #expect(iif.map { memo.hasPrefix($0) } == true)
        let report = try ReportFile(out)
        #expect(report.invoices.first?["warning"] == "Memo cut to 4,095 characters (IIF and qbXML limit)")

        let (online, _) = try Self.run([Self.invoice(id: "1", customer: "Ann", extra: ", \"internal_notes\": \"\(memo)\"")],
                                       config: "output:\n  formats: [qbo-csv]\n")
        #expect(try Self.table(online.appendingPathComponent("qbo-csv/invoices.csv")).first?["Memo"] == memo, "no limit known for QBO: kept")
        #expect(try ReportFile(online).invoices.first?["message"] == "")
    }

    @Test func aLongCompanyNameAndAddressAreCutOnceForEveryFormat() throws {
        let company = String(repeating: "Company ", count: 8)
        let street = String(repeating: "Long Street ", count: 5)
        let customer = "{\"id\": \"c1\", \"name\": \"Ann\", \"email\": \"ann@example.com\", \"company\": \"\(company)\", "
            + "\"billing_address\": {\"line1\": \"\(street)\", \"city\": \"Denver\"}}"
        let folder = try Conversion.export(["invoices.json": "[" + Self.invoice(id: "1", customer: "Ann") + "]",
                                            "customers.json": "[" + customer + "]"])
        let out = folder.appendingPathComponent("out")
        _ = try Conversion.run(folder, out: out)
        let iif = try IIFReader(url: out.appendingPathComponent("iif/quickbooks.iif")).records.first { $0.keyword == "CUST" }?["COMPANYNAME"]
        let csv = try Self.table(out.appendingPathComponent("qbo-csv/customers.csv")).first?["Company"]
        let qbxml = try QBXMLTexts(out.appendingPathComponent("qbxml/requests.xml"))["CustomerAdd/CompanyName"]?.first
        #expect(iif?.count == 41 && iif == csv && csv == qbxml)
        let iifStreet = try IIFReader(url: out.appendingPathComponent("iif/quickbooks.iif")).records.first { $0.keyword == "CUST" }?["BADDR1"]
        let csvStreet = try Self.table(out.appendingPathComponent("qbo-csv/customers.csv")).first?["Street"]
        let qbxmlStreet = try QBXMLTexts(out.appendingPathComponent("qbxml/requests.xml"))["BillAddress/Addr1"]?.first
        #expect(iifStreet?.count == 40 && iifStreet == csvStreet && csvStreet == qbxmlStreet, "41 characters, the trailing space dropped")
        let customerRow = try ReportFile(out).rows("customer").first
        #expect(customerRow?["message"] == "Created")
        #expect(customerRow?["warning"] == "Company name cut to 41 characters (IIF and qbXML limit); Address line cut to 41 characters (IIF and qbXML limit)")
    }

    @Test func aConfigNameThatReadsAsAFormulaStopsAQuickBooksOnlineRun() throws {
        let config = "items:\n  default_income_account: \"=Sales\"\n"
        #expect {
            _ = try Self.run([Self.invoice(id: "1", customer: "Ann")], config: config)
        } throws: { error in
            guard let fatal = error as? FatalError else { return false }
            return fatal.kind == .usage && fatal.description.hasPrefix("items.default_income_account: \"=Sales\" cannot be written to QuickBooks Online CSV")
        }
        let (out, _) = try Self.run([Self.invoice(id: "1", customer: "Ann")], config: config + "output:\n  formats: [iif]\n")
        #expect(try IIFReader(url: out.appendingPathComponent("iif/quickbooks.iif")).records.contains { $0.keyword == "ACCNT" && $0["NAME"] == "=Sales" })
    }

    @Test func theStrictestLimitAmongTheFormatsWrittenIsTheOneApplied() {
        #expect(FieldLimits.strictest(.itemDescription, among: [.qboCSV])?.limit == 4000)
        #expect(FieldLimits.strictest(.itemDescription, among: [.iif, .qboCSV])?.limit == 4000)
        #expect(FieldLimits.strictest(.memo, among: [.qboCSV]) == nil)
        #expect(FieldLimits.cut(String(repeating: "田", count: 4095), .memo, formats: [.iif]).text.map { QuickBooksText.desktop($0).count <= 4095 } == true,
                "the limit holds for the transliterated Desktop text too")
        #expect(FieldLimits.grouped(4095) == "4,095" && FieldLimits.grouped(101) == "101")
    }
}

/// The text of qbXML elements by their path's last parts (`InvoiceAdd/RefNumber`), in document order.
private struct QBXMLTexts {
    private var values: [String: [String]] = [:]

    init(_ url: URL) throws {
        let collector = Collector()
        let parser = try #require(XMLParser(contentsOf: url))
        parser.delegate = collector
        #expect(parser.parse())
        values = collector.values
    }

    subscript(_ path: String) -> [String]? { values[path] }

    private final class Collector: NSObject, XMLParserDelegate {
        var values: [String: [String]] = [:]
        private var path: [String] = []
        private var text = ""

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            path.append(name)
            text = ""
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            for depth in 2...3 where path.count >= depth {
                values[path.suffix(depth).joined(separator: "/"), default: []].append(text)
            }
            path.removeLast()
            text = ""
        }
    }
}
