import Foundation
import Testing
@testable import RunACallQuickBooks
@testable import RunACallSupport
@testable import RunACallDecide
@testable import RunACallRender

/// The format profiles: which lines a format leaves to be entered by hand, and where it lists them.
@Suite struct FormatProfileTests {
    static func invoice(discount: Money, void: Bool = false) -> QBInvoice {
        let sale = QBInvoiceLine(kind: .sale, item: "Labor", description: nil, quantity: nil, rate: nil, amount: Money(cents: 10_000),
                                 account: "Service revenue", itemAccount: "Service revenue", taxable: false, taxCode: nil, taxAmount: nil)
        let off = QBInvoiceLine(kind: .discount, item: "Discount", description: nil, quantity: nil, rate: nil, amount: discount,
                                account: "Discounts given", itemAccount: "Discounts given", taxable: false, taxCode: nil, taxAmount: nil)
        return QBInvoice(sourceID: "1", refNumber: "1", customer: "Ann", txnDate: CalendarDate(year: 2026, month: 10, day: 1)!, dueDate: nil,
                         terms: nil, billAddress: nil, shipAddress: nil, memo: nil, customerMessage: nil, lines: [sale, off],
                         salesTax: nil, isVoid: void, total: Money(cents: 10_000) + discount)
    }

    @Test func onlyQuickBooksOnlineCSVLeavesItsDiscountsToEnterByHand() {
        let invoice = Self.invoice(discount: Money(cents: -1_500))
        #expect(FormatProfile.qboCSV.linesByHand(of: invoice).map(\.amount) == [Money(cents: -1_500)])
        #expect(FormatProfile.iif.linesByHand(of: invoice).isEmpty)
        #expect(FormatProfile.qbxml.linesByHand(of: invoice).isEmpty)
        #expect(FormatProfile.qboCSV.byHandList?.path(parts: 1) == "qbo-csv/discounts-to-enter.csv")
        #expect(OutputFormat.allCases.map { FormatProfile.of($0).format } == OutputFormat.allCases)
    }

    @Test func aZeroedDiscountNeedsNothingByHand() {
        #expect(FormatProfile.qboCSV.linesByHand(of: Self.invoice(discount: .zero, void: true)).isEmpty)
    }

    /// Adding a format is one profile and one writer: every format has both, each naming its own format.
    @Test func everyFormatHasItsProfileAndItsWriter() throws {
        let configuration = try ConfigurationLoader.parse("version: 1\n")
        for format in OutputFormat.allCases {
            let writer = try FormatWriters.make(format, configuration: configuration, splitEvery: 0, staging: try TestPaths.temporaryFolder())
            #expect(writer.format == format)
            #expect(FormatProfile.of(format).format == format)
        }
    }

    /// The field limits are the profiles': Desktop's through IIF and qbXML alike, QBO CSV's own, none where no limit is known.
    @Test func theFieldLimitsComeFromTheProfiles() {
        #expect(FieldLimits.strictest(.addressLine, among: OutputFormat.allCases)?.limit == 41)
        #expect(FieldLimits.strictest(.addressLine, among: OutputFormat.allCases)?.formats == [.iif, .qbxml])
        #expect(FieldLimits.strictest(.companyName, among: [.qboCSV])?.limit == 50)
        #expect(FieldLimits.strictest(.memo, among: [.qboCSV]) == nil)
        #expect(FormatProfile.iif.fieldLimits == FormatProfile.qbxml.fieldLimits)
    }
}
