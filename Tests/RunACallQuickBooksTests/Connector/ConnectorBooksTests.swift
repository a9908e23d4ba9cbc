import Foundation
import Testing
@testable import RunACallConnector
@testable import RunACallQuickBooks
@testable import RunACallSupport

/// Issue 22, Must show 1: a three-month story (card payments paid out the
/// next month, a refund, fees, cash and checks, edits, voids, sales tax, a
/// customer renamed in month 2) converted month by month and sent to the
/// double-entry stand-in QuickBooks only through the Web Connector, over HTTP
/// as QBWC calls it. The books end right, as the month-after-month tests
/// (`BooksAfterMonthsTests`, `ExpectedBooks`) check them with `rac2qb ingest`,
/// and every invoice, payment and deposit is in QuickBooks exactly once.
@Suite struct ConnectorBooksTests {
    @Test(arguments: [1, 2] as [UInt64])
    func threeMonthsSentOnlyThroughTheConnectorEndWithTheBooksRight(seed: UInt64) async throws {
        let sequence = MonthlySequence(seed: seed, invoices: 60, months: 3, options: BooksAfterMonthsTests.options(.qbxml))
        let ledger = try TestPaths.temporaryFolder().appendingPathComponent("ledger.sqlite")
        nonisolated(unsafe) let quickBooks = FakeQuickBooks(salesTaxRates: [MonthlySequence.mappedRate.item: MonthlySequence.mappedRate.percent,
                                                                            MonthlySequence.unmappedRate.item: "0"])
        for month in 0..<sequence.months {
            let run = try BooksAfterMonthsTests.convert(sequence, month: month, format: .qbxml, ledger: ledger)
            BooksAfterMonthsTests.checkReport(run, sequence, month: month)
            try await RunningConnector.with(ledger: ledger, maxRequests: 20) { qbwc async throws in
                let update = try await qbwc.update(quickBooks)
                #expect(update.status == "", "month \(month): requests wait")
                #expect(update.percentages.last == 100, "month \(month): \(update.percentages)")
                #expect(update.requests.count > 1, "month \(month): in bounded documents")
                #expect(try await qbwc.authenticate().status == "none", "month \(month): nothing left")
            }
            var refused = 0
            try Ledger(url: ledger).database.query("SELECT COUNT(*) FROM export WHERE answer = 'failed'") { refused = Int($0.integer(0)) }
            #expect(refused == 0, "month \(month): QuickBooks refused nothing (every transaction balances)")
        }
        for kind in ["InvoiceAdd", "InvoiceMod", "TxnVoid", "ReceivePaymentAdd", "CreditMemoAdd", "DepositAdd", "CustomerMod"] {
            #expect(quickBooks.done[kind, default: 0] > 0, "the story exercises \(kind): \(quickBooks.done)")
        }
        let expected = ExpectedBooks(sequence)
        for history in expected.invoices {
            let invoice = try #require(quickBooks.invoice(refNumber: history.id), "\(history.id) is in QuickBooks")
            #expect(invoice.total == expected.total(history), "\(history.id): its final total (income and sales tax)")
            #expect(invoice.paid == expected.paid(history), "\(history.id): every payment received once")
        }
        #expect(quickBooks.addedRefNumbers.sorted() == expected.invoices.map(\.id).sorted(), "each sent invoice added once")
        #expect(quickBooks.done["ReceivePaymentAdd", default: 0] + quickBooks.done["ReceivePaymentAdd by macro", default: 0]
                    == sequence.moneyIn.filter { !$0.isRefund }.count, "every payment received once")
        #expect(quickBooks.done["CreditMemoAdd", default: 0] == sequence.moneyIn.filter(\.isRefund).count, "every refund once")
        #expect(quickBooks.depositIDs.values.allSatisfy { $0.count == 1 }, "each payout deposited once: \(quickBooks.depositIDs)")
        // Trial balance, receivables per customer, Undeposited Funds, bank, fees, sales tax, discounts and income.
        try expected.check(quickBooks.books, deposits: quickBooks.deposits, configuration: BooksAfterMonthsTests.configuration(.qbxml))
    }
}
