import Foundation
import Testing
@testable import RunACallQuickBooks
@testable import RunACallSupport
@testable import RunACallRead

@Suite(.enabled(if: TestPaths.sharedDataAvailableOrCI, "needs ../shared/reference"))
struct IIFKitSampleTests {
    static var kitFiles: [URL] {
        get throws {
            let folder = try #require(TestPaths.iifSamples, "../shared/reference/iif-samples is required under CI")
            return try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
                .filter { $0.pathExtension == "iif" }.sorted { $0.lastPathComponent < $1.lastPathComponent }
        }
    }

    @Test func intuitSamplesPassTheChecker() throws {
        let files = try Self.kitFiles
        #expect(files.count == 6)
        for file in files { #expect(try FileChecker.checkIIF(file) == [], "\(file.lastPathComponent)") }
    }

    @Test func everyKitTransactionBalances() throws {
        var transactions = 0
        for file in try Self.kitFiles {
            let (found, problems) = try IIFReader(url: file).transactions()
            #expect(problems.isEmpty)
            for transaction in found {
                transactions += 1
                let sum = ([transaction.header] + transaction.splits).reduce(Money.zero) {
                    $0 + Money(parsing: ($1["AMOUNT"] ?? "").replacingOccurrences(of: ",", with: ""))!
                }
                #expect(sum == .zero, "\(file.lastPathComponent):\(transaction.header.line)")
            }
        }
        #expect(transactions >= 4, "the kit has invoice, payment, credit memo and deposit samples")
    }

    @Test func readsTheRealListExport() throws {
        let file = try #require(TestPaths.iifSamples).appendingPathComponent("qbd-enterprise34-all-lists-export.iif")
        let records = try IIFReader(url: file).records
        #expect(records.contains { $0.keyword == "CUST" && !($0["NAME"] ?? "").isEmpty })
        #expect(records.contains { $0.keyword == "INVITEM" && $0["INVITEMTYPE"] == "COMPTAX" })
    }
}

@Suite struct IIFCheckerTests {
    @Test func unbalancedTransactionIsReported() throws {
        let text = "!TRNS\tTRNSTYPE\tDATE\tACCNT\tAMOUNT\r\n!SPL\tTRNSTYPE\tDATE\tACCNT\tAMOUNT\r\n!ENDTRNS\r\n" +
            "TRNS\tINVOICE\t10/1/2026\tAccounts Receivable\t10.00\r\nSPL\tINVOICE\t10/1/2026\tIncome\t-9.99\r\nENDTRNS\r\n"
        let url = try TestPaths.temporaryFolder().appendingPathComponent("bad.iif")
        try Data(text.utf8).write(to: url)
        let problems = try FileChecker.checkIIF(url)
        #expect(problems.count == 1)
        #expect(problems.first?.contains("does not balance (sum 0.01)") == true)
    }

    @Test func missingEndTransactionIsReported() {
        let reader = IIFReader(text: "!TRNS\tTRNSTYPE\tAMOUNT\n!SPL\tTRNSTYPE\tAMOUNT\nTRNS\tINVOICE\t1.00\nSPL\tINVOICE\t-1.00\n")
        #expect(reader.transactions().problems == ["3: TRNS without ENDTRNS at the end of the file"])
    }
}
