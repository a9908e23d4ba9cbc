import Hummingbird
import RunACallQuickBooks

/// `/`: where the desk works from (config, ledger, workspace) and where to go next.
struct StartPage {
    let settings: DeskSettings
    let secrets: DeskSecrets

    var html: String {
        let ledger = settings.ledger.map(\.path) ?? "none (the config sets no ledger)"
        return DeskPage.wrap(title: "rac2qb desk", csrf: secrets.csrf, body: """
            <h1>rac2qb desk</h1>
            <p>Run a Call exports into QuickBooks files, on this computer only.</p>
            <table class="run">
            <tr><th>Config</th><td>\(HTMLText.escape(settings.configFile.path))</td></tr>
            <tr><th>Ledger</th><td>\(HTMLText.escape(ledger))</td></tr>
            <tr><th>Workspace</th><td>\(HTMLText.escape(settings.workspace.path))</td></tr>
            <tr><th>Version</th><td>\(HTMLText.escape(ToolVersion.current))</td></tr>
            </table>
            """)
    }

    var response: Response { DeskPage.response(html) }
}

/// The frame every desk page shares: one style, the CSRF token for the page's scripts, nothing loaded from elsewhere.
enum DeskPage {
    static func wrap(title: String, csrf: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="csrf-token" content="\(HTMLText.escape(csrf))">
        <title>\(HTMLText.escape(title))</title>
        <style>
        body{font:14px/1.45 system-ui,sans-serif;margin:2em;color:#1d2330;max-width:1200px}
        h1{font-size:1.5em}h2{font-size:1.2em;margin-top:2em}
        table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccd;padding:.25em .6em;text-align:left;vertical-align:top}
        th{background:#eef}
        </style></head><body>
        \(body)
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
