import Foundation
import Testing
@testable import RunACallQuickBooks
@testable import RunACallSupport
@testable import RunACallRead
@testable import RunACallDecide
@testable import RunACallRender

/// Each renderer on small values: postings in, the exact bytes of every file out. No export, no decider:
/// what a writer makes of a posting is all that is tested here (the goldens test the whole run). The bytes
/// expected are in `Tests/RendererReference/<format>.txt`, each file after a `== path ==` line; on a
/// difference the bytes made are left beside the test's temporary folder for a diff.
@Suite struct RendererBytesTests {
    static let reference = TestPaths.packageRoot.appendingPathComponent("Tests/RendererReference")

    static let day = CalendarDate(iso: "2026-10-03")!
    static let address = Address(line1: "12 Elm St", city: "Denver", state: "CO", postalCode: "80202")

    static let customer = QBCustomer(name: "Jane Smith", sourceID: "c-1", email: "jane@example.com", phone: "303-555-0100",
                                     company: nil, billAddress: address, shipAddress: nil)

    /// A sent invoice: two lines, one taxable, a discount, US sales tax; total 129.00.
    static let invoice = QBInvoice(
        sourceID: "1044", refNumber: "1044", customer: "Jane Smith", txnDate: day, dueDate: CalendarDate(iso: "2026-11-02"),
        terms: "Net 30", billAddress: address, shipAddress: nil, memo: "Gate code 4411", customerMessage: "Thank you",
        lines: [
            QBInvoiceLine(kind: .sale, item: "Tune-up", description: "Furnace tune-up", quantity: ExactDecimal(cents: 100),
                          rate: ExactDecimal(cents: 10_000), amount: Money(cents: 10_000), account: "Service Income",
                          itemAccount: "Service Income", taxable: false),
            QBInvoiceLine(kind: .sale, item: "Filter", description: "Filter, 16x25", quantity: ExactDecimal(cents: 200),
                          rate: ExactDecimal(cents: 1_250), amount: Money(cents: 2_500), account: "Parts Income",
                          itemAccount: "Parts Income", taxable: true),
            QBInvoiceLine(kind: .discount, item: "Discount", description: "Fall special", quantity: nil, rate: nil,
                          amount: Money(cents: -500), account: "Discounts Given", itemAccount: "Discounts Given", taxable: false),
        ],
        salesTax: QBSalesTax(item: "Denver", ratePercent: ExactDecimal(units: 881_000), amount: Money(cents: 220),
                             taxableAmount: Money(cents: 2_500)),
        isVoid: false, total: Money(cents: 12_220))

    static let payment = QBPayment(sourceID: "pay-1", customer: "Jane Smith", date: day, amount: Money(cents: 12_220), method: "card",
                                   reference: "ch_1", fullReference: "ch_1", depositAccount: "Undeposited Funds", invoiceID: "1044",
                                   invoiceRefNumber: "1044")

    static let refund = QBCreditMemo(sourceID: "ref-1", customer: "Jane Smith", date: day, amount: Money(cents: 2_000), item: "Refund",
                                     account: "Refunds", invoiceID: "1044", invoiceRefNumber: "1044")

    static let deposit = QBDeposit(sourceID: "po_1", date: CalendarDate(iso: "2026-10-05")!, account: "Checking",
                                   fromAccount: "Undeposited Funds",
                                   lines: [.payment(sourceID: "pay-1", customer: "Jane Smith", amount: Money(cents: 12_220)),
                                           .refund(sourceID: "ref-1", customer: "Jane Smith", amount: Money(cents: 2_000)),
                                           .fee(account: "Stripe Fees", amount: Money(cents: 384))],
                                   net: Money(cents: 9_836))

    /// Every file `format`'s writer makes of the postings above, each after a `== path ==` line.
    static func rendered(_ format: OutputFormat) throws -> String {
        let configuration = try ConfigurationLoader.parse("version: 1\n")
        let staging = try TestPaths.temporaryFolder()
        let writer = try FormatWriters.make(format, configuration: configuration, splitEvery: 0, staging: staging)
        _ = try writer.add(customer)
        _ = try writer.add(invoice)
        _ = try writer.add(payment)
        _ = try writer.add(refund)
        _ = try writer.add(deposit)
        if let qbxml = writer as? QBXMLWriter {
            var edited = invoice
            edited.lines.removeLast()
            edited.total = Money(cents: 12_720)
            _ = try qbxml.update(edited, txnID: "1A2B-1700000000", editSequence: "1700000001")
            _ = try qbxml.void(invoiceID: "1043", txnID: "1A2C-1700000000")
        }
        var lists = RunLists()
        lists.accounts = [QBAccount(name: "Service Income", type: .income), QBAccount(name: "Stripe Fees", type: .expense)]
        lists.items = [QBItem(name: "Tune-up", sourceID: "it-1", kind: .service, description: "Furnace tune-up",
                              account: "Service Income", price: ExactDecimal(cents: 10_000), taxable: false)]
        let (files, _) = try writer.finish(lists: lists, into: staging)
        return try files.sorted().map { file in
            "== \(file) ==\n" + String(decoding: try Data(contentsOf: staging.appendingPathComponent(file)), as: UTF8.self)
        }.joined()
    }

    @Test(arguments: OutputFormat.allCases) func eachRendererWritesExactlyTheReferenceBytes(format: OutputFormat) throws {
        let made = try Self.rendered(format)
        let expected = String(decoding: try Data(contentsOf: Self.reference.appendingPathComponent("\(format.rawValue).txt")), as: UTF8.self)
        if made != expected {
            let left = try TestPaths.temporaryFolder().appendingPathComponent("\(format.rawValue).txt")
            try Data(made.utf8).write(to: left)
            Issue.record("\(format.rawValue): the bytes made differ from the reference; they are in \(left.path)")
        }
    }
}
