import Foundation
import Testing
@testable import RunACallQuickBooks
@testable import RunACallSupport
@testable import RunACallDecide

/// The stand-ins refuse what QuickBooks refuses, so a test posting through them catches it:
/// an unbalanced transaction, and a payment deposited twice.
@Suite struct StandInBooksTests {
    @Test func anUnbalancedTransactionIsRefusedAndLeavesTheBooksAsTheyWere() throws {
        let books = StandInBooks()
        try books.post("invoice", [.init(account: StandInBooks.receivable, name: "Ann Lee", cents: 10_000),
                                   .init(account: "Service revenue", name: nil, cents: -10_000)])
        #expect(throws: StandInBooks.Unbalanced.self) {
            try books.post("invoice", [.init(account: StandInBooks.receivable, name: "Ann Lee", cents: 12_000),
                                       .init(account: "Service revenue", name: nil, cents: -10_000)])
        }
        #expect(books.balances(StandInBooks.receivable) == ["Ann Lee": 10_000])
        #expect(books.trialBalance == 0)
    }

    /// The deposit the issue found: every payment exported earlier, only the fee line written.
    @Test func theIIFImportRefusesADepositHoldingOnlyItsFee() throws {
        let file = try TestPaths.temporaryFolder().appendingPathComponent("deposit.iif")
        try Data(("!TRNS\tTRNSID\tTRNSTYPE\tDATE\tACCNT\tNAME\tAMOUNT\tMEMO\n!SPL\tSPLID\tTRNSTYPE\tDATE\tACCNT\tNAME\tAMOUNT\tMEMO\n!ENDTRNS\n"
                  + "TRNS\t\tDEPOSIT\t10/14/2026\tBusiness Checking\t\t384.39\tStripe payout po_1\n"
                  + "SPL\t\tDEPOSIT\t10/14/2026\tMerchant fees\t\t12.40\tStripe fees\nENDTRNS\n").utf8).write(to: file)
        let quickBooks = IIFImportStandIn()
        try quickBooks.importFile(file)
        #expect(quickBooks.refused.count == 1)
        #expect(quickBooks.deposits.isEmpty && quickBooks.books.trialBalance == 0)
    }

    @Test func quickBooksRefusesDepositingAPaymentTwice() throws {
        let export = try Conversion.export(["invoices.json": PaymentRulesTests.invoices,
                                            "payments.json": "[" + PaymentRulesTests.payment("p1") + "]",
                                            "payouts.json": PayoutAcrossMonthsTests.payout(gross: "100.00", net: "96.80")])
        let out = export.appendingPathComponent("out")
        var configuration = Configuration()
        configuration.output.formats = [.qbxml]
        _ = try Converter.run(ConversionOptions(exportPaths: [export], configuration: configuration, outputDirectory: out))
        let quickBooks = FakeQuickBooks()
        let requests = out.appendingPathComponent("qbxml/requests.xml")
        let first = try quickBooks.process(requests: requests)
        #expect(!first.contains("statusSeverity=\"Error\""), "\(first)")
        #expect(quickBooks.deposits == ["Stripe payout po_1": 9_680])
        #expect(quickBooks.books.balance(StandInBooks.undeposited) == 0)
        let paymentID = try #require(quickBooks.books.transactions.keys.first { $0.hasPrefix("P-") })
        let again = try TestPaths.temporaryFolder().appendingPathComponent("again.xml")
        try Data(("<?xml version=\"1.0\"?><?qbxml version=\"13.0\"?><QBXML><QBXMLMsgsRq onError=\"continueOnError\">"
                  + "<DepositAddRq requestID=\"d2\"><DepositAdd><DepositToAccountRef><FullName>Business Checking</FullName></DepositToAccountRef>"
                  + "<DepositLineAdd><PaymentTxnID>\(paymentID)</PaymentTxnID></DepositLineAdd></DepositAdd></DepositAddRq>"
                  + "</QBXMLMsgsRq></QBXML>").utf8).write(to: again)
        #expect(try quickBooks.process(requests: again).contains("statusCode=\"3120\""))
        #expect(quickBooks.books.balance("Business Checking") == 9_680)
    }
}
