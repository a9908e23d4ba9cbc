import Foundation
import Testing
@testable import RunACallQuickBooks
@testable import RunACallSupport
@testable import RunACallRead
@testable import RunACallDecide
@testable import RunACallRender

/// Each renderer on the postings `RendererBytesTests` leaves out, the exact bytes out: a Canadian invoice (a tax code
/// and its tax on each line, a line posted to another account than its item's), a payment of an invoice whose
/// QuickBooks TxnID is known, a deposit of an earlier batch's payment, a discount item and a customer update; and a
/// US invoice whose tax is written as its own line (qbXML), a void, the sales tax items and agency an IIF file declares.
/// The bytes expected are in `Tests/RendererReference/<scenario>/<format>.txt`, each file after a `== path ==` line.
@Suite struct RendererBytesMoreTests {
    static let day = CalendarDate(iso: "2026-10-03")!
    static let address = Address(line1: "8 King St W", city: "Toronto", state: "ON", postalCode: "M5H 1A1", country: "Canada")

    static let customer = QBCustomer(name: "Raj Patel", sourceID: "c-2", email: "raj@example.com", phone: nil,
                                     company: "Patel Dental", billAddress: address, shipAddress: nil)

    /// Canada: a taxable line (code `H`, tax 13.00), an untaxed one posted to the membership account; total 163.00.
    static let canadianInvoice = QBInvoice(
        sourceID: "2001", refNumber: "2001", customer: "Raj Patel", txnDate: day, dueDate: nil, terms: nil,
        billAddress: address, shipAddress: nil, memo: nil, customerMessage: nil,
        lines: [
            QBInvoiceLine(kind: .sale, item: "Repair", description: "Boiler repair", quantity: ExactDecimal(cents: 100),
                          rate: ExactDecimal(cents: 10_000), amount: Money(cents: 10_000), account: "Service Income",
                          itemAccount: "Service Income", taxable: true, taxCode: "H", taxAmount: Money(cents: 1_300)),
            QBInvoiceLine(kind: .sale, item: "Plan", description: "Care plan", quantity: ExactDecimal(cents: 100),
                          rate: ExactDecimal(cents: 5_000), amount: Money(cents: 5_000), account: "Membership Income",
                          itemAccount: "Service Income", taxable: false, taxCode: nil, taxAmount: nil),
        ],
        salesTax: nil, isVoid: false, total: Money(cents: 16_300))

    /// Paid against invoice 1999, which an earlier batch wrote and whose TxnID is known.
    static let payment = QBPayment(sourceID: "pay-9", customer: "Raj Patel", date: day, amount: Money(cents: 5_000), method: "Cash",
                                   reference: nil, fullReference: nil, depositAccount: "Undeposited Funds", invoiceID: "1999",
                                   invoiceRefNumber: "1999", invoiceTxnID: "2A3B-1700000000")

    /// A payout of this run's payment and of an earlier batch's one (its TxnID known).
    static let deposit = QBDeposit(sourceID: "po_2", date: CalendarDate(iso: "2026-10-06")!, account: "Checking", fromAccount: "Undeposited Funds",
                                   lines: [.payment(sourceID: "pay-9", customer: "Raj Patel", amount: Money(cents: 5_000)),
                                           .payment(sourceID: "pay-8", customer: "Raj Patel", amount: Money(cents: 2_500), txnID: "2A3C-1700000000")],
                                   net: Money(cents: 7_500))

    static let lists: RunLists = {
        var lists = RunLists()
        lists.items = [QBItem(name: "Discount", sourceID: nil, kind: .discount, description: "Discount", account: "Discounts Given",
                              price: nil, taxable: false),
                       QBItem(name: "Plan", sourceID: "it-2", kind: .nonInventory, description: "Care plan", account: "Service Income",
                              price: ExactDecimal(cents: 5_000), taxable: false)]
        lists.customerUpdates = [(QBCustomer(name: "Raj Patel", sourceID: "c-2", email: "raj@patel.example", phone: "416-555-0101", company: nil,
                                             billAddress: address, shipAddress: nil), "80000002-1700000000", "1700000002")]
        return lists
    }()

    /// US: a taxed invoice whose exact tax qbXML writes as its own line (the books give its item no rate), total 54.00.
    static let exactTaxInvoice = QBInvoice(
        sourceID: "3001", refNumber: "3001", customer: "Jane Smith", txnDate: day, dueDate: nil, terms: nil,
        billAddress: nil, shipAddress: nil, memo: nil, customerMessage: nil,
        lines: [QBInvoiceLine(kind: .sale, item: "Filter", description: "Filter", quantity: ExactDecimal(cents: 400),
                              rate: ExactDecimal(cents: 1_250), amount: Money(cents: 5_000), account: "Parts Income",
                              itemAccount: "Parts Income", taxable: true)],
        salesTax: QBSalesTax(item: "Springfield", ratePercent: ExactDecimal(units: 800_000), amount: Money(cents: 400),
                             taxableAmount: Money(cents: 5_000), asTaxLine: true),
        isVoid: false, total: Money(cents: 5_400))

    /// US: invoice 3002 voided as `InvoiceMapper.voided` leaves it, a discount line among its lines.
    static let voidInvoice = InvoiceMapper.voided(QBInvoice(
        sourceID: "3002", refNumber: "3002", customer: "Jane Smith", txnDate: day, dueDate: nil, terms: nil,
        billAddress: nil, shipAddress: nil, memo: "wrong address", customerMessage: nil,
        lines: [QBInvoiceLine(kind: .sale, item: "Filter", description: "Filter", quantity: ExactDecimal(cents: 100),
                              rate: ExactDecimal(cents: 1_250), amount: Money(cents: 1_250), account: "Parts Income",
                              itemAccount: "Parts Income", taxable: true),
                QBInvoiceLine(kind: .discount, item: "Discount", description: "Discount", quantity: nil, rate: nil,
                              amount: Money(cents: -250), account: "Discounts Given", itemAccount: "Discounts Given", taxable: false)],
        salesTax: QBSalesTax(item: "Springfield", ratePercent: ExactDecimal(units: 800_000), amount: Money(cents: 80),
                             taxableAmount: Money(cents: 1_250)),
        isVoid: true, total: .zero))

    enum Scenario: String, CaseIterable, Sendable {
        case canada
        case usExactTaxAndVoid = "us-exact-tax-and-void"
    }

    /// Every file `format`'s writer makes of the scenario's postings, each after a `== path ==` line.
    static func rendered(_ format: OutputFormat, _ scenario: Scenario) throws -> String {
        let config = switch scenario {
        case .canada: "version: 1\ncompany:\n  edition: ca\n  home_currency: CAD\n"
        case .usExactTaxAndVoid: "version: 1\ntax:\n  agency: Illinois Department of Revenue\n"
        }
        let configuration = try ConfigurationLoader.parse(config)
        let staging = try TestPaths.temporaryFolder()
        let writer = try FormatWriters.make(format, configuration: configuration, splitEvery: 0, staging: staging)
        var lists = RunLists()
        switch scenario {
        case .canada:
            _ = try writer.add(customer)
            _ = try writer.add(canadianInvoice)
            _ = try writer.add(payment)
            _ = try writer.add(deposit)
            lists = Self.lists
        case .usExactTaxAndVoid:
            _ = try writer.add(exactTaxInvoice)
            _ = try writer.add(voidInvoice)
            lists.taxAgency = "Illinois Department of Revenue"
            lists.salesTaxItems = [QBSalesTaxItem(name: "Springfield", ratePercent: ExactDecimal(units: 800_000), agency: "Illinois Department of Revenue")]
        }
        let (files, _) = try writer.finish(lists: lists, into: staging)
        return try files.sorted().map { file in
            "== \(file) ==\n" + String(decoding: try Data(contentsOf: staging.appendingPathComponent(file)), as: UTF8.self)
        }.joined()
    }

    @Test(arguments: Scenario.allCases, OutputFormat.allCases)
    func eachRendererWritesExactlyTheReferenceBytes(scenario: Scenario, format: OutputFormat) throws {
        let made = try Self.rendered(format, scenario)
        let reference = RendererBytesTests.reference.appendingPathComponent(scenario.rawValue).appendingPathComponent("\(format.rawValue).txt")
        let expected = String(decoding: try Data(contentsOf: reference), as: UTF8.self)
        if made != expected {
            let left = try TestPaths.temporaryFolder().appendingPathComponent("\(scenario.rawValue)-\(format.rawValue).txt")
            try Data(made.utf8).write(to: left)
            Issue.record("\(scenario.rawValue) \(format.rawValue): the bytes made differ from the reference; they are in \(left.path)")
        }
    }
}
