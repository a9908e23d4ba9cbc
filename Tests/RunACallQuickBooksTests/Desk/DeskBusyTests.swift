import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import RunACallDesk
@testable import RunACallQuickBooks
@testable import RunACallRender

/// One conversion per ledger at a time: while another run holds the ledger, the desk's convert and ingest answer
/// "busy" (code `busy`, 409, with what to do), never an error page, and nothing is written; once it is free, the
/// same request goes through.
@Suite struct DeskBusyTests {
    @Test func aConvertWhileAnotherRunHoldsTheLedgerIsBusyAndGoesThroughOnceItEnds() async throws {
        let zip = try DeskExportsTests.sampleZip()
        try await RunningDesk.with(configFile: try DeskExportsTests.sampleConfig()) { desk, client in
            let upload = try DeskExportsTests.object(
                try await client.post("/api/exports", headers: DeskExportsTests.zipHeaders(desk), body: ByteBuffer(bytes: zip)))
            let id = try #require(upload["id"] as? String)
            let ledgerURL = try #require(desk.settings.ledger)
            var holder: Ledger? = try Ledger(url: ledgerURL, lockingFor: "rac2qb convert")

            let started = try DeskExportsTests.object(try await client.post("/api/exports/\(id)/convert", headers: desk.changing, body: ByteBuffer()))
            let busy = try await DeskExportsTests.finished(try #require(started["job"] as? String), desk: desk, client: client)
            #expect(busy["state"] as? String == "failed")
            let error = try #require(busy["error"] as? [String: Any])
            #expect(error["code"] as? String == "busy")
            #expect((error["message"] as? String ?? "").contains("is held by rac2qb convert"))
            #expect(error["fix"] as? String == "Nothing was read or written: try again when the other run has ended.")

            let response = try await client.post("/api/responses", headers: desk.changing,
                                                 body: ByteBuffer(string: "<?xml version=\"1.0\" ?><QBXML><QBXMLMsgsRs></QBXMLMsgsRs></QBXML>"))
            #expect(response.status == .conflict)
            #expect(response.errorCode == "busy")
            #expect(try holder?.batches().isEmpty == true, "nothing recorded while busy")

            holder = nil
            let again = try DeskExportsTests.object(try await client.post("/api/exports/\(id)/convert", headers: desk.changing, body: ByteBuffer()))
            let done = try await DeskExportsTests.finished(try #require(again["job"] as? String), desk: desk, client: client)
            #expect(done["state"] as? String == "done")
            #expect((done["summary"] as? [String: Any])?["batch"] as? Int == 1)
        }
    }
}
