import Foundation
import Testing
@testable import RunACallQuickBooks
@testable import RunACallRead
@testable import RunACallDecide
@testable import RunACallSupport

/// Every text cut to a QuickBooks limit says so on its row.
@Suite struct CutsAreToldTests {
    /// IIF writes city, state and postal code on one 41-character address line: parts within their own
    /// limits (31, 21, 13) can still overflow it there.
    @Test func iifPlaceLineOverflowIsTold() {
        let address = Address(line1: "1 Main St", city: "Llanfairpwllgwyngyllgogerychwyr", state: "Isle of Anglesey Area",
                              postalCode: "LL61 5UJ")
        let iif = FieldLimits.cut(address, formats: [.iif]).notes
        #expect(iif.contains { $0.contains("city, state and postal code cut to 41 characters") }, "\(iif)")
        #expect(FieldLimits.cut(address, formats: [.qbxml, .qboCSV]).notes.isEmpty, "qbXML and QBO CSV keep each part in its own field")
        #expect(FieldLimits.cut(Address(city: "Denver", state: "CO", postalCode: "80202"), formats: [.iif]).notes.isEmpty)
    }

    /// The one line's length is counted as IIF writes it (`City, ST ZIP`, a missing or empty part and its
    /// separator left out), printable ASCII or not: told past 41 characters, never at 41.
    @Test func iifPlaceLineIsToldExactlyPastItsLimit() {
        func parts(_ letter: Character, _ lengths: [Int]) -> [String?] { [nil, ""] + lengths.map { String(repeating: letter, count: $0) } }
        var told = 0
        for city in parts("C", [18, 20, 28, 31]) + ["Zürich Wiedikon-Süd Quartier", "Москва"] {
            for state in parts("S", [2, 9, 10, 11]) {
                for postalCode in parts("P", [5, 8, 9, 10]) {
                    let region = [state, postalCode].compactMap { $0 }.joined(separator: " ")
                    let place = [city ?? "", region].filter { !$0.isEmpty }.joined(separator: ", ")
                    let notes = FieldLimits.cut(Address(city: city, state: state, postalCode: postalCode), formats: [.iif]).notes
                    let expected = QuickBooksText.desktop(place).count > 41
                    #expect(notes.contains { $0.contains("city, state and postal code") } == expected, "\(place)")
                    if expected { told += 1 }
                }
            }
        }
        #expect(told > 50 && told < 300, "both sides of the limit are tried")
    }

    @Test func paymentMethodAndReferenceLimitsAreDesktopOnes() {
        let method = FieldLimits.cut(String(repeating: "M", count: 40), .paymentMethod, formats: [.iif, .qbxml, .qboCSV])
        #expect(method.text?.count == 31 && method.note == "Payment method cut to 31 characters (IIF and qbXML limit)")
        let reference = FieldLimits.cut("ch_3Q7abcDEFghiJKLmnoPQRstu", .paymentReference, formats: [.qbxml])
        #expect(reference.text == "ch_3Q7abcDEFghiJKLmn" && reference.note == "Payment reference cut to 20 characters (qbXML limit)")
        #expect(FieldLimits.cut("ch_3Q7abcDEFghiJKLmnoPQRstu", .paymentReference, formats: [.qboCSV]).note == nil)
    }

    /// qbXML cut a sales tax item's name to 31 characters without a word (IIF wrote it whole): a name
    /// QuickBooks Desktop cannot hold now fails its invoices, never cut into another item's name.
    @Test func salesTaxItemLongerThanDesktopHoldsFailsItsInvoices() throws {
        let long = "Denver City and County Sales Tax 8.81"
        let config = """
        version: 1
        tax:
          rates:
            Denver 8.81%: \(long)
            Aurora 8.5%: Aurora
          default_for_unmapped: To classify
        """
        let result = try Conversion.run(TestPaths.samples.appendingPathComponent("export"), configText: config, out: nil,
                                        formats: [.qbxml], writeFiles: false)
        let examples = result.failures.groups.flatMap(\.examples)
        #expect(examples.contains { $0.contains("Invoice #1042") && $0.contains("\"\(long)\"") && $0.contains("31 characters") }, "\(examples)")
        let online = try Conversion.run(TestPaths.samples.appendingPathComponent("export"), configText: config, out: nil,
                                        formats: [.qboCSV], writeFiles: false)
        #expect(!online.failures.groups.flatMap(\.examples).contains { $0.contains("31 characters") }, "QuickBooks Online holds 100")
    }
}
