import ExportGenerator
import Foundation
import Testing
@testable import RunACallQuickBooks
@testable import RunACallSupport
@testable import RunACallRead
@testable import RunACallDecide

@Suite struct BooksReaderTests {
    @Test(.enabled(if: TestPaths.sharedDataAvailableOrCI, "needs ../shared/reference"))
    func readsTheRealIIFListExports() throws {
        let folder = try #require(TestPaths.iifSamples)
        let export = try BookLists.read(folder.appendingPathComponent("qbd-enterprise34-all-lists-export.iif"))
        #expect(export.customers.count > 50)
        #expect(export.otherNames.count > 0, "vendors and employees share the customers' name space")
        #expect(export.items.named("Delivery").first?.type == "SERV")
        #expect(export.accounts.count > 50)
        #expect(export.terms.named("Net 30").first?.isActive == true)
        #expect(export.taxCodes.named("Non").count == 1)
        let kit = try BookLists.read(folder.appendingPathComponent("intuit-kit-2007-list-declarations.iif"))
        #expect(kit.customers.count > 0 && kit.items.count > 0 && kit.accounts.count > 0)
    }

    /// Customer, item, sales tax item, account and terms query responses, shaped by the qbXML 13.0 schema.
    static let response = """
    <?xml version="1.0" ?>
    <QBXML><QBXMLMsgsRs>
    <CustomerQueryRs requestID="1" statusCode="0" statusSeverity="Info" statusMessage="Status OK">
      <CustomerRet><ListID>80000001-1</ListID><Name>Jane Smith</Name><FullName>Jane Smith</FullName><IsActive>true</IsActive>
        <BillAddress><Addr1>12 Elm St</Addr1></BillAddress><Email>jane@example.com</Email></CustomerRet>
      <CustomerRet><Name>Old Client</Name><FullName>Old Client</FullName><IsActive>false</IsActive></CustomerRet>
    </CustomerQueryRs>
    <ItemQueryRs requestID="2" statusCode="0" statusSeverity="Info" statusMessage="Status OK">
      <ItemServiceRet><Name>Labor hour</Name><FullName>Labor hour</FullName><IsActive>true</IsActive>
        <SalesOrPurchase><Price>95.00</Price><AccountRef><FullName>Service revenue</FullName></AccountRef></SalesOrPurchase></ItemServiceRet>
      <ItemSalesTaxRet><Name>Denver</Name><IsActive>true</IsActive><TaxRate>8.81</TaxRate></ItemSalesTaxRet>
    </ItemQueryRs>
    <AccountQueryRs requestID="3" statusCode="0" statusSeverity="Info" statusMessage="Status OK">
      <AccountRet><Name>Parts sales</Name><FullName>Parts sales</FullName><IsActive>false</IsActive><AccountType>Income</AccountType></AccountRet>
    </AccountQueryRs>
    <TermsQueryRs requestID="4" statusCode="0" statusSeverity="Info" statusMessage="Status OK">
      <StandardTermsRet><Name>Net 30</Name><IsActive>true</IsActive><StdDueDays>30</StdDueDays></StandardTermsRet>
    </TermsQueryRs>
    </QBXMLMsgsRs></QBXML>
    """

    @Test func readsQBXMLQueryResponsesWrittenFromTheSchema() throws {
        let xml = Self.response
        let url = try TestPaths.temporaryFolder().appendingPathComponent("books.xml")
        try Data(xml.utf8).write(to: url)
        let lists = try BookLists.read(url)
        #expect(lists.customers.named("jane smith").first?.email == "jane@example.com")
        #expect(lists.customers.named("Old Client").first?.isActive == false)
        #expect(lists.items.named("Labor hour").first?.account == "Service revenue")
        #expect(lists.taxCodes.named("Denver").count == 1)
        #expect(lists.accounts.named("Parts sales").first.map { !$0.isActive && $0.type == "Income" } == true)
        #expect(lists.terms.named("NET 30").count == 1)
    }

    @Test func readsBooksCSVAndRefusesABadActiveFlag() throws {
        let folder = try Conversion.export(["customers.csv": "Name,Email,Type,Active\nJane Smith,jane@example.com,Customer,true\nAcme Supply,,Vendor,false\n",
                                            "bad.csv": "Name,Active\nX,maybe\n"])
        let lists = try BookLists.read(folder.appendingPathComponent("customers.csv"))
        #expect(lists.customers.named("Jane Smith").count == 1)
        #expect(lists.otherNames.named("Acme Supply").first?.isActive == false)
        #expect(throws: FatalError.self) { try BookLists.read(folder.appendingPathComponent("bad.csv")) }
    }

    @Test func snapshotTakesEachListFromTheFileItsKeyNames() throws {
        let folder = try Conversion.export(["people.csv": "Name,Email,Type\nJane Smith,jane@example.com,Customer\nAcme Supply,,Vendor\n",
                                            "terms.csv": "Name,Active\nNet 30,true\n"])
        var books = Configuration.Books()
        books.customers = "people.csv"
        books.terms = "terms.csv"
        let snapshot = try BooksSnapshot.load(books, relativeTo: folder)
        #expect(snapshot.customers?.named("Jane Smith").count == 1)
        #expect(snapshot.otherNames.named("Acme Supply").count == 1)
        #expect(snapshot.terms?.named("Net 30").count == 1)
        #expect(snapshot.items == nil && snapshot.accounts == nil && snapshot.taxCodes == nil, "no file: everything is assumed to exist")
        books.items = "missing.iif"
        #expect(throws: FatalError.self) { try BooksSnapshot.load(books, relativeTo: folder) }
    }

    @Test(.enabled(if: TestPaths.sharedDataAvailableOrCI, "needs the qbXML XSD in ../shared/reference"))
    func theQueryResponsesReadHereAreValidQBXML() throws {
        let folder = try TestPaths.temporaryFolder()
        try GeneratedBooks.write(to: folder)
        let written = [("reader-test.xml", Self.response), ("fixture-tax-codes.xml", BooksFixture.taxCodes)]
        var files = [TestPaths.samples.appendingPathComponent("books/items.xml"),
                     folder.appendingPathComponent("books/items.xml"), folder.appendingPathComponent("books/tax-codes.xml")]
        for (name, text) in written {
            let url = folder.appendingPathComponent(name)
            try Data(text.utf8).write(to: url)
            files.append(url)
        }
        for file in files {
            #expect(try QBXMLSchemaTests.schema().validate(file: file) == [], "\(file.lastPathComponent)")
        }
    }
}
