import Foundation
import Testing
@testable import RunACallQuickBooks
@testable import RunACallSupport
@testable import RunACallDecide

/// `customers.sync_updates`: a customer an earlier batch exported whose name,
/// email or address changed is updated (qbXML CustomerMod when its ListID is
/// known), told to the user once, or ignored when the setting is off; its
/// later transactions always point at the same QuickBooks customer.
@Suite struct CustomerUpdateTests {
    static func invoice(_ id: String, name: String, email: String) -> String {
        """
        {"id": "\(id)", "status": "sent", "customer": {"id": "c1", "name": "\(name)", "email": "\(email)"},
         "invoice_date": "2026-10-01", "sent_at": "2026-10-01T10:00:00Z", "tax_lines": [], "total": "100.00",
         "lines": [{"item": "Labor", "quantity": "1", "unit_price": "100.00", "amount": "100.00"}]}
        """
    }

    @Test func aRenamedCustomerIsModifiedInQuickBooksAndItsInvoicesFollow() throws {
        let ledger = try TestPaths.temporaryFolder().appendingPathComponent("ledger.sqlite")
        let october = try MonthlyRunTests.run([Self.invoice("A", name: "Ann Lee", email: "ann@example.com")], ledger: ledger, formats: [.qbxml])
        #expect(ResponseIngestTests.requestIDs(try ResponseIngestTests.requests(october)).contains("req-cust-c1"))
        let answers = try ResponseIngestTests.responses("""
        \(QuickBooksAnswers.customerAdded("req-cust-c1"))
        """)
        #expect(try ResponseIngest.ingest([answers], ledger: ledger, batch: nil).exitStatus == 0)

        let export = [Self.invoice("A", name: "Ann Lee", email: "ann@example.com"), Self.invoice("B", name: "Ann Lee-Smith", email: "ann@smith.example")]
        let november = try MonthlyRunTests.run(export, ledger: ledger, formats: [.qbxml])
        let text = try ResponseIngestTests.requests(november)
        #expect(ResponseIngestTests.requestIDs(text) == ["req-custmod-c1", "req-inv-B"])
        #expect(text.contains("<CustomerMod>\n        <ListID>80000001-1700000000</ListID>\n        <EditSequence>1700000000</EditSequence>\n        <Name>Ann Lee-Smith</Name>"))
        #expect(text.contains("<InvoiceAdd defMacro=\"TxnID:inv-B\">\n        <CustomerRef>\n          <FullName>Ann Lee-Smith</FullName>"))
        #expect(try QBXMLSchemaTests.schema().validate(file: november.out.appendingPathComponent("qbxml/requests.xml")) == [])
        let row = try #require(november.report.rows("customer").first)
        #expect(row["status"] == "Success")
        #expect(row["message"] == "Updated: customer \"Ann Lee\" changed in Run a Call after batch 1; CustomerModRq changes it in QuickBooks: name: Ann Lee → Ann Lee-Smith; email: ann@example.com → ann@smith.example (its QuickBooks name becomes \"Ann Lee-Smith\"; later transactions use it)")
        #expect(november.result.summary.created["customer"] == nil, "an update is not a creation")

        let december = try MonthlyRunTests.run(export + [Self.invoice("C", name: "Ann Lee-Smith", email: "ann@smith.example")],
                                               ledger: ledger, formats: [.qbxml])
        #expect(ResponseIngestTests.requestIDs(try ResponseIngestTests.requests(december)) == ["req-inv-C"], "updated once; C uses the new name")
        #expect(try ResponseIngestTests.requests(december).contains("<FullName>Ann Lee-Smith</FullName>"))
        #expect(december.report.rows("customer").isEmpty)
    }

    @Test(arguments: [true, false])
    func withoutQBXMLAChangeIsToldOnceAndTransactionsKeepTheQuickBooksName(syncUpdates: Bool) throws {
        let ledger = try TestPaths.temporaryFolder().appendingPathComponent("ledger.sqlite")
        var configuration = Configuration()
        configuration.customers.syncUpdates = syncUpdates
        _ = try MonthlyRunTests.run([Self.invoice("A", name: "Ann Lee", email: "ann@example.com")], ledger: ledger, formats: [.iif],
                                    configuration: configuration)
        let changed = [Self.invoice("B", name: "Ann Lee", email: "ann@new.example"), Self.invoice("C", name: "Ann Lee", email: "ann@new.example")]
        let november = try MonthlyRunTests.run(changed, ledger: ledger, formats: [.iif], configuration: configuration)
        let rows = november.report.rows("customer")
        #expect(rows.count == 1, "once per customer")
        #expect(rows.first?["message"] == (syncUpdates
            ? "Needs update: customer \"Ann Lee\" changed in Run a Call after batch 1; change it in QuickBooks: email: ann@example.com → ann@new.example (transactions keep its QuickBooks name \"Ann Lee\")"
            : "Changed in Run a Call after batch 1 (email: ann@example.com → ann@new.example), ignored: customers.sync_updates is off; QuickBooks keeps customer \"Ann Lee\" as it is"))
        let iif = try InvoiceRulesTests.text(november.out, "iif/quickbooks.iif")
        #expect(!iif.contains("\nCUST\t"), "no customer created again")
        #expect(try november.iifInvoices() == ["B", "C"])
        #expect(iif.components(separatedBy: "\tAnn Lee\t").count > 2, "both invoices name the QuickBooks customer")
        let december = try MonthlyRunTests.run(changed, ledger: ledger, formats: [.iif], configuration: configuration)
        #expect(december.report.rows("customer").isEmpty, "told once, not every month")
    }
}
