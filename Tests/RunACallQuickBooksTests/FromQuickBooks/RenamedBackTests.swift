import Foundation
import Testing
@testable import RunACallQuickBooks
@testable import RunACallRead
@testable import RunACallDecide

/// A customer Run a Call renamed, and rac2qb renamed in QuickBooks (qbXML's
/// CustomerModRq, or IIF's by-hand rename once confirmed), comes back from
/// QuickBooks' list under its new name as the customer Run a Call has: never
/// sent as new, no update back, from the ledger alone (no `--export`).
@Suite struct RenamedBackTests {
    static let ann = FromQuickBooksRoundTripTests.Person(id: "c1", name: "Ann Lee", email: "ann@example.com")
    static let renamed = FromQuickBooksRoundTripTests.Person(id: "c1", name: "Ann Lee-Smith", email: "ann@smith.example")

    static func convert(_ person: FromQuickBooksRoundTripTests.Person, _ configuration: Configuration, ledger: URL) throws -> URL {
        let out = try TestPaths.temporaryFolder().appendingPathComponent("out")
        _ = try Converter.run(ConversionOptions(exportPaths: [try FromQuickBooksRoundTripTests.export([person])],
                                                configuration: configuration, outputDirectory: out, ledger: ledger))
        return out
    }

    static func answer(_ out: URL, by quickBooks: FakeQuickBooks, ledger: URL) throws {
        let answers = out.appendingPathComponent("answers.xml")
        try Data(try quickBooks.process(requests: out.appendingPathComponent("qbxml/requests.xml")).utf8).write(to: answers)
        #expect(try ResponseIngest.ingest([answers], ledger: ledger, batch: nil).exitStatus == 0)
    }

    @Test func aCustomerRenamedByACustomerModComesBackAsTheSameCustomer() throws {
        let ledger = try TestPaths.temporaryFolder().appendingPathComponent("ledger.sqlite")
        var configuration = try ConfigurationLoader.parse(FromQuickBooksRun.bothOn)
        configuration.output.formats = [.qbxml]
        let quickBooks = FakeQuickBooks()
        try Self.answer(try Self.convert(Self.ann, configuration, ledger: ledger), by: quickBooks, ledger: ledger)
        let second = try Self.convert(Self.renamed, configuration, ledger: ledger)
        #expect(try String(contentsOf: second.appendingPathComponent("qbxml/requests.xml"), encoding: .utf8).contains("<CustomerModRq"))
        try Self.answer(second, by: quickBooks, ledger: ledger)
        #expect(quickBooks.customers == [Self.renamed.name])

        var listID = ""
        try Ledger(url: ledger).latestExports(of: .customer) { listID = $0.listID ?? "" }
        let list = try FromQuickBooksRoundTripTests.customerList([
            FromQuickBooksRoundTripTests.customerRet(listID: listID, name: Self.renamed.name, email: Self.renamed.email, edit: 2),
        ])
        let back = try FromQuickBooksRun.run([list], configuration: configuration, ledger: ledger)
        #expect(back.counts("customer") == ["Skipped": 1])
        #expect(back.row("Customer Ann Lee-Smith")?["message"]?.hasPrefix("Run a Call has it as customer c1") == true,
                "\(back.row("Customer Ann Lee-Smith")?["message"] ?? "")")
        #expect(back.result.files.allSatisfy { $0.hasPrefix("report/") }, "nothing sent as new, no update back: the rename is Run a Call's own")
    }

    /// Confirmed by `rac2qb confirm-rename`, or not: then QuickBooks' list, which shows the rename done, confirms it.
    @Test(arguments: [true, false])
    func aCustomerRenamedByHandInIIFComesBackAsTheSameCustomer(confirmedByCommand: Bool) throws {
        let ledger = try TestPaths.temporaryFolder().appendingPathComponent("ledger.sqlite")
        var configuration = try ConfigurationLoader.parse(FromQuickBooksRun.bothOn)
        configuration.output.formats = [.iif]
        _ = try Self.convert(Self.ann, configuration, ledger: ledger)
        _ = try Self.convert(Self.renamed, configuration, ledger: ledger)
        if confirmedByCommand { #expect(try CustomerRename.confirm(customer: "c1", ledger: ledger).new == Self.renamed.name) }

        let list = try TestPaths.temporaryFolder("quickbooks-list").appendingPathComponent("customers.iif")
        try Data("!CUST\tNAME\tEMAIL\tHIDDEN\r\nCUST\t\(Self.renamed.name)\t\(Self.renamed.email)\tN\r\n".utf8).write(to: list)
        let back = try FromQuickBooksRun.run([list], configuration: configuration, ledger: ledger)
        #expect(back.counts("customer") == ["Skipped": 1])
        #expect(back.row("Customer Ann Lee-Smith")?["message"]?.hasPrefix("Run a Call has it as customer c1") == true,
                "\(back.row("Customer Ann Lee-Smith")?["message"] ?? "")")
        #expect(back.result.files.allSatisfy { $0.hasPrefix("report/") }, "nothing sent as new, no update back")
        #expect(back.row("Customer Ann Lee-Smith")?["warning"] == (confirmedByCommand ? "" :
            "QuickBooks holds customer \"Ann Lee\" as \"Ann Lee-Smith\", as the report asked: the rename is confirmed, later convert runs name it \"Ann Lee-Smith\""))

        let next = try TestPaths.temporaryFolder().appendingPathComponent("out")
        let invoice = RenamedCustomerTests.invoice("B", (Self.renamed.name, Self.renamed.email), date: "2026-12-01")
        _ = try Converter.run(ConversionOptions(exportPaths: [try Conversion.export(["invoices.json": "[\(invoice)]"])],
                                                configuration: configuration, outputDirectory: next, ledger: ledger))
        let iif = try InvoiceRulesTests.text(next, "iif/quickbooks.iif")
        #expect(iif.contains("\tAnn Lee-Smith\t") && !iif.contains("\tAnn Lee\t"), "the next convert names it as QuickBooks does now")
    }
}
