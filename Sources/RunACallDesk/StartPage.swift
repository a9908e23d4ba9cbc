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

/// The frame every desk page shares: the report's style, the navigation, the CSRF token for the page's
/// script, nothing loaded from elsewhere.
enum DeskPage {
    static func wrap(title: String, csrf: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="csrf-token" content="\(HTMLText.escape(csrf))">
        <title>\(HTMLText.escape(title))</title>
        \(ReportStyle.sheet)
        <style>
        body{max-width:1200px}nav{margin:-1em 0 1.5em;padding:.5em 0;border-bottom:1px solid #ccd}
        nav a{margin-right:1.2em}a:focus,button:focus,input:focus,select:focus{outline:2px solid #1d4ed8;outline-offset:2px}
        form{margin:.6em 0}button{font:inherit;padding:.25em .9em}input,select{font:inherit}
        table.grid{width:100%;table-layout:fixed}table.grid td{overflow-wrap:anywhere}table.grid td:nth-child(4),table.grid td:nth-child(5){white-space:nowrap}
        pre{white-space:pre-wrap;background:#f6f7fb;border:1px solid #ccd;padding:.6em;font-size:12px}
        .status{margin-left:.6em}
        </style>
        <script src="/desk.js" defer></script>
        </head><body>
        <nav aria-label="Desk"><a href="/">Start</a><a href="/settings">Settings</a><a href="/batches">Batches</a><a href="/from-quickbooks">QuickBooks → Run a Call</a></nav>
        <main>
        \(body)
        </main>
        </body></html>
        """
    }

    static func response(_ html: String) -> Response {
        Response(
            status: .ok,
            headers: [
                .contentType: "text/html; charset=utf-8",
                .cacheControl: "no-store",
                .contentSecurityPolicy: "default-src 'self'; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'",
                .init("X-Content-Type-Options")!: "nosniff",
            ],
            body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}
