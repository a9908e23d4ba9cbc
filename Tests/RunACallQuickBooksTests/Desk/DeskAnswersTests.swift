import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import ZIPFoundation
@testable import RunACallDesk
@testable import RunACallQuickBooks
@testable import RunACallSupport
@testable import RunACallRender

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

    /// The run-a-call files of a from-quickbooks job's download, by name.
    static func runACallFiles(_ summary: [String: Any], desk: RunningDesk, client: TestClient) async throws -> [String: Data] {
        let download = try await client.get(try #require(summary["download"] as? String), headers: desk.signedIn)
        let archive = try Archive(data: Data(buffer: try #require(download.body)), accessMode: .read)
        var files: [String: Data] = [:]
        for entry in archive where entry.path.hasPrefix("run-a-call/") {
            var data = Data()
            _ = try archive.extract(entry) { data.append($0) }
            files[entry.path] = data
        }
        return files
    }

    @Test func aZipOfListsGivesTheFilesTheSameListsGiveAndAnUnsafeZipIsRefusedWhole() async throws {
        let lists = ["customers.xml", "items.xml"].map { ($0, TestPaths.samples.appendingPathComponent("quickbooks-lists/\($0)")) }
        let archive = try Archive(data: Data(), accessMode: .create)
        for (name, url) in lists { try archive.addEntry(with: "lists/" + name, fileURL: url) }
        let zip = try #require(archive.data)
        let config = { () throws -> URL in
            let file = try TestPaths.temporaryFolder().appendingPathComponent("rac2qb.yml")
            try FileManager.default.copyItem(at: TestPaths.samples.appendingPathComponent("rac2qb-from-quickbooks.yml"), to: file)
            return file
        }
        let byForm = try await RunningDesk.with(configFile: try config()) { desk, client in
            let form = try desk.form(lists)
            let started = try DeskExportsTests.object(try await client.post("/api/from-quickbooks", headers: form.headers, body: form.body))
            let job = try await DeskExportsTests.finished(try #require(started["job"] as? String), desk: desk, client: client)
            return try await Self.runACallFiles(try #require(job["summary"] as? [String: Any]), desk: desk, client: client)
        }
        #expect(byForm.keys.sorted() == ["run-a-call/customer-updates.csv", "run-a-call/customers.csv", "run-a-call/items.csv"])
        try await RunningDesk.with(configFile: try config()) { desk, client in
            let started = try await client.post("/api/from-quickbooks", headers: DeskExportsTests.zipHeaders(desk), body: ByteBuffer(bytes: zip))
            #expect(started.status == .accepted, "\(started.text)")
            let job = try await DeskExportsTests.finished(try #require(try DeskExportsTests.object(started)["job"] as? String), desk: desk, client: client)
            #expect(job["state"] as? String == "done", "\(job)")
            let byZip = try await Self.runACallFiles(try #require(job["summary"] as? [String: Any]), desk: desk, client: client)
            #expect(!byZip.isEmpty)
            #expect(byZip == byForm, "the same Run a Call files from the zip as from the files themselves")

            let other = try Archive(data: Data(), accessMode: .create)
            try other.addEntry(with: "customers.xml", fileURL: lists[0].1)
            try other.addEntry(with: "notes.pdf", type: .file, uncompressedSize: Int64(3), provider: { _, _ in Data("pdf".utf8) })
            let refused = try await client.post("/api/from-quickbooks", headers: DeskExportsTests.zipHeaders(desk),
                                                body: ByteBuffer(bytes: try #require(other.data)))
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("notes.pdf"))

            let slip = try Archive(data: Data(), accessMode: .create)
            try slip.addEntry(with: "../customers.xml", type: .file, uncompressedSize: Int64(3), provider: { _, _ in Data("xml".utf8) })
            let escaping = try await client.post("/api/from-quickbooks", headers: DeskExportsTests.zipHeaders(desk),
                                                 body: ByteBuffer(bytes: try #require(slip.data)))
            #expect(escaping.status == .unprocessableContent)
            #expect(escaping.text.contains("outside the archive"))
        }
    }
}
