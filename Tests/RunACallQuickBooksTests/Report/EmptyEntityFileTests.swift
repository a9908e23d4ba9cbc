import Foundation
import Testing
@testable import RunACallQuickBooks

/// An entity file that holds no record is still counted (zero of each
/// status), so that the summary says it was read; an absent one is not.
@Suite struct EmptyEntityFileTests {
    @Test func aHeaderOnlyInvoicesCSVIsCountedAtZero() throws {
        let folder = try InputFixture.folder(["invoices.csv": Array(InputFixture.csvHeader.utf8)])
        let result = try Conversion.run(folder, out: nil, writeFiles: false)
        #expect(result.summary.counts["invoice"] == [:], "read, no record")
        #expect(result.summary.counts["payment"] == nil, "no payments file")
        #expect(result.summary.entitiesAbsent.contains("payments"))
    }
}
