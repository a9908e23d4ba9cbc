import RunACallQuickBooks

/// `/exports/{id}/invoices/{invoice}`: one invoice end to end (the seed's "verify before going live"):
/// where its customer lands, each line's item and account, the tax, where its payments go, and the exact
/// text each format gets, as `rac2qb preview` shows it.
struct PreviewPage {
    let preview: InvoicePreview
    let exportID: String
    let secrets: DeskSecrets

    var html: String {
        let e = HTMLText.escape
        let lines = preview.lines.map { line in
            "<tr><td>\(e(line.item))</td><td>\(e(line.landing))</td><td>\(e(line.account))</td><td class=\"n\">\(e(line.amount))</td><td>\(e(line.taxCode ?? ""))</td></tr>"
        }.joined()
        let payments = preview.payments.map { payment in
            "<tr><td>\(e(payment.id))</td><td>\(e(payment.kind))</td><td class=\"\(e(payment.status))\">\(e(payment.status))</td><td>\(e(payment.message))</td><td>\(e(payment.fix))</td></tr>"
        }.joined()
        let files = preview.files.map { "<h3>\(e($0.path))</h3><pre>\(e($0.text))</pre>" }.joined()
        var deposit = "Payments are received into \u{201C}\(e(preview.paymentAccount))\u{201D}"
        if let payout = preview.payoutAccount { deposit += "; a Stripe payout deposits them into \u{201C}\(e(payout))\u{201D}" }
        return DeskPage.wrap(title: "Invoice #\(preview.invoiceID)", csrf: secrets.csrf, body: """
            <p><a href="/exports/\(e(exportID))">← Export \(e(exportID))</a></p>
            <h1>Invoice #\(e(preview.invoiceID)): <span class="\(e(preview.status))">\(e(preview.status))</span></h1>
            <p>From \(e(preview.source)).\(preview.message.isEmpty ? "" : " \(e(preview.message))")</p>
            \(preview.fix.isEmpty ? "" : "<p><strong>Fix:</strong> \(e(preview.fix))</p>")
            \(preview.warning.isEmpty ? "" : "<p><strong>Warning:</strong> \(e(preview.warning))</p>")
            <h2>Customer</h2>
            <p>\(e(preview.customer ?? "")) → QuickBooks customer \u{201C}\(e(preview.quickBooksCustomer ?? ""))\u{201D}: \(e(preview.customerLanding ?? ""))</p>
            <h2>Lines</h2>
            <table><tr><th>Item</th><th>Item in QuickBooks</th><th>Income account</th><th>Amount</th><th>Tax code</th></tr>\(lines)</table>
            <p>Sales tax: \(e(preview.salesTax ?? "none")). Total: \(e(preview.total ?? ""))</p>
            <h2>Payments</h2>
            <p>\(deposit).</p>
            \(payments.isEmpty ? "" : "<table><tr><th>Payment</th><th>Kind</th><th>Status</th><th>Message</th><th>Fix</th></tr>\(payments)</table>")
            <h2>The exact text in each format</h2>
            \(files)
            """)
    }
}

/// `/batches`: the ledger's batches with their files, QuickBooks' answers uploaded, undo of the latest.
struct BatchesPage {
    let batches: [LedgerHistory.Batch]
    let secrets: DeskSecrets

    var html: String {
        let e = HTMLText.escape
        let rows = batches.reversed().map { batch in
            let actions = batch.actions.map { "\(e($0.what)): \($0.count)\($0.total.map { ", \($0)" } ?? "")" }.joined(separator: "<br>")
            return """
                <tr id="batch-\(batch.id)"><td>\(batch.id)</td><td>\(e(batch.startedAt))</td><td>\(actions)</td>
                <td class="n">\(batch.answered) (\(batch.refused) refused)</td>
                <td><a href="/api/batches/\(batch.id)/download">zip</a> · <a href="/api/batches/\(batch.id)/files/report/index.html">report</a><br><small>\(e(batch.output))</small></td></tr>
                """
        }.joined()
        let undo = batches.last.map { latest in
            """
            <h2>Undo the latest batch</h2>
            <form data-action="/api/batches/\(latest.id)/undo" data-reload="1" data-confirm="Forget batch \(latest.id) from the ledger? The next convert writes its records again.">
            <button type="submit">Undo batch \(latest.id)</button> <span class="status" role="status"></span></form>
            """
        } ?? ""
        return DeskPage.wrap(title: "Batches", csrf: secrets.csrf, body: """
            <h1>Batches</h1>
            \(rows.isEmpty ? "<p>No batch yet: convert an export first.</p>" : "<table><tr><th>Batch</th><th>When</th><th>What it did</th><th>QuickBooks answered</th><th>Files</th></tr>\(rows)</table>")
            <h2>QuickBooks' answers (qbXML responses)</h2>
            <form data-action="/api/responses" data-raw="1" data-reload="1">
            <label for="response">The response file QuickBooks returned for a batch's requests.xml</label><br>
            <input id="response" type="file" accept=".xml"> <button type="submit">Ingest</button> <span class="status" role="status"></span></form>
            \(undo)
            """)
    }
}

/// `/from-quickbooks`: QuickBooks lists into Run a Call import files.
struct FromQuickBooksPage {
    let secrets: DeskSecrets

    var html: String {
        DeskPage.wrap(title: "QuickBooks → Run a Call", csrf: secrets.csrf, body: """
            <h1>QuickBooks → Run a Call</h1>
            <p>QuickBooks customer and item lists (an IIF list export, a qbXML CustomerQueryRs / ItemQueryRs response,
            or QuickBooks Online list CSVs) become Run a Call import files, as the settings say (customers.from_quickbooks,
            items.from_quickbooks, customers.sync_updates).</p>
            <form data-action="/api/from-quickbooks">
            <label for="lists">List files</label><br>
            <input id="lists" type="file" multiple accept=".iif,.xml,.csv"> <button type="submit">Make the Run a Call files</button>
            <span class="status" role="status"></span></form>
            """)
    }
}

/// `/settings`: every declared key of the config as a form (its value, the recommended default, its help,
/// its allowed values), built by `desk.js` from `GET /api/settings` and saved with `PUT /api/settings`;
/// an error shows beside its key. Without the script, the file as it stands.
struct SettingsPage {
    let settings: DeskSettings
    let secrets: DeskSecrets

    var html: String {
        let text = (try? String(contentsOf: settings.configFile, encoding: .utf8)) ?? "(no config file yet: the built-in defaults, the seed's recommended values)"
        return DeskPage.wrap(title: "Settings", csrf: secrets.csrf, body: """
            <h1>Settings</h1>
            <p>\(HTMLText.escape(settings.configFile.path)): Run a Call's Settings → QuickBooks → Configuration
            (Customers, Items, Invoices, Payments, Tax), plus the company, the output, the books and the ledger.
            A change is checked as every run checks the file, then saved in place (the file's other lines and comments are kept).</p>
            <form class="settings" data-settings="/api/settings">
            <table class="settings"><thead><tr><th>Setting</th><th>Value</th><th>Recommended</th><th>What it does</th></tr></thead><tbody></tbody></table>
            <button type="submit">Save</button> <span class="status" role="status"></span>
            </form>
            <noscript><pre>\(HTMLText.escape(text))</pre></noscript>
            """)
    }
}
