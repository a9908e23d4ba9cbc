import Foundation
import Testing
@testable import RunACallQuickBooks
@testable import RunACallSupport

/// Dates QuickBooks can hold: four-digit years in every slashed form, no leap second, years within QuickBooks' range.
@Suite struct QuickBooksDatesTests {
    /// Year 1 was written `1/1/1`, which QuickBooks reads as 2001.
    @Test func slashedDatesAlwaysHaveFourDigitYears() throws {
        let early = try #require(CalendarDate(year: 1, month: 1, day: 1))
        #expect(early.usSlashed == "1/1/0001")
        #expect(early.usPadded == "01/01/0001")
        #expect(early.dayFirstPadded == "01/01/0001")
        #expect(CalendarDate(year: 987, month: 12, day: 31)?.usSlashed == "12/31/0987")
    }

    @Test func secondSixtyIsNotATimestamp() {
        #expect(Timestamp(iso: "2026-10-03T23:59:60Z") == nil)
        #expect(Timestamp(iso: "2026-10-03T23:59:59Z") != nil)
    }

    @Test func invoiceOutsideQuickBooksRangeFailsWithTheRange() throws {
        let invoice = InputFixture.invoiceJSON("1001").replacingOccurrences(of: "2026-10-01", with: "0001-10-01")
        let folder = try Conversion.export(["invoices.json": "{\"invoices\": [\(invoice)]}"])
        let result = try Conversion.run(folder, out: nil, writeFiles: false)
        #expect(result.exitStatus == 1)
        let message = result.failures.groups.flatMap(\.examples).joined(separator: "\n")
        #expect(message.contains("invoice_date") && message.contains("1970-01-01 to 2037-12-31") && message.contains("year 1 "), "\(message)")
    }
}
