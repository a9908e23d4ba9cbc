import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import RunACallDesk
@testable import RunACallQuickBooks

/// QuickBooks' answers (`POST /api/responses`) and the other direction (`POST /api/from-quickbooks`), over real HTTP.
@Suite struct DeskAnswersTests {
    @Test func aResponseIsIngestedAsRac2qbIngestDoesAndUndoThenKnowsItsIDs() async throws {
        let (config, out) = try await DeskBatchesTests.convertedSample()
        let response = try await BlockingWork.run { try FakeQuickBooks().process(requests: out.appendingPathComponent("qbxml/requests.xml")) }
        try await RunningDesk.with(configFile: config) { desk, client in
            var fields = desk.changing
            fields[.contentType] = "application/xml"
            let answer = try await client.post("/api/responses", headers: fields, body: ByteBuffer(string: response))
            #expect(answer.status == .ok, "\(answer.text)")
            let object = try DeskExportsTests.object(answer)
            let done = try #require(object["done"] as? [String: Int])
            #expect((done["invoice"] ?? 0) > 0)
            let refused = try #require(object["refused"] as? [[String: String]])
            #expect(refused.count == response.components(separatedBy: "statusSeverity=\"Error\"").count - 1, "every refusal QuickBooks gave")
            #expect(refused.allSatisfy { $0["outcome"] == "refused" && !($0["fix"] ?? "").isEmpty })
            let history = try DeskExportsTests.object(try await client.get("/api/batches", headers: desk.signedIn))
            let batch = try #require((history["batches"] as? [[String: Any]])?.first)
            #expect((batch["answered"] as? Int ?? 0) > 0)

            let again = try DeskExportsTests.object(try await client.post("/api/responses", headers: fields, body: ByteBuffer(string: response)))
            #expect((again["done"] as? [String: Int])?.isEmpty == true, "the same answers again change nothing")

            let request = try String(contentsOf: out.appendingPathComponent("qbxml/requests.xml"), encoding: .utf8)
            let wrongKind = try await client.post("/api/responses", headers: fields, body: ByteBuffer(string: request))
            #expect(wrongKind.status == .unprocessableContent)
            #expect(wrongKind.text.contains("request file"))
        }
    }

    @Test func listsBecomeRunACallFilesInAJobAndDownloadAsAZip() async throws {
        let config = try DeskExportsTests.sampleConfig()
        try await RunningDesk.with(configFile: config) { desk, client in
            let form = try desk.form(["customers.xml", "items.xml"].map { ($0, TestPaths.samples.appendingPathComponent("quickbooks-lists/\($0)")) })
            let started = try await client.post("/api/from-quickbooks", headers: form.headers, body: form.body)
            #expect(started.status == .accepted, "\(started.text)")
            let job = try await DeskExportsTests.finished(try #require(try DeskExportsTests.object(started)["job"] as? String), desk: desk, client: client)
            #expect(job["state"] as? String == "done", "\(job)")
            let summary = try #require(job["summary"] as? [String: Any])
            let files = try #require(summary["files"] as? [String])
            #expect(files.contains("report/sync-report.csv"))
            let download = try await client.get(try #require(summary["download"] as? String), headers: desk.signedIn)
            #expect(download.status == .ok)
            #expect(download.headers[.contentType] == "application/zip")
        }
    }
}
