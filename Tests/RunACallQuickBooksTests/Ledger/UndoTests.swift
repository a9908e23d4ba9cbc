import Foundation
import Testing
@testable import RunACallQuickBooks
@testable import RunACallSupport

/// `rac2qb undo` and `rac2qb history`: deletes in reverse dependency order when
/// QuickBooks' ids are known, the rest by hand, and the ledger forgetting the batch.
@Suite struct UndoTests {
    @Test func aQBXMLBatchIsDeletedInReverseDependencyOrderAndWrittenAgainAfterwards() throws {
        let ledger = try TestPaths.temporaryFolder().appendingPathComponent("ledger.sqlite")
        let payment = PaymentRulesTests.payment("p1", invoice: "A", method: "cash", payout: nil, fee: "0.00")
        let invoices = [MonthlyRunTests.invoice("A", status: "paid"), MonthlyRunTests.invoice("B")]
        let october = try MonthlyRunTests.run(invoices, payments: [payment], ledger: ledger, formats: [.qbxml])
        let requests = ResponseIngestTests.requestIDs(try ResponseIngestTests.requests(october))
        let customerRequest = try #require(requests.first { $0.hasPrefix("req-cust-") })
        let itemRequest = try #require(requests.first { $0.hasPrefix("req-item-") })
        let answers = try ResponseIngestTests.responses("""
        <ItemServiceAddRs requestID="\(itemRequest)" statusCode="0" statusSeverity="Info" statusMessage="Status OK">
          <ItemServiceRet><ListID>80000002-1700000000</ListID><EditSequence>1700000000</EditSequence></ItemServiceRet>
        </ItemServiceAddRs>
        \(QuickBooksAnswers.customerAdded(customerRequest))
        \(ResponseIngestTests.added("req-inv-A", txnID: "TX-A", editSequence: "1"))
        <ReceivePaymentAddRs requestID="req-pay-p1" statusCode="0" statusSeverity="Info" statusMessage="Status OK">
          <ReceivePaymentRet><TxnID>TX-P1</TxnID><EditSequence>1</EditSequence></ReceivePaymentRet>
        </ReceivePaymentAddRs>
        """)
        _ = try ResponseIngest.ingest([answers], ledger: ledger, batch: nil)

        let history = try LedgerHistory.batches(in: ledger)
        #expect(history.count == 1)
        #expect(history[0].actions.map(\.what) == ["customer add", "invoice add", "item add", "payment add"])
        #expect(history[0].actions.map(\.count) == [1, 2, 1, 1])
        #expect(history[0].actions.first { $0.what == "invoice add" }?.total == Money(parsing: "200.00"))
        #expect(history[0].answered == 4 && history[0].refused == 0)

        let folder = try TestPaths.temporaryFolder()
        let plan = try BatchUndo.undo(batch: 1, ledger: ledger, output: folder, qbxmlVersion: "13.0", dryRun: false)
        #expect(plan.steps.map(\.sourceID) == ["p1", "B", "A", "Labor", "Ann Lee"], "payment before its invoice, list entries last")
        #expect(plan.steps.map(\.kind) == [.qbxml, .byHand, .qbxml, .qbxml, .qbxml])
        #expect(plan.steps[1].instruction == "Delete invoice #B in QuickBooks by hand (no QuickBooks response for it was ingested, so its QuickBooks id is unknown)")
        #expect(plan.files == ["undo/batch-1.xml", "undo/batch-1.csv"])
        let xml = try InvoiceRulesTests.text(folder, "undo/batch-1.xml")
        let order = ["<TxnDelType>ReceivePayment</TxnDelType>\n      <TxnID>TX-P1</TxnID>", "<TxnDelType>Invoice</TxnDelType>\n      <TxnID>TX-A</TxnID>",
                     "<ListDelType>ItemService</ListDelType>\n      <ListID>80000002-1700000000</ListID>",
                     "<ListDelType>Customer</ListDelType>\n      <ListID>80000001-1700000000</ListID>"]
        let positions = try order.map { try #require(xml.range(of: $0)?.lowerBound) }
        #expect(positions == positions.sorted())
        #expect(try QBXMLSchemaTests.schema().validate(file: folder.appendingPathComponent("undo/batch-1.xml")) == [])
        let csv = try InvoiceRulesTests.text(folder, "undo/batch-1.csv")
        #expect(csv.components(separatedBy: "\r\n").count == 7, "a header and a row per record")
        #expect(Array(csv.utf8.prefix(3)) == [0xEF, 0xBB, 0xBF], "the undo list is a worksheet for people: Excel on Windows reads it as UTF-8")

        #expect(try LedgerHistory.batches(in: ledger).isEmpty, "the ledger forgot the batch")
        let again = try MonthlyRunTests.run(invoices, payments: [payment], ledger: ledger, formats: [.qbxml])
        #expect(ResponseIngestTests.requestIDs(try ResponseIngestTests.requests(again)) == [customerRequest, itemRequest, "req-inv-A", "req-inv-B", "req-pay-p1"])
    }

    @Test func anIIFBatchIsListedByHandAndOnlyTheLatestBatchCanBeUndone() throws {
        let ledger = try TestPaths.temporaryFolder().appendingPathComponent("ledger.sqlite")
        _ = try MonthlyRunTests.run([MonthlyRunTests.invoice("A")], ledger: ledger, formats: [.iif])
        _ = try MonthlyRunTests.run([MonthlyRunTests.invoice("A"), MonthlyRunTests.invoice("B")], ledger: ledger, formats: [.iif])
        let folder = try TestPaths.temporaryFolder()
        #expect(throws: FatalError.self) { try BatchUndo.undo(batch: 1, ledger: ledger, output: folder, qbxmlVersion: "13.0", dryRun: false) }
        let dry = try BatchUndo.undo(batch: 2, ledger: ledger, output: folder, qbxmlVersion: "13.0", dryRun: true)
        #expect(dry.steps.map(\.instruction) == ["Delete invoice #B in QuickBooks by hand (written to iif/quickbooks.iif)"])
        #expect(dry.files == ["undo/batch-2.csv"], "nothing to delete by request")
        #expect(try LedgerHistory.batches(in: ledger).count == 2, "a dry run keeps the batch")
        _ = try BatchUndo.undo(batch: 2, ledger: ledger, output: folder, qbxmlVersion: "13.0", dryRun: false)
        let third = try MonthlyRunTests.run([MonthlyRunTests.invoice("A"), MonthlyRunTests.invoice("B")], ledger: ledger, formats: [.iif])
        #expect(try third.iifInvoices() == ["B"], "B is written again, A still known from batch 1")
    }
}
