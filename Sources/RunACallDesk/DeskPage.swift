import Foundation
import Hummingbird
import RunACallQuickBooks

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
        .status{margin-left:.6em}table.names{margin:0;font-size:13px}table.names th,table.names td{padding:.15em .4em}
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
