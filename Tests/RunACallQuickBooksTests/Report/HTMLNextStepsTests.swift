import Foundation
import Testing
@testable import RunACallQuickBooks
@testable import RunACallDecide

/// The report page says what to do next, format by format and in order, before the table of
/// every row; a warning many records share is said once with its count; the row table reads at 1280 px.
@Suite(.serialized) struct HTMLNextStepsTests {
    private static func samplePage(formats: [OutputFormat]? = nil, writeFiles: Bool = true) throws -> String {
        let out = try TestPaths.temporaryFolder().appendingPathComponent("out")
        _ = try Conversion.run(TestPaths.samples.appendingPathComponent("export"), configURL: Conversion.sampleConfig, out: out,
                               formats: formats, writeFiles: writeFiles)
        return String(decoding: try Data(contentsOf: out.appendingPathComponent("report/index.html")), as: UTF8.self)
    }

    /// Where each phrase is on the page, in order; records an issue for a missing one.
    private func positions(_ phrases: [String], in html: String) -> [String.Index] {
        phrases.compactMap { phrase in
            let found = html.range(of: phrase)?.lowerBound
            if found == nil { Issue.record("not on the page: \(phrase)") }
            return found
        }
    }

    @Test func theImportStepsOfEachFormatComeInOrderBeforeTheRows() throws {
        let html = try Self.samplePage()
        let order = positions([
            "<h2 id=\"next\">What to do next</h2>",
            "Back up the QuickBooks Desktop company file", "Import iif/quickbooks.iif in QuickBooks Desktop: File → Utilities → Import → IIF Files",
            "Apply each of the 12 payment(s) to its invoice (Customers → Receive Payments)",
            "in the order of qbo-csv/import-checklist.csv", "Import qbo-csv/customers.csv", "Import qbo-csv/products.csv",
            "Import qbo-csv/invoices.csv: gear → Import data → Invoices", "qbo-csv/discounts-to-enter.csv by hand", "Upload qbo-csv/deposits.csv",
            "Send qbxml/requests.xml to QuickBooks Desktop through the QuickBooks Web Connector or a QuickBooks SDK tool",
            "rac2qb ingest RESPONSES.xml",
            "<h2 id=\"rows\">Every row</h2>",
        ], in: html)
        #expect(order.count == 13 && order == order.sorted(), "the steps in order, all before the table of every row")
    }

    @Test func onlyTheFormatsWrittenHaveSteps() throws {
        let html = try Self.samplePage(formats: [.qbxml])
        #expect(html.contains("Send qbxml/requests.xml"))
        #expect(!html.contains("File → Utilities → Import → IIF Files") && !html.contains("import-checklist.csv, ticking"))
        let checked = try Self.samplePage(writeFiles: false)
        #expect(checked.contains("This run wrote no QuickBooks file, so there is nothing to import"))
    }

    @Test func aRepeatedWarningIsSaidOnceWithItsCount() throws {
        let html = try Self.samplePage()
        let warnings = try #require(html.range(of: "<h2 id=\"warnings\">Warnings</h2>"))
        let totals = try #require(html.range(of: "<h2>Invoice totals"))
        let section = html[warnings.upperBound..<totals.lowerBound]
        let caveat = "IIF cannot link it to the invoice: apply it in QuickBooks (report/payment-application.csv)"
        #expect(section.components(separatedBy: caveat).count == 2, "said once")
        #expect(section.contains("<td class=\"n\">12</td><td>Payment pay-001 (payments.json#0), Payment pay-002 (payments.json#1)"), "with its count and the first records")
        #expect(section.contains(", … and 7 more</td>"))
    }

    @Test(.enabled(if: Browser.availableOrCI)) func theRowTableReadsAt1280Pixels() throws {
        let out = try TestPaths.temporaryFolder().appendingPathComponent("out")
        _ = try Conversion.run(TestPaths.samples.appendingPathComponent("export"), configURL: Conversion.sampleConfig, out: out)
        let text = try Browser.textAtScreenWidth(out.appendingPathComponent("report/index.html"), width: 1280)
        let rows = try HTMLReportTests.rowsSection(text)
        #expect(rows.contains("Success") && rows.contains("Skipped") && rows.contains("customer"))
        for (word, cut) in [("Success", "Succes"), ("Skipped", "Skippe"), ("customer", "custom"), ("direction", "directio"),
                            ("items.json", "items\\.js"), ("payments.json", "payments\\.js")].map({ ($0, "(^|\\s)\($1)(\\s|$)") }) {
            #expect(rows.range(of: cut, options: .regularExpression) == nil, "\(word) is never cut inside at 1280 px: \(rows.range(of: cut, options: .regularExpression).map { rows[(rows.index($0.lowerBound, offsetBy: -200, limitedBy: rows.startIndex) ?? rows.startIndex)..<$0.upperBound] } ?? "")")
        }
    }
}
