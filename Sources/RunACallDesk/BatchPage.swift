import Foundation
import RunACallQuickBooks

/// `/batches/{n}`: one batch as the convert that wrote it left it: the summary with the reconciliation, the
/// notes, the zip and each file, and the steps that take each format's files into QuickBooks.
struct BatchPage {
    let batch: LedgerHistory.Batch
    let secrets: DeskSecrets

    var html: String {
        let e = HTMLText.escape
        let folder = URL(fileURLWithPath: batch.output)
        let files = (try? BatchArchive.files(in: folder)) ?? []
        let links = files.map { "<li><a href=\"/api/batches/\(batch.id)/files/\(e($0))\">\(e($0))</a></li>" }.joined()
        let summary = ReportSummaryReader.summary(of: folder.appendingPathComponent("report/sync-report.json"))
        let notes = (summary?["notes"] as? [String] ?? []).map { "<li>\(e($0))</li>" }.joined()
        let steps = ((try? HTMLNextSteps.steps(forBatchIn: folder)) ?? []).map { format, steps in
            "<h3>\(e(format))</h3><ol class=\"steps\">" + steps.map { "<li>\(e($0))</li>" }.joined() + "</ol>"
        }.joined()
        return DeskPage.wrap(title: "Batch \(batch.id)", csrf: secrets.csrf, body: """
            <h1>Batch \(batch.id)</h1>
            <p>Written \(e(batch.startedAt)) into \(e(batch.output)). QuickBooks answered \(batch.answered) request(s), refused \(batch.refused).</p>
            <h2>Summary</h2>
            \(RunSummaryTable.html(folder, report: "/api/batches/\(batch.id)/files/report/index.html"))
            \(notes.isEmpty ? "" : "<h3>Notes</h3><ul>\(notes)</ul>")
            <h2>Download</h2>
            <p><a href="/api/batches/\(batch.id)/download"><strong>The whole batch (.zip)</strong></a>, or each file:</p>
            <ul>\(links)</ul>
            <h2>Into QuickBooks</h2>
            \(steps.isEmpty ? "<p>This batch holds no QuickBooks file.</p>" : steps)
            <p><a href="/batches">All batches</a>: QuickBooks' answers and undo.</p>
            """)
    }
}
