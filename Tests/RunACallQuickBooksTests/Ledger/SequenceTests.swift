import Foundation
import Testing
@testable import RunACallQuickBooks
@testable import RunACallSupport

/// Must show 3: on seeded monthly histories the tests were not written for,
/// run month after month through convert → QuickBooks (a fake that answers
/// like it) → ingest, what QuickBooks ends with equals Run a Call: each
/// invoice's total is its final total (0 when voided), no invoice number is
/// added twice, every payment lands once, and a deleted draft never appears.
@Suite struct SequenceTests {
    @Test(arguments: [1, 2, 3] as [UInt64])
    func quickBooksEndsWhereRunACallEnds(seed: UInt64) throws {
        let sequence = MonthlySequence(seed: seed, invoices: 80, months: 6)
        let ledger = try TestPaths.temporaryFolder().appendingPathComponent("ledger.sqlite")
        let quickBooks = FakeQuickBooks()
        var failedRows: [String: Set<Int>] = [:]
        var clearedMemos = 0
        for month in 0..<sequence.months {
            let (invoices, payments) = sequence.export(month: month)
            let run = try MonthlyRunTests.run(invoices, payments: payments, ledger: ledger, formats: [.qbxml])
            for row in run.report.rows where row["status"] == "Failed" {
                failedRows[row["source_id"] ?? "", default: []].insert(month)
            }
            let requests = run.out.appendingPathComponent("qbxml/requests.xml")
            clearedMemos += try String(contentsOf: requests, encoding: .utf8).components(separatedBy: "<Memo></Memo>").count - 1
            #expect(try QBXMLSchemaTests.schema().validate(file: requests) == [], "month \(month)")
            let responses = try TestPaths.temporaryFolder().appendingPathComponent("responses.xml")
            try Data(try quickBooks.process(requests: requests).utf8).write(to: responses)
            let ingested = try ResponseIngest.ingest([responses], ledger: ledger, batch: nil)
            #expect(ingested.rows.isEmpty, "month \(month): QuickBooks refused nothing: \(ingested.rows.map(\.message))")
        }

        for kind in ["InvoiceAdd", "InvoiceMod", "TxnVoid", "ReceivePaymentAdd", "ReceivePaymentAdd by macro", "CustomerAdd"] {
            #expect(quickBooks.done[kind, default: 0] > 0, "the history exercises \(kind): \(quickBooks.done)")
        }
        #expect(clearedMemos > 0, "the history empties notes, and InvoiceModRq clears them")
        #expect(sequence.histories.contains { history in
            history.events.contains { edit in edit.event == .edit && history.payments.contains { $0.month == edit.month } }
        }, "the history edits then pays an invoice within one month")
        #expect(Set(quickBooks.addedRefNumbers).count == quickBooks.addedRefNumbers.count, "no invoice number added twice")
        var checked = 0
        for history in sequence.histories {
            let final = sequence.finalTotal(history)
            let inQuickBooks = quickBooks.invoice(refNumber: history.id)
            guard let final, history.events.contains(where: { $0.event == .send }) else {
                #expect(inQuickBooks == nil, "\(history.id): a draft never sent is never written")
                continue
            }
            let invoice = try #require(inQuickBooks, "\(history.id) is in QuickBooks once")
            if history.editedAfterPayment {
                let editMonth = try #require(history.events.last { $0.event == .edit }?.month)
                #expect(invoice.total == history.versions[0].reduce(0, +), "\(history.id): the paid version stays")
                #expect(failedRows[history.id]?.contains(editMonth) == true, "\(history.id): the post-payment edit fails")
            } else {
                #expect(invoice.total == final, "\(history.id): QuickBooks \(invoice.total) vs Run a Call \(final)")
                #expect(invoice.voided == (history.state(at: sequence.months - 1)?.status == "void"))
                #expect(failedRows[history.id] == nil, "\(history.id) never fails")
                checked += 1
            }
            let paid = history.payments.reduce(Int64(0)) { $0 + $1.amount }
            #expect(invoice.paid == paid, "\(history.id): every payment once")
        }
        #expect(checked > 50)

        var standing: [String: Money] = [:]
        try Ledger(url: ledger).latestExports(of: .invoice) { standing[$0.sourceID] = $0.total }
        for history in sequence.histories where !history.editedAfterPayment {
            guard let final = sequence.finalTotal(history), history.events.contains(where: { $0.event == .send }) else { continue }
            #expect(standing[history.id] == Money(parsing: MonthlySequence.money(final)), "\(history.id): the ledger's last written total")
        }
    }
}
