import Foundation
import Testing
@testable import RunACallQuickBooks
@testable import RunACallSupport
@testable import RunACallRead
@testable import RunACallDecide

/// The ledger's own rules: versioned schema, a batch visible only once
/// committed, and recovery of a batch a killed run left pending.
@Suite struct LedgerTests {
    static func entry(_ id: String, hash: String = "h1") -> LedgerEntry {
        LedgerEntry(entity: .invoice, sourceID: id, hash: hash, fields: "total: 100.00", customer: "Ann Lee", docNumber: id,
                    total: Money(parsing: "100.00"), targets: "iif/quickbooks.iif")
    }

    @Test func aBatchIsSeenOnlyOnceCommitted() throws {
        let url = try TestPaths.temporaryFolder().appendingPathComponent("ledger.sqlite")
        let ledger = try Ledger(url: url)
        let batch = try ledger.begin(startedAt: "2026-11-01T00:00:00Z", output: "/out")
        try ledger.record(Self.entry("1"))
        #expect(try ledger.lastExport(of: .invoice, "1") == nil, "not while the batch is open")
        try ledger.seal(files: [("iif/quickbooks.iif", "abc")])
        #expect(try ledger.lastExport(of: .invoice, "1") == nil, "not while it is pending")
        try ledger.markCommitted()
        var expected = Self.entry("1")
        expected.batch = batch
        #expect(try ledger.lastExport(of: .invoice, "1") == expected)
        let reopened = try Ledger(url: url)
        #expect(try reopened.lastExport(of: .invoice, "1")?.batch == batch, "kept on disk")
        #expect(try reopened.batches().map(\.records) == [1])
    }

    @Test func anAbandonedBatchLeavesNothing() throws {
        let url = try TestPaths.temporaryFolder().appendingPathComponent("ledger.sqlite")
        let ledger = try Ledger(url: url, lockingFor: "test")
        _ = try ledger.begin(startedAt: "t", output: "/out")
        try ledger.record(Self.entry("1"))
        ledger.abandon()
        #expect(try ledger.batches().isEmpty)
        #expect(try ledger.recover { _, _ in false }.isEmpty)
    }

    @Test func aPendingBatchIsKeptWhenItsFilesAreInPlaceAndRemovedOtherwise() throws {
        let folder = try TestPaths.temporaryFolder()
        let url = folder.appendingPathComponent("ledger.sqlite")
        for (published, kept) in [(true, true), (false, false)] {
            try? FileManager.default.removeItem(at: url)
            do {
                let killed = try Ledger(url: url, lockingFor: "test")
                _ = try killed.begin(startedAt: "t", output: folder.path)
                try killed.record(Self.entry("1"))
                try killed.seal(files: [("a.iif", "h-a"), ("b.xml", "h-b")])
            }
            let messages = try Ledger(url: url, lockingFor: "test").recover { file, recorded in
                recorded == (file.lastPathComponent == "a.iif" ? "h-a" : (published ? "h-b" : "other"))
            }
            #expect(messages.count == 1)
            let after = try Ledger(url: url)
            #expect((try after.lastExport(of: .invoice, "1") != nil) == kept)
            #expect(try after.batches().count == (kept ? 1 : 0))
        }
    }

    @Test func syncedFieldsTellAnEditFromAPayment() throws {
        let json = #"{"id": "1", "status": "sent", "customer": {"name": "Ann Lee"}, "invoice_date": "2026-10-01", "lines": [{"item": "Labor", "quantity": "1", "unit_price": "100.00", "amount": "100.00"}], "total": "100.00", "photos": ["a.jpg"]}"#
        let folder = try Conversion.export(["invoices.json": "[\(json)]"])
        let export = try ExportFiles(paths: [folder], scratch: folder)
        let stream = try #require(try export.stream(.invoices))
        let record = try #require(try stream.next())
        var invoice = try RecordDecoder.invoice(record)
        let sent = SyncedFields(invoice)
        invoice.status = .paid
        #expect(SyncedFields(invoice).hash == sent.hash, "payment is not an edit")
        invoice.lines[0].description = "Two hours"
        let edited = SyncedFields(invoice)
        #expect(edited.hash != sent.hash)
        #expect(edited.changes(from: sent.text) == ["line 1: Labor |  |  | 1 × 100 = 100.00 | taxable false |  → Labor | Two hours |  | 1 × 100 = 100.00 | taxable false | "])
    }
}
