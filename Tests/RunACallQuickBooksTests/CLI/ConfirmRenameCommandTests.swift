import Foundation
import Testing
@testable import RunACallQuickBooks
@testable import RunACallSupport

/// `rac2qb confirm-rename CUSTOMER_ID`: exit 0 and what it recorded for a rename
/// a report asked for; exit 2 and why for a customer the ledger does not know,
/// one with no rename waiting, or no ledger.
@Suite struct ConfirmRenameCommandTests {
    @Test func confirmsTheRenameAReportAskedForOnce() throws {
        let ledger = try EditOrderTests.ledger()
        _ = try MonthlyRunTests.run([RenamedCustomerTests.invoice("A", RenamedCustomerTests.old)], ledger: ledger, formats: [.iif])
        let november = try MonthlyRunTests.run([RenamedCustomerTests.invoice("A", RenamedCustomerTests.new),
                                                RenamedCustomerTests.invoice("B", RenamedCustomerTests.new, date: "2026-11-02")],
                                               ledger: ledger, formats: [.iif])
        #expect(november.report.rows("customer").first?["message"]?.contains(RenamedCustomerTests.byHand) == true)

        let unknown = try CommandLineTests.run(["confirm-rename", "c9", "--ledger", ledger.path, "--quiet"])
        #expect(unknown.status == 2)
        #expect(unknown.error.contains("\(ledger.path): no customer \"c9\" in the ledger (allowed: the Run a Call id of a customer an earlier batch exported"))
        #expect(unknown.output.isEmpty)

        let confirmed = try CommandLineTests.run(["confirm-rename", "c1", "--ledger", ledger.path, "--quiet"])
        #expect(confirmed.status == 0, "\(confirmed.error)")
        #expect(confirmed.output == "customer c1: recorded that QuickBooks renamed \"Ann Lee\" to \"Ann Lee-Smith\"; later runs name it \"Ann Lee-Smith\"\n")
        #expect(try Ledger(url: ledger).lastExport(of: .customer, "c1")?.customer == "Ann Lee-Smith")

        let again = try CommandLineTests.run(["confirm-rename", "c1", "--ledger", ledger.path, "--quiet"])
        #expect(again.status == 2)
        #expect(again.error.contains("customer \"c1\" (QuickBooks name \"Ann Lee-Smith\") has no rename waiting for confirmation"))

        let missing = ledger.deletingLastPathComponent().appendingPathComponent("none.sqlite")
        let noLedger = try CommandLineTests.run(["confirm-rename", "c1", "--ledger", missing.path, "--quiet"])
        #expect(noLedger.status == 2 && noLedger.error.contains("no ledger yet"))
    }
}
