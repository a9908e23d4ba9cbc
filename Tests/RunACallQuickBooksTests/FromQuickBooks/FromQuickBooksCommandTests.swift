import Foundation
import Testing
@testable import RunACallQuickBooks
@testable import RunACallDecide

/// `rac2qb from-quickbooks` as a user runs it: the summary, the exit statuses of
/// outputs.md, an earlier run's Run a Call files kept, and `init` writing the two settings.
@Suite struct FromQuickBooksCommandTests {
    static let lists = ["customers.xml", "items.xml", "customers.csv", "products.csv"].map { "samples/quickbooks-lists/\($0)" }

    @Test func theSamplesExitOneForTheirUnreadableEntries() throws {
        let out = try TestPaths.temporaryFolder()
        let result = try CommandLineTests.run(["from-quickbooks"] + Self.lists + ["--config", "samples/rac2qb-from-quickbooks.yml", "--out", out.path, "--no-ledger"])
        #expect(result.status == 1)
        #expect(result.output.hasPrefix("customers: 3 success, 1 failed, 5 skipped\nitems: 5 success, 1 failed, 5 skipped\n"))
        #expect(result.output.contains("Unreadable customer (1)") && result.output.contains("Unreadable item (1)"))
        #expect(result.error.hasPrefix("rac2qb: config samples/rac2qb-from-quickbooks.yml; ledger none\n"))
        #expect(try Data(contentsOf: out.appendingPathComponent("run-a-call/items.csv"))
            == Data(contentsOf: FromQuickBooksListTests.expected.appendingPathComponent("run-a-call/items.csv")))
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0.hasPrefix(".rac2qb-staging") }.isEmpty)

        let again = try CommandLineTests.run(["from-quickbooks"] + Self.lists + ["--config", "samples/rac2qb-from-quickbooks.yml", "--out", out.path, "--no-ledger"])
        #expect(again.status == 2, "the Run a Call files of the earlier run are not replaced without --replace")
        #expect(again.error.contains("already holds Run a Call files an earlier run wrote (run-a-call/customers.csv, run-a-call/items.csv, run-a-call/customer-updates.csv)"))
        let replaced = try CommandLineTests.run(["from-quickbooks"] + Self.lists + ["--config", "samples/rac2qb-from-quickbooks.yml", "--out", out.path,
                                                                                     "--no-ledger", "--replace", "--json", "--quiet"])
        #expect(replaced.status == 1 && replaced.error.isEmpty)
        #expect(replaced.output.contains("\"customer\" : {"), "--json prints the summary")
    }

    @Test func exitStatuses() throws {
        let folder = try TestPaths.temporaryFolder()
        let clean = folder.appendingPathComponent("clean.csv")
        try Data("Customer,Email,Active\r\nAnn Lee,ann@example.com,true\r\n".utf8).write(to: clean)
        let ok = try CommandLineTests.run(["from-quickbooks", clean.path, "--out", folder.appendingPathComponent("a").path, "--defaults", "--no-ledger"])
        #expect(ok.status == 0, "held back by a setting is not a failure")
        #expect(ok.output.contains("customers: 0 success, 0 failed, 1 skipped"))
        let usage = try CommandLineTests.run(["from-quickbooks", "--out", folder.appendingPathComponent("b").path, "--defaults"])
        #expect(usage.status == 2)
        let badConfig = folder.appendingPathComponent("bad.yml")
        try Data("version: 1\ncustomers:\n  from_quickbooks: sometimes\n".utf8).write(to: badConfig)
        let config = try CommandLineTests.run(["from-quickbooks", clean.path, "--out", folder.appendingPathComponent("c").path, "--config", badConfig.path])
        #expect(config.status == 2)
        #expect(config.error.contains("customers.from_quickbooks"))
        let missing = try CommandLineTests.run(["from-quickbooks", folder.appendingPathComponent("absent.iif").path, "--out",
                                                folder.appendingPathComponent("d").path, "--defaults", "--no-ledger"])
        #expect(missing.status == 3)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("d").path), "nothing written")
    }

    @Test func initWritesBothSettingsOffWithTheSeedsAdvice() throws {
        let text = StarterConfiguration.text
        #expect(text.contains("  from_quickbooks: false     # QBO → Run a Call (rac2qb from-quickbooks): recommended off, QuickBooks often\n                             # has thousands of one-time customers you don't want in your CRM"))
        #expect(text.contains("  from_quickbooks: false     # QBO → Run a Call (rac2qb from-quickbooks): recommended off for the first\n                             # 30 days: pricebook clutter is real"))
        let configuration = try ConfigurationLoader.parse(text)
        #expect(!configuration.customers.fromQuickBooks && !configuration.items.fromQuickBooks)
        let on = try ConfigurationLoader.parse("version: 1\ncustomers:\n  from_quickbooks: true\nitems:\n  from_quickbooks: yes\n")
        #expect(on.customers.fromQuickBooks && on.items.fromQuickBooks)
    }
}
