import Foundation
import Testing
@testable import RunACallQuickBooks
@testable import RunACallSupport
@testable import RunACallRead
@testable import RunACallDecide
@testable import RunACallRender

/// The run's report rows on disk: every row back as it went in, in order, whatever its cells hold.
@Suite struct ReportRowSpoolTests {
    static func row(_ id: String, message: String, warning: String = "", targets: [OutputTarget] = []) -> ReportRow {
        var row = ReportRow(timestamp: "2026-10-03T09:00:00-06:00", entityType: .invoice, sourceID: id, entity: "Invoice #\(id)",
                            status: .success, message: message, fix: "", source: "invoices.csv line \(id)", targets: targets,
                            isSourceRow: true, warning: warning)
        row.describe(customer: "Zoë \"Z\" Müller, Ltd", date: "2026-10-03", amount: Money(cents: -12_345))
        return row
    }

    @Test func rowsComeBackAsTheyWentInWhateverTheirCellsHold() throws {
        let spool = try ReportRowSpool(url: try TestPaths.temporaryFolder().appendingPathComponent("rows.spool"))
        let long = String(repeating: "é,\"\r\n", count: 20_000)
        var failed = Self.row("3", message: "")
        failed.fail(.overpayment("3", after: Money(cents: 2), total: Money(cents: 1)))
        let rows = [
            Self.row("1", message: "Written, with \"quotes\", commas\nand a line break", warning: "Renamed; shortened"),
            Self.row("2", message: long, targets: [OutputTarget(format: .qbxml, base: "invoices", fileExtension: "qbxml", part: 2, anchor: "r-7"),
                                                    OutputTarget(format: .iif, base: "quickbooks", fileExtension: "iif")]),
            failed,
            Self.row("", message: ""),
        ]
        for _ in 0..<200 { for row in rows { try spool.append(row) } }
        var back: [ReportRow] = []
        try spool.forEachRow { back.append($0) }
        #expect(back.count == 800)
        for (position, row) in back.enumerated() {
            let sent = rows[position % rows.count]
            #expect(row.storedCells == sent.storedCells)
            #expect(row.cells(parts: ["qbxml/invoices.qbxml": 2]) == sent.cells(parts: ["qbxml/invoices.qbxml": 2]))
        }
        #expect(back[2].error == .overpayment)
        #expect(back[1].message.utf8.count == long.utf8.count)
    }

    @Test func aTargetComesBackFromItsStoredTextAndAnythingElseIsRefused() {
        let targets = [
            OutputTarget(folder: "qbxml", base: "requests", fileExtension: "xml", part: 12, anchor: "req-inv-INV-Zoë 7"),
            OutputTarget(folder: "qbo-csv", base: "invoices", fileExtension: "csv", part: 8_382, anchor: nil),
            OutputTarget(folder: "report", base: "payment-application", fileExtension: "csv", part: 1, anchor: "#x"),
        ]
        for target in targets { #expect(OutputTarget(stored: target.stored) == target) }
        for text in ["qbxml|requests|xml|1", "qbxml|requests|xml|1|a|b", "|requests|xml|1|a", "qbxml|requests|xml|one|a", "qbxml|requests|xml||a"] {
            #expect(OutputTarget(stored: text) == nil, "\(text)")
        }
    }

    @Test func aSpoolCutShortIsRefusedNotReadAsFewerRows() throws {
        let url = try TestPaths.temporaryFolder().appendingPathComponent("rows.spool")
        let spool = try ReportRowSpool(url: url)
        try spool.append(Self.row("1", message: "one"))
        try spool.append(Self.row("2", message: "two"))
        var read = 0
        try spool.forEachRow { _ in read += 1 }
        #expect(read == 2)
        let bytes = try Data(contentsOf: url)
        try bytes.dropLast(3).write(to: url)
        #expect(throws: FatalError.self) { try ReportRowSpool.forEachRow(in: url) { _ in } }
    }
}
