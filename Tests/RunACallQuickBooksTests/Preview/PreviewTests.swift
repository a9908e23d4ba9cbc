import Foundation
import Testing
@testable import RunACallQuickBooks
@testable import RunACallSupport
@testable import RunACallRead
@testable import RunACallDecide

/// `preview`: one invoice of the samples, with the books, end to end; its
/// text is exactly what the full conversion writes for it.
@Suite struct PreviewTests {
    static let booksConfig = TestPaths.samples.appendingPathComponent("rac2qb-books.yml")

    static func preview(_ id: String, config: URL = booksConfig) throws -> InvoicePreview? {
        let configuration = try ConfigurationLoader.load(contentsOf: config)
        return try Converter.run(ConversionOptions(exportPaths: [TestPaths.samples.appendingPathComponent("export")],
                                                   configuration: configuration, outputDirectory: nil,
                                                   writeQuickBooksFiles: false, previewInvoiceID: id)).preview
    }

    @Test func showsWhatQuickBooksComputesFromTheBooksRate() throws {
        let preview = try #require(try Self.preview("1042"))
        #expect(preview.salesTax == "Denver — 3.30 (QBO CSV, qbXML: QuickBooks computes 3.30 at the item's 8.81%)",
                "the preview's books give Denver at 8.81%: what QuickBooks computes, beside Run a Call's tax")
        #expect(preview.warning == "", "a rate the books give raises no warning")
    }

    @Test func showsTheExactTaxLineWhereTheBooksGiveNoRate() throws {
        let preview = try #require(try Self.preview("1045", config: Conversion.sampleConfig))
        #expect(preview.salesTax == "To classify — 3.76 (qbXML: its own line of 3.76 on the item, every other line non-taxable; "
                + "QBO CSV: QuickBooks computes it at the item's own rate, which the books do not give)",
                "the samples' config gives no books: qbXML carries Run a Call's tax, QBO CSV leaves QuickBooks to compute it")
        #expect(preview.warning.contains("qbXML: Run a Call's tax 3.76 as its own line on sales tax item \"To classify\""))
        let qbxml = try #require(preview.files.first { $0.path == "qbxml/requests.xml" }?.text)
            .replacingOccurrences(of: #">\s+<"#, with: "><", options: .regularExpression)
        #expect(qbxml.contains("<InvoiceLineAdd><ItemRef><FullName>To classify</FullName></ItemRef><Desc>Sales tax 8.845%</Desc><Amount>3.76</Amount></InvoiceLineAdd>"))
        #expect(!qbxml.contains("<FullName>Tax</FullName>"), "no line QuickBooks would tax at the item's own rate")
    }

    @Test func showsWhereEverythingLands() throws {
        let preview = try #require(try Self.preview("1043"))
        #expect(preview.status == "Success")
        #expect(preview.customer == "Jane Smith <jane.smith@work.example>")
        #expect(preview.quickBooksCustomer == "Jane Smith (2)")
        #expect(preview.warning == "Customer \"Jane Smith\" is \"Jane Smith (2)\" in QuickBooks", "the report's warning, shown before going live")
        #expect(preview.customerLanding == ListLanding.earlierInRun.description, "created for the customers file's record c002")
        #expect(preview.lines.map(\.item) == ["Labor hour", "Capacitor 45/5 MFD"])
        #expect(preview.lines.map(\.account) == ["Service revenue", "Parts sales"])
        #expect(preview.lines.allSatisfy { $0.landing == ListLanding.inBooks.description })
        #expect(preview.salesTax?.hasPrefix("Denver") == true)
        #expect(preview.paymentAccount == "Undeposited Funds" && preview.payoutAccount == "Business Checking")
        #expect(preview.files.map(\.path) == ["iif/quickbooks.iif", "qbo-csv/invoices.csv", "qbxml/requests.xml"])
    }

    @Test func itsTextIsWhatTheConversionWrites() throws {
        let preview = try #require(try Self.preview("1052"))
        #expect(preview.payments.map(\.id) == ["pay-006"])
        let out = try TestPaths.temporaryFolder().appendingPathComponent("out")
        _ = try Conversion.run(TestPaths.samples.appendingPathComponent("export"), configURL: Self.booksConfig, out: out)
        for file in preview.files {
            let data = try Data(contentsOf: out.appendingPathComponent(file.path))
            let full = try #require(file.path.hasSuffix(".iif") ? String(data: data, encoding: .windowsCP1252) : String(data: data, encoding: .utf8))
            let own: String
            switch file.path {
            case "iif/quickbooks.iif":
                own = try #require(file.text.range(of: "TRNS\t\tINVOICE").map { String(file.text[$0.lowerBound...]) })
            case "qbxml/requests.xml":
                let start = try #require(file.text.range(of: "<InvoiceAddRq"))
                let end = try #require(file.text.range(of: "</InvoiceAddRq>"))
                own = String(file.text[start.lowerBound..<end.upperBound])
            default:
                own = String(file.text.drop { $0 != "\r\n" && $0 != "\n" }.dropFirst())
            }
            #expect(own.count > 40)
            #expect(full.contains(own), "\(file.path): the preview's text is in the full conversion's file")
        }
    }

    @Test(.enabled(if: TestPaths.sharedDataAvailableOrCI, "needs the qbXML XSD in ../shared/reference"))
    func itsQBXMLIsValid() throws {
        let preview = try #require(try Self.preview("1044"))
        let xml = try #require(preview.files.first { $0.path.hasSuffix(".xml") })
        let url = try TestPaths.temporaryFolder().appendingPathComponent("preview.xml")
        try Data(xml.text.utf8).write(to: url)
        #expect(try QBXMLSchemaTests.schema().validate(file: url) == [])
    }

    @Test func listEntriesTheInvoiceCreatesAreInItsText() throws {
        let preview = try #require(try Self.preview("1059", config: Conversion.sampleConfig))
        let line = try #require(preview.lines.first)
        #expect(line.landing == ListLanding.created(renamedFrom: nil).description)
        let xml = try #require(preview.files.first { $0.path.hasSuffix(".xml") })
        #expect(xml.text.contains("<Name>Coil cleaning (custom)</Name>"))
        let products = try #require(preview.files.first { $0.path == "qbo-csv/products.csv" })
        #expect(products.text.contains("Coil cleaning (custom)"))
    }

    @Test func aFailedInvoiceShowsItsErrorAndNoText() throws {
        let preview = try #require(try Self.preview("1045"))
        #expect(preview.status == "Failed")
        #expect(preview.message == "Tax code not mapped: tax.default_for_unmapped maps to \"To classify\", which is not in the QuickBooks tax codes")
        #expect(preview.files.isEmpty)
        #expect(preview.payments.first?.status == "Failed")
        #expect(try Self.preview("no-such-invoice") == nil)
    }
}
