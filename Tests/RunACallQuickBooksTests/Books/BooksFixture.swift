import Foundation
@testable import RunACallQuickBooks

/// A small QuickBooks company's books in all three forms (IIF list exports,
/// a qbXML query response, CSV), beside a config that names them, and runs
/// of one-record exports against them.
enum BooksFixture {
    static let customers = """
    !CUST\tNAME\tEMAIL\tHIDDEN
    CUST\tAnn Lee\tann@example.com\tN
    CUST\tOld Client\told@example.com\tY
    !VEND\tNAME\tHIDDEN
    VEND\tAcme Supply\tN
    !EMP\tNAME
    EMP\tBob Tech

    """

    static let items = """
    Name,Type,Active,Account
    Labor,Service,true,Service revenue
    Part,Non-inventory,true,Parts sales
    Retired part,Non-inventory,false,Parts sales
    Discount,Discount,true,Discounts given
    Member savings,Discount,true,Discounts given
    Refund,Service,true,Service revenue

    """

    static let accounts = """
    !ACCNT\tNAME\tACCNTTYPE\tHIDDEN
    ACCNT\tService revenue\tINC\tN
    ACCNT\tParts sales\tINC\tN
    ACCNT\tOld revenue\tINC\tY
    ACCNT\tDiscounts given\tINC\tN
    ACCNT\tUndeposited Funds\tOCASSET\tN
    ACCNT\tBusiness Checking\tBANK\tN
    ACCNT\tMerchant fees\tEXP\tN
    ACCNT\tOld fees\tEXP\tY

    """

    static let taxCodes = """
    <?xml version="1.0" ?>
    <QBXML><QBXMLMsgsRs>
    <ItemSalesTaxQueryRs requestID="1" statusCode="0" statusSeverity="Info" statusMessage="Status OK">
      <ItemSalesTaxRet><Name>Denver</Name><IsActive>true</IsActive><TaxRate>8.81</TaxRate></ItemSalesTaxRet>
      <ItemSalesTaxRet><Name>Boulder</Name><IsActive>false</IsActive><TaxRate>8.85</TaxRate></ItemSalesTaxRet>
      <ItemSalesTaxRet><Name>To classify</Name><IsActive>true</IsActive><TaxRate>0</TaxRate></ItemSalesTaxRet>
      <ItemSalesTaxRet><Name>Lakewood</Name><IsActive>true</IsActive></ItemSalesTaxRet>
    </ItemSalesTaxQueryRs>
    </QBXMLMsgsRs></QBXML>

    """

    static let terms = "Name,Active\nNet 30,true\nNet 60,false\n"

    static let booksSection = """
    books:
      customers: books/customers.iif
      items: books/items.csv
      accounts: books/accounts.iif
      tax_codes: books/tax-codes.xml
      terms: books/terms.csv

    """

    /// Converts `files` (the export) with the books and `config` (more YAML, after the books section).
    static func run(_ files: [String: String], config: String = "") throws -> (ReportFile, URL, ConversionResult) {
        let folder = try TestPaths.temporaryFolder("books-run")
        let export = folder.appendingPathComponent("export")
        let books = folder.appendingPathComponent("books")
        try FileManager.default.createDirectory(at: export, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: books, withIntermediateDirectories: true)
        for (name, text) in files { try Data(text.utf8).write(to: export.appendingPathComponent(name)) }
        let bookFiles = ["customers.iif": customers, "items.csv": items, "accounts.iif": accounts,
                         "tax-codes.xml": taxCodes, "terms.csv": terms]
        for (name, text) in bookFiles { try Data(text.utf8).write(to: books.appendingPathComponent(name)) }
        let configURL = folder.appendingPathComponent("rac2qb.yml")
        try Data(("version: 1\n" + booksSection + config).utf8).write(to: configURL)
        let out = folder.appendingPathComponent("out")
        let result = try Conversion.run(export, configURL: configURL, out: out)
        return (try ReportFile(out), out, result)
    }

    static func invoices(_ invoices: [String]) -> [String: String] {
        ["invoices.json": "[" + invoices.joined(separator: ",\n") + "]"]
    }

    /// Every QuickBooks file of a run, as text.
    static func quickBooksFiles(_ out: URL) throws -> [String: String] {
        var files: [String: String] = [:]
        for folder in ["iif", "qbo-csv", "qbxml"] {
            let url = out.appendingPathComponent(folder)
            for name in (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? [] {
                let data = try Data(contentsOf: url.appendingPathComponent(name))
                files["\(folder)/\(name)"] = String(decoding: data, as: UTF8.self)
            }
        }
        return files
    }

    /// The run's qbXML with the indentation between tags removed, for matching elements.
    static func compactQBXML(_ out: URL) throws -> String {
        try InvoiceRulesTests.text(out, "qbxml/requests.xml").replacingOccurrences(of: #">\s+<"#, with: "><", options: .regularExpression)
    }

    /// The files of a run that contain `text` (a failed record's marker must be in none).
    static func files(_ out: URL, containing text: String) throws -> [String] {
        try quickBooksFiles(out).filter { $0.value.contains(text) }.map(\.key).sorted()
    }
}
