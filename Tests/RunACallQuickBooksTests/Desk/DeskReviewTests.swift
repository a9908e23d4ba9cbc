import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import RunACallDesk
@testable import RunACallQuickBooks
@testable import RunACallSupport
@testable import RunACallRender

/// The review grid's rows and the invoice preview, over real HTTP, after a check of the sample export.
@Suite struct DeskReviewTests {
    /// Uploads the sample zip and checks it; the export's id.
    static func checkedSample(desk: RunningDesk, client: TestClient) async throws -> String {
        let upload = try await client.post("/api/exports", headers: DeskExportsTests.zipHeaders(desk),
                                           body: ByteBuffer(bytes: try DeskExportsTests.sampleZip()))
        let id = try #require(try DeskExportsTests.object(upload)["id"] as? String)
        #expect(try await client.get("/api/exports/\(id)/rows", headers: desk.signedIn).errorCode == "not_checked")
        let check = try DeskExportsTests.object(try await client.post("/api/exports/\(id)/check", headers: desk.changing, body: ByteBuffer()))
        let done = try await DeskExportsTests.finished(try #require(check["job"] as? String), desk: desk, client: client)
        #expect(done["state"] as? String == "done")
        return id
    }

    static func rows(_ path: String, desk: RunningDesk, client: TestClient) async throws -> (total: Int, rows: [[String: String]]) {
        let object = try DeskExportsTests.object(try await client.get(path, headers: desk.signedIn))
        return (try #require(object["total"] as? Int), try #require(object["rows"] as? [[String: String]]))
    }

    @Test func failuresComeFirstWithTheirFixAndFiltersSearchAndPagesWork() async throws {
        try await RunningDesk.with(configFile: try DeskExportsTests.sampleConfig()) { desk, client in
            let id = try await Self.checkedSample(desk: desk, client: client)
            let report = try String(contentsOf: TestPaths.samples.appendingPathComponent("expected/report/sync-report.csv"), encoding: .utf8)
            let reportRows = report.split(separator: "\n").count - 1

            let all = try await Self.rows("/api/exports/\(id)/rows?per_page=500", desk: desk, client: client)
            #expect(all.total == all.rows.count)
            #expect(all.total >= reportRows - 1)
            let first = try #require(all.rows.first)
            #expect(first["status"] == "Failed")
            #expect(first["code"] == "closedPeriod")
            #expect(first["source_id"] == "1050")
            #expect(first["fix"]?.contains("closing date") == true)
            #expect(first["date"] == "2026-09-15")
            let failedCount = all.rows.prefix { $0["status"] == "Failed" }.count
            #expect(all.rows.dropFirst(failedCount).allSatisfy { $0["status"] != "Failed" }, "failures first")

            let failed = try await Self.rows("/api/exports/\(id)/rows?status=Failed", desk: desk, client: client)
            #expect(failed.total == failedCount)
            let payments = try await Self.rows("/api/exports/\(id)/rows?entity=payment", desk: desk, client: client)
            #expect(payments.total > 0 && payments.rows.allSatisfy { $0["entity_type"] == "payment" })
            let closed = try await Self.rows("/api/exports/\(id)/rows?code=closedPeriod", desk: desk, client: client)
            #expect(closed.total == 1, "the invoice; its payment fails with a code of its own")
            #expect(closed.rows.first?["source_id"] == "1050")
            let search = try await Self.rows("/api/exports/\(id)/rows?q=%231044", desk: desk, client: client)
            #expect(search.rows.contains { $0["entity"] == "Invoice #1044" })
            #expect(search.total < all.total)
            #expect(search.rows.allSatisfy { row in ["source_id", "entity", "customer", "message"].contains { row[$0]?.contains("1044") == true } })
            let wildcard = try await Self.rows("/api/exports/\(id)/rows?q=%25", desk: desk, client: client)
            #expect(wildcard.total < all.total, "a % searched is a character, not a wildcard")

            let page2 = try await Self.rows("/api/exports/\(id)/rows?per_page=5&page=2", desk: desk, client: client)
            #expect(page2.total == all.total)
            #expect(page2.rows.map { $0["source"] } == all.rows[5..<10].map { $0["source"] })
        }
    }

    @Test func anInvoicesPreviewIsWhatPreviewJSONSays() async throws {
        let config = try DeskExportsTests.sampleConfig()
        try await RunningDesk.with(configFile: config) { desk, client in
            let id = try await Self.checkedSample(desk: desk, client: client)
            let answer = try await client.get("/api/exports/\(id)/invoices/1044", headers: desk.signedIn)
            #expect(answer.status == .ok)
            let cli = try await BlockingWork.run {
                try CommandLineTests.run(["preview", "samples/export", "--config", config.path, "--invoice", "1044", "--json", "--quiet"])
            }
            let shown = try DeskExportsTests.object(answer)
            let command = try #require(try JSONSerialization.jsonObject(with: Data(cli.output.utf8)) as? [String: Any])
            #expect(NSDictionary(dictionary: shown).isEqual(to: command))
            #expect(shown["invoiceID"] as? String == "1044")
            #expect(try await client.get("/api/exports/\(id)/invoices/nope", headers: desk.signedIn).status == .notFound)
        }
    }
}
