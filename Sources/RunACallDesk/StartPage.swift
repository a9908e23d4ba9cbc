import Foundation
import Hummingbird
import RunACallQuickBooks

/// `/`: where the desk works from (config, ledger, workspace), the exports uploaded so far, and the upload form.
struct StartPage {
    let settings: DeskSettings
    let secrets: DeskSecrets
    let workspace: Workspace

    var html: String {
        let ledger = settings.ledger.map(\.path) ?? "none (the config sets no ledger)"
        let exports = workspace.exportIDs().reversed().map { id in
            "<li><a href=\"/exports/\(id)\">Export \(id)</a> \(HTMLText.escape(workspace.foundSummary(of: id)))</li>"
        }.joined()
        return DeskPage.wrap(title: "rac2qb desk", csrf: secrets.csrf, body: """
            <h1>rac2qb desk</h1>
            <p>Run a Call exports into QuickBooks files, on this computer only: nothing leaves it.</p>
            <h2>1. Upload the month's export</h2>
            <form data-action="/api/exports" data-next="/exports/{id}">
            <label for="export">Run a Call export: the .zip, or its files (invoices, payments, payouts, customers, items)</label><br>
            <input id="export" name="export" type="file" multiple accept=".zip,.json,.jsonl,.csv">
            <button type="submit">Upload</button> <span class="status" role="status"></span>
            </form>
            <h2>Exports uploaded</h2>
            \(exports.isEmpty ? "<p>None yet.</p>" : "<ul>\(exports)</ul>")
            <h2>Where the desk works</h2>
            <table class="run">
            <tr><th>Config</th><td>\(HTMLText.escape(settings.configFile.path)) (<a href="/settings">settings</a>)</td></tr>
            <tr><th>Ledger</th><td>\(HTMLText.escape(ledger)) (<a href="/batches">batches</a>)</td></tr>
            <tr><th>Workspace</th><td>\(HTMLText.escape(settings.workspace.path))</td></tr>
            <tr><th>Version</th><td>\(HTMLText.escape(ToolVersion.current))</td></tr>
            </table>
            """)
    }

    var response: Response { DeskPage.response(html) }
}
