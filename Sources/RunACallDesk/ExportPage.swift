import Foundation
import Hummingbird
import RunACallQuickBooks

/// `/exports/{id}`: what the upload found, check and convert, and the review grid of the latest run
/// (failures and warnings first, filters, search, paged on the server by `desk.js`).
struct ExportPage {
    let export: Workspace.Export
    let workspace: Workspace
    let secrets: DeskSecrets

    var html: String {
        let found = workspace.found(of: export)
        let files = (found["files"] as? [String] ?? []).map(HTMLText.escape).joined(separator: ", ")
        let absent = found["absent"] as? [String] ?? []
        let notes = (found["notes"] as? [String] ?? []).map { "<li>\(HTMLText.escape($0))</li>" }.joined()
        let counts = found["records"] as? [String: Int] ?? [:]
        let records = ExportEntity.allCases.compactMap { entity in counts[entity.rawValue].map { "\($0) \(entity.rawValue)" } }.joined(separator: ", ")
        let dates = found["dates"] as? [String: String] ?? [:]
        let range = dates["from"].flatMap { from in dates["to"].map { "; invoices dated \(HTMLText.escape(from)) to \(HTMLText.escape($0))" } } ?? ""
        let id = HTMLText.escape(export.id)
        let latest = workspace.latestRun(of: export)
        let summary = latest.map { RunSummaryTable.html($0) } ?? "<p>Not checked yet: check it to see every record before anything is written.</p>"
        let statuses = ["", "Failed", "Warning", "Success", "Skipped"].map { "<option value=\"\($0)\">\($0.isEmpty ? "every status" : $0)</option>" }.joined()
        let entities = ["", "invoice", "payment", "refund", "payout", "customer", "item"].map { "<option value=\"\($0)\">\($0.isEmpty ? "every entity" : $0)</option>" }.joined()
        return DeskPage.wrap(title: "Export \(export.id)", csrf: secrets.csrf, body: """
            <h1>Export \(id)</h1>
            <p>Files: \(files.isEmpty ? "none" : files)\(absent.isEmpty ? "" : "; absent: " + absent.map(HTMLText.escape).joined(separator: ", "))</p>
            <p>Records: \(records.isEmpty ? "none" : records)\(range).</p>
            \(notes.isEmpty ? "" : "<ul>\(notes)</ul>")
            <h2>2. Check, then convert</h2>
            <form data-action="/api/exports/\(id)/check" data-reload="1"><button type="submit">Check with the current settings</button> <span class="status" role="status"></span></form>
            <form data-action="/api/exports/\(id)/convert" data-next="/batches/{batch}"><button type="submit">Convert: write the QuickBooks files</button> <span class="status" role="status"></span></form>
            <h2>Latest run</h2>
            \(summary)
            <h2>Every record</h2>
            <form class="filters" aria-label="Filter the rows">
            <label>Status <select name="status">\(statuses)</select></label>
            <label>Entity <select name="entity">\(entities)</select></label>
            <label>Error code <input name="code" size="16"></label>
            <label>Search <input name="q" type="search" size="24"></label>
            <button type="submit">Filter</button>
            </form>
            <table class="grid" data-rows="/api/exports/\(id)/rows" data-preview="/exports/\(id)/invoices/">
            <colgroup><col style="width:7%"><col style="width:14%"><col style="width:12%"><col style="width:9%"><col style="width:8%"><col style="width:29%"><col style="width:21%"></colgroup>
            <thead><tr><th>Status</th><th>Record</th><th>Customer</th><th>Date</th><th>Amount</th><th>Message</th><th>Fix</th></tr></thead>
            <tbody></tbody></table>
            <div class="pager"><button type="button" class="previous">Previous</button> <span class="where"></span> <button type="button" class="next">Next</button></div>
            """)
    }
}

/// The figures of a run's summary (`report/sync-report.json`) that say whether it is right.
enum RunSummaryTable {
    /// The table and the reconciliation of the run written in `run`, with a link to its report page (`report`:
    /// where the desk serves it; by default through the export's runs).
    static func html(_ run: URL, report: String? = nil) -> String {
        guard let summary = ReportSummaryReader.summary(of: run.appendingPathComponent("report/sync-report.json")) else {
            return "<p>No report yet.</p>"
        }
        let counts = summary["counts"] as? [String: [String: Int]] ?? [:]
        let rows = ["invoice", "payment", "refund", "payout", "customer", "item"].map { entity -> String in
            let count = counts[entity] ?? [:]
            return "<tr><th>\(entity)</th><td class=\"n\">\(count["Success"] ?? 0)</td><td class=\"n\">\(count["Skipped"] ?? 0)</td><td class=\"n\((count["Failed"] ?? 0) > 0 ? " Failed" : "")\">\(count["Failed"] ?? 0)</td></tr>"
        }.joined()
        let reconciles = (summary["reconciles"] as? Bool ?? false) && (summary["deposits_reconcile"] as? Bool ?? false)
        let why = (summary["not_reconciled_because"] as? String).map { ": " + HTMLText.escape($0) } ?? ""
        let billed = HTMLText.escape(summary["billed_in_export"] as? String ?? "")
        return """
            <table><tr><th></th><th>Success</th><th>Skipped</th><th>Failed</th></tr>\(rows)</table>
            <p>Billed in the export: \(billed). Reconciled: <strong class="\(reconciles ? "ok" : "bad")">\(reconciles ? "yes" : "NO")\(why)</strong>.
            The full report: <a href="\(HTMLText.escape(report ?? reportLink(run)))">report page</a>.</p>
            """
    }

    /// Where the run's report page is served: a batch's through `/api/batches`, a check's through the export.
    static func reportLink(_ run: URL) -> String {
        "/runs/\(run.deletingLastPathComponent().lastPathComponent)/\(run.lastPathComponent)/report/index.html"
    }
}
