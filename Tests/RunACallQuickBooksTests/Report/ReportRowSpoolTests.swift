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
            #expect(Self.fields(of: row) == Self.fields(of: sent))
            #expect(row.targets == sent.targets)
            #expect(row.cells(parts: ["qbxml/invoices.qbxml": 2]) == sent.cells(parts: ["qbxml/invoices.qbxml": 2]))
        }
        #expect(back[2].error == .overpayment)
        #expect(back[1].message.utf8.count == long.utf8.count)
    }

    @Test func everyFieldAndTargetComesBackIncludingTheOnesThatAreNotColumns() throws {
        let spool = try ReportRowSpool(url: try TestPaths.temporaryFolder().appendingPathComponent("rows.spool"))
        let targets = [
            OutputTarget(folder: "qbxml", base: "requests", fileExtension: "xml", part: 12, anchor: "req-inv-INV-Zoë 7"),
            OutputTarget(folder: "qbo-csv", base: "invoices", fileExtension: "csv", part: 8_382, anchor: nil),
            OutputTarget(folder: "report", base: "payment-application", fileExtension: "csv", part: 1, anchor: "#x|y"),
            OutputTarget(folder: "run-a-call", base: "", fileExtension: "", part: 1, anchor: ""),
        ]
        var update = Self.row("u|1", message: "Updated: |pipes| and ; semicolons", targets: targets)
        update.isUpdate = true
        update.isSourceRow = false
        update.direction = ReportRow.fromQuickBooks
        update.amount = nil
        var cents = Self.row("c", message: "")
        cents.amount = Money(cents: Int64.min + 1)
        for entityType in EntityType.allCases {
            var row = cents
            row.entityType = entityType
            try spool.append(row)
        }
        for error in SyncError.allCases {
            var row = update
            row.status = .failed
            row.error = error
            try spool.append(row)
        }
        try spool.append(update)
        try spool.append(cents)
        var back: [ReportRow] = []
        try spool.forEachRow { back.append($0) }
        let sent = EntityType.allCases.map { type in
            var row = cents
            row.entityType = type
            return row
        } + SyncError.allCases.map { error in
            var row = update
            row.status = .failed
            row.error = error
            return row
        } + [update, cents]
        #expect(back.count == sent.count)
        for (row, sent) in zip(back, sent) {
            #expect(Self.fields(of: row) == Self.fields(of: sent))
            #expect(row.targets == sent.targets)
            #expect(row.error == sent.error && row.amount == sent.amount && row.isUpdate == sent.isUpdate)
        }
        #expect(back.last?.amount == Money(cents: Int64.min + 1))
        #expect(back[back.count - 2].targets[1].anchor == nil && back[back.count - 2].targets[3].anchor == "")
    }

    /// Every field of a row, as text, so that two rows compare field by field.
    static func fields(of row: ReportRow) -> [String] {
        [row.timestamp, row.direction, row.entityType.rawValue, row.sourceID, row.entity, row.status.rawValue, row.message, row.fix,
         row.source, row.warning, row.context, row.customer, row.date, row.amount?.description ?? "-", row.error?.rawValue ?? "-",
         row.isSourceRow ? "source" : "created", row.isUpdate ? "update" : "new"]
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
