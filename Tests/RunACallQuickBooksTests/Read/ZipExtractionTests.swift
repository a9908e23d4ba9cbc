import Foundation
import Testing
import ZIPFoundation
@testable import RunACallQuickBooks
@testable import RunACallSupport
@testable import RunACallRead

/// A zipped export unpacks within bounds: a bounded total size counted while
/// inflating, no symlink, no path out of the archive; refusals exit 3 naming
/// the archive and the entry.
@Suite struct ZipExtractionTests {
    private func fatal(_ body: () throws -> Void) -> FatalError? {
        do { try body() } catch let error as FatalError { return error } catch { Issue.record("not a FatalError: \(error)") }
        return nil
    }

    /// A zip holding `entries` (path → bytes), deflated.
    private func zip(_ entries: [(String, [UInt8])]) throws -> URL {
        let url = try TestPaths.temporaryFolder().appendingPathComponent("export.zip")
        let archive = try Archive(url: url, accessMode: .create)
        for (path, bytes) in entries {
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(bytes.count), compressionMethod: .deflate) { position, size in
                Data(bytes[Int(position)..<Int(position) + size])
            }
        }
        return url
    }

    /// A valid invoices.json padded with `padding` spaces: it compresses about a thousand to one.
    private func paddedInvoices(_ padding: Int) -> [UInt8] {
        Array(InputFixture.invoicesJSON(["1"]).utf8) + [UInt8](repeating: 0x20, count: padding)
    }

    @Test func aZipBombIsRefusedAtTheRatioCap() throws {
        let archive = try zip([("export/invoices.json", paddedInvoices(4 << 20))])
        let limits = ZipLimits(ratio: 64, floor: 0, ceiling: 1 << 40)
        let error = fatal { _ = try Conversion.run([archive], out: nil, writeFiles: false, zipLimits: limits) }
        #expect(error?.kind == .unreadableInput)
        #expect(error?.description.contains("export.zip: entry \"export/invoices.json\" unpacks to more than this archive may hold; allowed:") == true,
                "\(String(describing: error))")
        #expect(error?.description.contains("64 × the archive's") == true)
    }

    @Test func theDefaultCapStopsAOneMegabyteZipFarShortOfAGigabyte() throws {
        #expect(ZipLimits.standard.budget(forArchiveOf: 1 << 20) == 64 << 20)
        #expect(ZipLimits.standard.budget(forArchiveOf: 1 << 40) == 32 << 30, "the absolute cap")
    }

    @Test func anExportWithinTheCapIsRead() throws {
        let archive = try zip([("export/invoices.json", paddedInvoices(1000))])
        let result = try Conversion.run([archive], out: nil, writeFiles: false, zipLimits: ZipLimits(ratio: 64, floor: 0, ceiling: 1 << 40))
        #expect(result.summary.counts["invoice"] == ["Success": 1])
    }

    @Test func aHeaderThatUnderstatesTheSizeIsCaughtWhileInflating() throws {
        let archive = try zip([("export/invoices.json", paddedInvoices(2 << 20))])
        var bytes = try [UInt8](Data(contentsOf: archive))
        for (signature, offset) in [([0x50, 0x4B, 0x03, 0x04] as [UInt8], 22), ([0x50, 0x4B, 0x01, 0x02], 24)] {
            for start in 0..<(bytes.count - 4) where Array(bytes[start..<start + 4]) == signature {
                bytes.replaceSubrange(start + offset..<start + offset + 4, with: [100, 0, 0, 0])
            }
        }
        try Data(bytes).write(to: archive)
        let error = fatal { _ = try Conversion.run([archive], out: nil, writeFiles: false, zipLimits: ZipLimits(ratio: 1, floor: 1 << 20, ceiling: 1 << 20)) }
        #expect(error?.kind == .unreadableInput)
        #expect(error?.description.contains("export.zip: entry \"export/invoices.json\" unpacks to more than this archive may hold") == true,
                "\(String(describing: error))")
    }

    @Test(arguments: ["../invoices.json", "/tmp/export/invoices.json", "export/../../invoices.json"])
    func aPathOutOfTheArchiveIsRefused(path: String) throws {
        let archive = try zip([("export/invoices.json", paddedInvoices(0)), (path, paddedInvoices(0))])
        let error = fatal { _ = try Conversion.run([archive], out: nil, writeFiles: false) }
        #expect(error?.kind == .unreadableInput)
        #expect(error?.description == "export.zip: entry \"\(path)\" has a path outside the archive (absolute or with ..); allowed: relative paths inside the export")
    }

    @Test func aSymlinkEntryIsRefused() throws {
        let archive = try zip([("export/invoices.json", paddedInvoices(0))])
        let writable = try Archive(url: archive, accessMode: .update)
        let target = Array("/etc/passwd".utf8)
        try writable.addEntry(with: "export/payments.json", type: .symlink, uncompressedSize: Int64(target.count)) { _, _ in Data(target) }
        let error = fatal { _ = try Conversion.run([archive], out: nil, writeFiles: false) }
        #expect(error?.description == "export.zip: entry \"export/payments.json\" is a symbolic link; allowed: plain files and folders only")
    }
}
