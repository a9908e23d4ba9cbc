import Foundation
import Testing
@testable import RunACallQuickBooks
@testable import RunACallRead
@testable import RunACallDecide

/// `from-quickbooks` with a ledger does the same work per entry however many
/// entries came before: no ledger scan hidden in the per-entry loop. Counted in
/// SQLite's virtual machine steps, which do not depend on the machine's speed.
@Suite struct FromQuickBooksScaleTests {
    /// The ledger steps a run over `customers` new QuickBooks customers takes to ask for renames and record each.
    static func steps(customers: Int) throws -> Int64 {
        let ledger = try Ledger(url: try TestPaths.temporaryFolder().appendingPathComponent("ledger.sqlite"), lockingFor: "rac2qb from-quickbooks")
        let records = try RunACallRecords(ledger: ledger, export: nil)
        _ = try ledger.begin(startedAt: "2026-12-06T12:00:00Z", output: "/tmp/out")
        defer { ledger.abandon() }
        let before = ledger.database.steps
        for number in 0..<customers {
            let name = "Customer \(number)"
            _ = try records.confirmRename(shownBy: QuickBooksListEntry(list: .customer, name: name, location: .line(number + 2, in: "lists.iif")))
            try ledger.record(LedgerEntry(entity: .customer, sourceID: "c\(number)", hash: "h\(number)", fields: "name: \(name)",
                                          customer: name, targets: "run-a-call/customers.csv"))
        }
        return ledger.database.steps - before
    }

    @Test func theWorkPerCustomerDoesNotGrowWithTheCustomersBefore() throws {
        let small = try Self.steps(customers: 250)
        let large = try Self.steps(customers: 1_000)
        #expect(large < small * 6, "4 times the customers: about 4 times the work (a scan per customer makes it 16): \(small) → \(large)")
    }
}
