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
