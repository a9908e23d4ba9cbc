import Foundation
import Testing
@testable import RunACallQuickBooks
@testable import RunACallRender

/// The summary read off a report's first line is the summary the whole file holds.
@Suite struct ReportSummaryReaderTests {
    @Test func theFirstLineHoldsTheWholeSummary() throws {
        let url = TestPaths.samples.appendingPathComponent("expected/report/sync-report.json")
        let whole = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let summary = try #require(ReportSummaryReader.summary(of: url))
        let expected = try #require(whole["summary"] as? [String: Any])
        func text(_ object: [String: Any]) throws -> Data { try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) }
        #expect(try text(summary) == text(expected))
        #expect(summary["billed_in_export"] as? String == "12431.80")
    }

    @Test func aFileRac2qbDidNotWriteHasNoSummary() throws {
        let folder = try TestPaths.temporaryFolder()
        let other = folder.appendingPathComponent("sync-report.json")
        try Data("{\"summary\": {}}\n".utf8).write(to: other)
        #expect(ReportSummaryReader.summary(of: other) == nil)
        #expect(ReportSummaryReader.summary(of: folder.appendingPathComponent("none.json")) == nil)
    }
}
