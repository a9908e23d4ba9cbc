import Foundation
import Testing
@testable import RunACallQuickBooks
@testable import RunACallSupport

/// An export without some entity files says which, and what that means for
/// the reconciliation: customer balances are not called reconciled without payments.
@Suite struct AbsentEntitiesTests {
    /// invoices.json alone: one paid invoice (its balance_due is 0.00, the files leave 100.00 receivable).
    private func invoicesAlone() throws -> URL {
        try InputFixture.folder(["invoices.json": Array(InputFixture.invoicesJSON(["1"]).utf8)])
    }

    @Test func theSummaryNamesTheAbsentFilesAndDoesNotCallBalancesReconciled() throws {
        let out = try TestPaths.temporaryFolder()
        let result = try Conversion.run(try invoicesAlone(), out: out)
        #expect(result.summary.entitiesAbsent == ["payments", "payouts", "customers", "items"])
        #expect(!result.summary.balancesChecked)
        #expect(result.summary.absenceNotes.first?.hasPrefix("no payments file: customer balances cannot be reconciled (invoices with amount_paid") == true)
        let json = try String(decoding: Data(contentsOf: out.appendingPathComponent("report/sync-report.json")), as: UTF8.self)
        #expect(json.contains(#""entities_absent":["payments","payouts","customers","items"]"#))
        let html = try String(decoding: Data(contentsOf: out.appendingPathComponent("report/index.html")), as: UTF8.self)
        #expect(html.contains("Not checked: the export has no payments file"))
        #expect(!html.contains("Every customer's balance matches Run a Call"))
        #expect(html.contains("<h2>Entity files absent from the export</h2>"))
    }

    @Test func theTerminalSaysBalancesWereNotChecked() throws {
        let folder = try invoicesAlone()
        let config = folder.appendingPathComponent("rac2qb.yml")
        try Data().write(to: config)
        let result = try CommandLineTests.run(["check", folder.path, "--config", config.path, "--no-ledger"])
        #expect(result.status == 0)
        #expect(result.output.contains("customer balances: balance_due 0.00, receivable in QuickBooks 100.00 (not compared: no payments file)"))
        #expect(result.output.contains("no payments file: customer balances cannot be reconciled"))
        #expect(result.output.contains("reconciled: invoices yes; customer balances not checked (no payments file)"))
        #expect(!result.output.contains("reconciled: yes"))
    }

    @Test func theFullSampleHasNothingAbsent() throws {
        let result = try Conversion.run(TestPaths.samples.appendingPathComponent("export"), configURL: Conversion.sampleConfig, out: nil, writeFiles: false)
        #expect(result.summary.entitiesAbsent.isEmpty && result.summary.balancesChecked)
    }
}
