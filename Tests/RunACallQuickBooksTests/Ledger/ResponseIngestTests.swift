import Foundation
import Testing
@testable import RunACallQuickBooks
@testable import RunACallSupport
@testable import RunACallRead

/// `rac2qb ingest` with hand-written QuickBooks responses: what QuickBooks did
/// and refused drives the next run (updates, voids, payments by TxnID, retries).
@Suite struct ResponseIngestTests {
    static func responses(_ body: String) throws -> URL {
        let url = try TestPaths.temporaryFolder().appendingPathComponent("responses.xml")
        try Data("""
        <?xml version="1.0" ?>
        <QBXML>
        <QBXMLMsgsRs>
        \(body)
        </QBXMLMsgsRs>
        </QBXML>
        """.utf8).write(to: url)
        return url
    }

    static func added(_ requestID: String, txnID: String, editSequence: String) -> String {
        """
        <InvoiceAddRs requestID="\(requestID)" statusCode="0" statusSeverity="Info" statusMessage="Status OK">
          <InvoiceRet><TxnID>\(txnID)</TxnID><TimeCreated>2026-10-03T09:00:00-05:00</TimeCreated><EditSequence>\(editSequence)</EditSequence>
            <CustomerRef><ListID>80000001-1700000000</ListID><FullName>Ann Lee</FullName></CustomerRef>
            <InvoiceLineRet><TxnLineID>LINE-\(txnID)</TxnLineID></InvoiceLineRet>
          </InvoiceRet>
        </InvoiceAddRs>
        """
    }

    static func requests(_ month: MonthlyRunTests.Month) throws -> String {
        try InvoiceRulesTests.text(month.out, "qbxml/requests.xml")
    }

    /// The requestIDs of a request file, in order.
    static func requestIDs(_ text: String) -> [String] {
        text.components(separatedBy: "requestID=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
    }

    @Test func responsesDriveTheNextRun() throws {
        let ledger = try TestPaths.temporaryFolder().appendingPathComponent("ledger.sqlite")
        let october = try MonthlyRunTests.run([MonthlyRunTests.invoice("A"), MonthlyRunTests.invoice("B"), MonthlyRunTests.invoice("C"),
                                               MonthlyRunTests.invoice("D")], ledger: ledger, formats: [.qbxml])
        let customerRequest = try #require(Self.requestIDs(try Self.requests(october)).first { $0.hasPrefix("req-cust-") })
        let answers = try Self.responses("""
        \(QuickBooksAnswers.customerAdded(customerRequest))
        \(Self.added("req-inv-A", txnID: "TX-A", editSequence: "ES-A1"))
        <InvoiceAddRs requestID="req-inv-B" statusCode="3140" statusSeverity="Error" statusMessage="There is an invalid reference to QuickBooks Item &quot;Labor&quot; in the Invoice line." />
        \(Self.added("req-inv-C", txnID: "TX-C", editSequence: "ES-C1"))
        \(Self.added("req-inv-D", txnID: "TX-D", editSequence: "ES-D1"))
        <InvoiceAddRs requestID="req-inv-Z" statusCode="0" statusSeverity="Info" statusMessage="Status OK" />
        """)
        let ingested = try ResponseIngest.ingest([answers], ledger: ledger, batch: nil)
        #expect(ingested.done == ["customer": 1, "invoice": 3])
        #expect(ingested.exitStatus == 1)
        let refused = try #require(ingested.rows.first { $0.outcome == .refused })
        #expect(refused.sourceID == "B" && refused.batch == 1)
        #expect(refused.source == "responses.xml:13")
        #expect(refused.message == "Not added in QuickBooks: QuickBooks status 3140: There is an invalid reference to QuickBooks Item \"Labor\" in the Invoice line.")
        #expect(refused.fix.hasPrefix("A list entry it refers to"))
        #expect(ingested.rows.contains { $0.outcome == .unmatched && $0.requestID == "req-inv-Z" })

        // November: A edited before payment, B unchanged (refused, so written again), C voided, D paid.
        let payment = PaymentRulesTests.payment("p1", invoice: "D", method: "cash", payout: nil, fee: "0.00")
        let november = try MonthlyRunTests.run([MonthlyRunTests.invoice("A", amount: "120.00"), MonthlyRunTests.invoice("B"),
                                                MonthlyRunTests.invoice("C", status: "void"), MonthlyRunTests.invoice("D", status: "paid")],
                                               payments: [payment], ledger: ledger, formats: [.qbxml])
        let text = try Self.requests(november)
        #expect(Self.requestIDs(text) == ["req-upd-A", "req-inv-B", "req-void-C", "req-pay-p1"],
                "an update, the refused invoice again, a void and the payment; no list entry again")
        #expect(text.contains("<InvoiceMod>\n        <TxnID>TX-A</TxnID>\n        <EditSequence>ES-A1</EditSequence>"))
        #expect(text.contains("<InvoiceLineMod>\n          <TxnLineID>-1</TxnLineID>"))
        #expect(text.contains("<Amount>120.00</Amount>"))
        #expect(text.contains("<TxnVoidType>Invoice</TxnVoidType>\n      <TxnID>TX-C</TxnID>"))
        #expect(text.contains("<AppliedToTxnAdd>\n          <TxnID>TX-D</TxnID>"), "the payment names the invoice's TxnID")
        #expect(try QBXMLSchemaTests.schema().validate(file: november.out.appendingPathComponent("qbxml/requests.xml")) == [])
        #expect(november.row("A")?["status"] == "Success")
        #expect(november.row("A")?["message"] == "Updated: invoice #A was edited in Run a Call after batch 1; InvoiceModRq changes it in QuickBooks: line 1: Labor | Visit |  | 1 × 100 = 100.00 | taxable false |  → Labor | Visit |  | 1 × 120 = 120.00 | taxable false | ; total: 100.00 → 120.00")
        #expect(november.row("B")?["status"] == "Success" && november.row("B")?["targets"] == "qbxml/requests.xml#req-inv-B")
        #expect(november.row("C")?["message"] == "Voided in Run a Call after batch 1: TxnVoidRq voids invoice #C in QuickBooks (it keeps its number with a 0.00 balance)")
        #expect(november.row("D")?["message"] == "Already exported in batch 1")
        #expect(november.row("p1")?["status"] == "Success")
        #expect(november.result.summary.reconciles)

        // December, same export: nothing again. A second edit of A waits for the update's response.
        let december = try MonthlyRunTests.run([MonthlyRunTests.invoice("A", amount: "130.00"), MonthlyRunTests.invoice("B"),
                                                MonthlyRunTests.invoice("C", status: "void"), MonthlyRunTests.invoice("D", status: "paid")],
                                               payments: [payment], ledger: ledger, formats: [.qbxml])
        #expect(december.wroteNothing, "no request file, no batch")
        #expect(december.row("A")?["message"] == "Needs update: invoice #A was edited in Run a Call after batch 2; change it in QuickBooks: line 1: Labor | Visit |  | 1 × 120 = 120.00 | taxable false |  → Labor | Visit |  | 1 × 130 = 130.00 | taxable false | ; total: 120.00 → 130.00 (its change of batch 2 has no QuickBooks response yet: ingest it with rac2qb ingest to have qbXML do it)")
        #expect(december.row("B")?["message"] == "Already exported in batch 2")
        #expect(december.row("C")?["message"] == "Already exported in batch 2")
        #expect(december.row("p1")?["message"] == "Already exported in batch 2")

        // The update's response gives the new edit sequence: the next edit is an update again.
        let updated = try Self.responses("""
        <InvoiceModRs requestID="req-upd-A" statusCode="0" statusSeverity="Info" statusMessage="Status OK">
          <InvoiceRet><TxnID>TX-A</TxnID><EditSequence>ES-A2</EditSequence></InvoiceRet>
        </InvoiceModRs>
        <TxnVoidRs requestID="req-void-C" statusCode="0" statusSeverity="Info" statusMessage="Status OK">
          <TxnVoidType>Invoice</TxnVoidType><TxnID>TX-C</TxnID>
        </TxnVoidRs>
        """)
        #expect(try ResponseIngest.ingest([updated], ledger: ledger, batch: 2).exitStatus == 0)
        let january = try MonthlyRunTests.run([MonthlyRunTests.invoice("A", amount: "130.00")], ledger: ledger, formats: [.qbxml])
        let januaryText = try Self.requests(january)
        #expect(Self.requestIDs(januaryText) == ["req-upd-A"])
        #expect(januaryText.contains("<TxnID>TX-A</TxnID>\n        <EditSequence>ES-A2</EditSequence>"))
    }

    @Test func aRefusedCustomerIsWrittenAgainAndAFailedPaymentRetried() throws {
        let ledger = try TestPaths.temporaryFolder().appendingPathComponent("ledger.sqlite")
        let payment = PaymentRulesTests.payment("p1", invoice: "A", method: "cash", payout: nil, fee: "0.00")
        let october = try MonthlyRunTests.run([MonthlyRunTests.invoice("A", status: "paid")], payments: [payment],
                                              ledger: ledger, formats: [.qbxml])
        let customerRequest = try #require(Self.requestIDs(try Self.requests(october)).first { $0.hasPrefix("req-cust-") })
        let answers = try Self.responses("""
        <CustomerAddRs requestID="\(customerRequest)" statusCode="3100" statusSeverity="Error" statusMessage="The name &quot;Ann Lee&quot; of the list element is already in use." />
        <InvoiceAddRs requestID="req-inv-A" statusCode="3140" statusSeverity="Error" statusMessage="There is an invalid reference to QuickBooks Customer &quot;Ann Lee&quot; in the Invoice." />
        <ReceivePaymentAddRs requestID="req-pay-p1" statusCode="9100" statusSeverity="Error" statusMessage="A macro-related error has occurred." />
        """)
        let ingested = try ResponseIngest.ingest([answers], ledger: ledger, batch: nil)
        #expect(ingested.rows.map(\.sourceID) == ["Ann Lee", "A", "p1"])
        #expect(ingested.rows[0].fix.hasPrefix("The name is already in use in QuickBooks"))
        #expect(ingested.rows[2].fix.hasPrefix("The request used a transaction of the same file that QuickBooks refused"))

        let again = try MonthlyRunTests.run([MonthlyRunTests.invoice("A", status: "paid")], payments: [payment],
                                            ledger: ledger, formats: [.qbxml])
        #expect(Self.requestIDs(try Self.requests(again)) == [customerRequest, "req-inv-A", "req-pay-p1"], "all three written again")
        #expect(again.result.batch == 2)
    }

    @Test func aRequestFileIsNotAResponseFile() throws {
        let url = try TestPaths.temporaryFolder().appendingPathComponent("requests.xml")
        try Data("<?xml version=\"1.0\"?><QBXML><QBXMLMsgsRq onError=\"continueOnError\"/></QBXML>".utf8).write(to: url)
        let ledger = try TestPaths.temporaryFolder().appendingPathComponent("ledger.sqlite")
        _ = try MonthlyRunTests.run([MonthlyRunTests.invoice("A")], ledger: ledger, formats: [.qbxml])
        #expect(throws: FatalError.self) { try ResponseIngest.ingest([url], ledger: ledger, batch: nil) }
    }
}
