import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import ZIPFoundation
@testable import RunACallDesk
@testable import RunACallQuickBooks
@testable import RunACallRender

/// `/api/batches`: history as `rac2qb history --json`, a batch's files and zip, undo of the latest; over real HTTP.
@Suite struct DeskBatchesTests {
    /// A config beside its own ledger, and one batch converted from the samples with the real binary.
    static func convertedSample() async throws -> (config: URL, out: URL) {
        try await BlockingWork.run { try convertedSampleNow() }
    }

    private static func convertedSampleNow() throws -> (config: URL, out: URL) {
        let folder = try TestPaths.temporaryFolder()
        let config = folder.appendingPathComponent("rac2qb.yml")
        let sample = try String(contentsOf: TestPaths.samples.appendingPathComponent("rac2qb.yml"), encoding: .utf8)
        try DeskExportsTests.withLedger(sample).write(to: config, atomically: true, encoding: .utf8)
        let out = folder.appendingPathComponent("out")
        let result = try CommandLineTests.run(["convert", "samples/export", "--config", config.path, "--out", out.path, "--quiet"])
        #expect(result.status == 1, "the sample's closed-period invoice fails: \(result.error)")
        return (config, out)
    }

    @Test func historyIsTheCommandsJSONAndTheZipHoldsTheBatchByteForByte() async throws {
        let (config, out) = try await Self.convertedSample()
        let command = try await BlockingWork.run { try CommandLineTests.run(["history", "--json", "--config", config.path, "--quiet"]) }
        #expect(command.status == 0)
        try await RunningDesk.with(configFile: config) { desk, client in
            let history = try await client.get("/api/batches", headers: desk.signedIn)
            #expect(history.status == .ok)
            #expect(history.text + "\n" == command.output)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(history.text.utf8)) as? [String: Any])
            let batches = try #require(object["batches"] as? [[String: Any]])
            #expect(batches.count == 1)
            #expect(batches[0]["batch"] as? Int == 1)
            #expect((batches[0]["records"] as? [String: Int])?["invoice"] == 21)

            let download = try await client.get("/api/batches/1/download", headers: desk.signedIn)
            #expect(download.status == .ok)
            #expect(download.headers[.contentType] == "application/zip")
            let zip = try #require(download.body)
            let archive = try Archive(data: Data(buffer: zip), accessMode: .read)
            let names = archive.map(\.path).sorted()
            #expect(names == (try BatchArchive.files(in: out)))
            #expect(names.contains("iif/quickbooks.iif") && names.contains("report/sync-report.csv") && names.contains("qbxml/requests.xml"))
            for entry in archive {
                var bytes = Data()
                _ = try archive.extract(entry) { bytes.append($0) }
                #expect(bytes == (try Data(contentsOf: out.appendingPathComponent(entry.path))), "\(entry.path)")
            }

            let file = try await client.get("/api/batches/1/files/iif/quickbooks.iif", headers: desk.signedIn)
            #expect(file.status == .ok)
            #expect(file.body.map { Data(buffer: $0) } == (try Data(contentsOf: out.appendingPathComponent("iif/quickbooks.iif"))))
            #expect(try await client.get("/api/batches/9/files/iif/quickbooks.iif", headers: desk.signedIn).errorCode == "not_found")
        }
    }

    @Test func noPathFromARequestLeavesTheBatchFolder() async throws {
        let (config, out) = try await Self.convertedSample()
        let secret = out.deletingLastPathComponent().appendingPathComponent("secret.txt")
        try Data("SECRET".utf8).write(to: secret)
        try FileManager.default.createSymbolicLink(at: out.appendingPathComponent("link.txt"), withDestinationURL: secret)
        try FileManager.default.createSymbolicLink(at: out.appendingPathComponent("linked"), withDestinationURL: out.deletingLastPathComponent())
        try await RunningDesk.with(configFile: config) { desk, client in
            for path in ["../secret.txt", "..%2Fsecret.txt", "%2E%2E/secret.txt", "link.txt", "linked/secret.txt", "iif/../../secret.txt",
                         "/etc/passwd", "%2Fetc%2Fpasswd", "report", "iif/./quickbooks.iif"] {
                let answer = try await client.get("/api/batches/1/files/\(path)", headers: desk.signedIn)
                #expect(answer.status == .notFound, "\(path)")
                #expect(!answer.text.contains("SECRET"), "\(path)")
            }
            let download = try await client.get("/api/batches/1/download", headers: desk.signedIn)
            let archive = try Archive(data: Data(buffer: try #require(download.body)), accessMode: .read)
            #expect(!archive.contains { $0.path.contains("link") }, "links are left out of the zip")
        }
    }

    @Test func undoTakesTheLatestBatchOnlyAndNeedsTheCSRFToken() async throws {
        let (config, _) = try await Self.convertedSample()
        try await RunningDesk.with(configFile: config) { desk, client in
            #expect(try await client.post("/api/batches/1/undo", headers: desk.signedIn, body: ByteBuffer()).status == .forbidden)
            let notLatest = try await client.post("/api/batches/2/undo", headers: desk.changing, body: ByteBuffer())
            #expect(notLatest.status == .conflict)
            #expect(notLatest.errorCode == "not_latest_batch")
            let undone = try await client.post("/api/batches/1/undo", headers: desk.changing, body: ByteBuffer())
            #expect(undone.status == .ok)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(undone.text.utf8)) as? [String: Any])
            #expect(object["undone"] as? Int == 1)
            #expect((object["files"] as? [String])?.contains("undo/batch-1.csv") == true)
            let history = try await client.get("/api/batches", headers: desk.signedIn)
            #expect(history.text == #"{"batches":[]}"#)
        }
    }
}

extension DeskBatchesTests {
    @Test func aLedgerChangedOnTheSettingsPageIsTheDesksLedgerAtOnce() async throws {
        let (config, _) = try await Self.convertedSample()
        try await RunningDesk.with(configFile: config) { desk, client in
            let before = try DeskExportsTests.object(try await client.get("/api/batches", headers: desk.signedIn))
            #expect((before["batches"] as? [Any])?.count == 1)
            var fields = desk.changing
            fields[.contentType] = "application/json"
            let saved = try await client.put("/api/settings", headers: fields, body: ByteBuffer(string: #"{"changes": {"ledger": "other.sqlite"}}"#))
            #expect(saved.status == .ok, "\(saved.text)")
            let session = try DeskExportsTests.object(try await client.get("/api/session", headers: desk.signedIn))
            #expect((session["ledger"] as? String)?.hasSuffix("/other.sqlite") == true)
            let after = try DeskExportsTests.object(try await client.get("/api/batches", headers: desk.signedIn))
            #expect((after["batches"] as? [Any])?.isEmpty == true, "the new ledger holds no batch yet")
        }
    }
}
