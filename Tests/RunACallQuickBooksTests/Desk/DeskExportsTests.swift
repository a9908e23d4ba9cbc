import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import ZIPFoundation
@testable import RunACallDesk
@testable import RunACallQuickBooks
@testable import RunACallRender

/// `/api/exports` and `/api/jobs`: upload, check and convert over real HTTP, the same files as `rac2qb convert`.
@Suite struct DeskExportsTests {
    /// `samples/export` as a zip, its files at the top.
    static func sampleZip() throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        let folder = TestPaths.samples.appendingPathComponent("export")
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() {
            try archive.addEntry(with: name, relativeTo: folder)
        }
        return try #require(archive.data)
    }

    /// A config with its own ledger beside it, the sample's settings.
    static func sampleConfig() throws -> URL {
        let folder = try TestPaths.temporaryFolder()
        let config = folder.appendingPathComponent("rac2qb.yml")
        let sample = try String(contentsOf: TestPaths.samples.appendingPathComponent("rac2qb.yml"), encoding: .utf8)
        try DeskExportsTests.withLedger(sample).write(to: config, atomically: true, encoding: .utf8)
        return config
    }

    /// The sample config with its `ledger:` line naming `ledger.sqlite` beside the config.
    static func withLedger(_ sample: String) throws -> String {
        let lines = sample.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.filter { $0.hasPrefix("ledger:") }.count == 1)
        return lines.map { $0.hasPrefix("ledger:") ? "ledger: ledger.sqlite" : String($0) }.joined(separator: "\n")
    }

    /// Polls a job until it ends; its JSON.
    static func finished(_ job: String, desk: RunningDesk, client: TestClient) async throws -> [String: Any] {
        for _ in 0..<600 {
            let answer = try await client.get("/api/jobs/\(job)", headers: desk.signedIn)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(answer.text.utf8)) as? [String: Any])
            if object["state"] as? String != "running" { return object }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("job \(job) still running after 60 s")
        return [:]
    }

    static func object(_ response: TestClient.Response) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(response.text.utf8)) as? [String: Any])
    }

    static func zipHeaders(_ desk: RunningDesk) -> HTTPFields {
        var fields = desk.changing
        fields[.contentType] = "application/zip"
        return fields
    }

    @Test func aZipUploadedCheckedAndConvertedGivesTheFilesConvertWrites() async throws {
        let config = try Self.sampleConfig()
        let zip = try Self.sampleZip()
        try await RunningDesk.with(configFile: config) { desk, client in
            let upload = try await client.post("/api/exports", headers: Self.zipHeaders(desk), body: ByteBuffer(bytes: zip))
            #expect(upload.status == .created)
            let found = try Self.object(upload)
            let id = try #require(found["id"] as? String)
            #expect(found["files"] as? [String] == ["invoices.json", "payments.json", "payouts.json", "customers.json", "items.json"])
            #expect(found["absent"] as? [String] == [])
            #expect(found["records"] as? [String: Int] == ["invoices": 24, "payments": 14, "payouts": 2, "customers": 8, "items": 7])
            #expect(found["dates"] as? [String: String] == ["from": "2026-09-15", "to": "2026-11-02"])

            let check = try Self.object(try await client.post("/api/exports/\(id)/check", headers: desk.changing, body: ByteBuffer()))
            let checked = try await Self.finished(try #require(check["job"] as? String), desk: desk, client: client)
            #expect(checked["state"] as? String == "done")
            #expect((checked["summary"] as? [String: Any])?["batch"] is NSNull, "a check records no batch")

            let convert = try await client.post("/api/exports/\(id)/convert", headers: desk.changing, body: ByteBuffer())
            #expect(convert.status == .accepted)
            let converted = try await Self.finished(try #require(try Self.object(convert)["job"] as? String), desk: desk, client: client)
            #expect(converted["state"] as? String == "done", "\(converted)")
            let summary = try #require(converted["summary"] as? [String: Any])
            #expect(summary["batch"] as? Int == 1)

            // The same export and config through the command, with a ledger of its own, writes the same bytes.
            let other = try TestPaths.temporaryFolder()
            let cli = try await BlockingWork.run {
                try CommandLineTests.run(["convert", "samples/export", "--config", config.path, "--out", other.appendingPathComponent("out").path,
                                          "--ledger", other.appendingPathComponent("ledger.sqlite").path, "--quiet"])
            }
            #expect(cli.status == 1)
            let download = try await client.get("/api/batches/1/download", headers: desk.signedIn)
            let archive = try Archive(data: Data(buffer: try #require(download.body)), accessMode: .read)
            let expected = try BatchArchive.files(in: other.appendingPathComponent("out"))
            #expect(archive.map(\.path).sorted() == expected)
            for entry in archive where !["report/sync-report.json", "report/index.html"].contains(entry.path) {
                var bytes = Data()
                _ = try archive.extract(entry) { bytes.append($0) }
                #expect(bytes == (try Data(contentsOf: other.appendingPathComponent("out").appendingPathComponent(entry.path))), "\(entry.path)")
            }
        }
    }

    @Test func entityFilesUploadedAsAFormAreAnExportToo() async throws {
        let config = try Self.sampleConfig()
        try await RunningDesk.with(configFile: config) { desk, client in
            // The names a browser on Windows may send, with the folder: only the last part names the file.
            let form = try desk.form(["invoices.json", "payments.json"].map { ("C:\\exports\\\($0)", TestPaths.samples.appendingPathComponent("export/\($0)")) })
            let upload = try await client.post("/api/exports", headers: form.headers, body: form.body)
            #expect(upload.status == .created, "\(upload.text)")
            let found = try Self.object(upload)
            #expect(found["files"] as? [String] == ["invoices.json", "payments.json"])
            #expect(found["absent"] as? [String] == ["payouts", "customers", "items"])
        }
    }

    @Test func unsafeOrOversizedUploadsAreRefusedWholeAndNothingIsKept() async throws {
        let config = try Self.sampleConfig()
        let zip = try Self.sampleZip()
        try await RunningDesk.with(configFile: config, maxUpload: 4096) { desk, client in
            let tooLarge = try await client.post("/api/exports", headers: Self.zipHeaders(desk), body: ByteBuffer(bytes: zip))
            #expect(zip.count > 4096)
            #expect(tooLarge.status == .contentTooLarge)
            #expect(tooLarge.errorCode == "too_large")

            // A zip whose entry leaves its folder.
            let slip = try Archive(data: Data(), accessMode: .create)
            let invoice = Data("[]".utf8)
            try slip.addEntry(with: "../invoices.json", type: .file, uncompressedSize: Int64(invoice.count)) { position, size in
                invoice.subdata(in: Int(position)..<Int(position) + size)
            }
            let refused = try await client.post("/api/exports", headers: Self.zipHeaders(desk), body: ByteBuffer(bytes: try #require(slip.data)))
            #expect(refused.status.code >= 400 && refused.status.code < 500, "\(refused.status)")

            var plain = desk.changing
            plain[.contentType] = "text/plain"
            #expect(try await client.post("/api/exports", headers: plain, body: ByteBuffer(string: "x")).status == .unsupportedMediaType)

            let boundary = "b"
            var form = desk.changing
            form[.contentType] = "multipart/form-data; boundary=\(boundary)"
            let body = "--b\r\nContent-Disposition: form-data; name=\"f\"; filename=\"..\"\r\n\r\n[]\r\n--b--\r\n"
            let unsafe = try await client.post("/api/exports", headers: form, body: ByteBuffer(string: body))
            #expect(unsafe.errorCode == "unsafe_upload")

            let exports = desk.settings.workspace.appendingPathComponent("exports")
            let kept = (try? FileManager.default.contentsOfDirectory(atPath: exports.path)) ?? []
            #expect(kept.isEmpty, "refused uploads leave nothing: \(kept)")
        }
    }
}
