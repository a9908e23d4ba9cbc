import Foundation
import RunACallDecide
import RunACallSupport

/// The readable report's first page, `index.html`: self-contained (inline CSS
/// and SVG, no scripts, no network): the counts, the failures grouped by error
/// with their fixes, what to do next (`HTMLNextSteps`), the warnings (each said once, with its count), the reconciliation, a chart of the billed
/// amounts by month, then every row with filters, or, past one page of rows,
/// the list of the row pages (`HTMLRowPages`). Its size is bounded whatever the
/// export's: the failures show at most `FailureGroups.exampleLimit` records per
/// error (one group per error of the catalogue), the warnings the first
/// `WarningGroups.listLimit`, the payment worksheet the first `worksheetLimit`
/// rows (the rest in `payment-application.csv`), the customers whose balances
/// differ the first `customerLimit` (all in `sync-report.json`), the row pages
/// the first `HTMLRowPages.pageListLimit`.
enum HTMLReport {
    /// Rows of the payment worksheet the page shows.
    static let worksheetLimit = 1_000
    /// Customers whose balances differ the page names.
    static let customerLimit = 100

    /// The style sheet every page of the report shares.
    static let style = """
        <style>
        body{font:14px/1.45 system-ui,sans-serif;margin:2em;color:#1d2330}
        h1{font-size:1.5em}h2{font-size:1.2em;margin-top:2em}
        table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccd;padding:.25em .6em;text-align:left;vertical-align:top}
        th{background:#eef}td.n{text-align:right;font-variant-numeric:tabular-nums}
        .Failed{color:#a40000;font-weight:600}.Skipped{color:#6b5900}.Success{color:#0b6b2a}
        .ok{color:#0b6b2a}.bad{color:#a40000;font-weight:600}
        .chart{overflow-x:auto}.chart text{font:11px system-ui,sans-serif;fill:#1d2330}
        ul.examples{margin:.2em 0 .2em 1.2em;padding:0;font-size:.92em}
        @page{size:A4 landscape;margin:1cm}@media print{body{margin:0;font-size:9pt}div.rows thead th{position:static}}

        """ + HTMLRowsTable.css + "\n</style>"

    static func render(run: RunDescription, summary: ReportSummary, failures: FailureGroups, warnings: WarningGroups,
                       rows: HTMLRowPages, worksheet: PaymentWorksheet?, quickBooksFiles: [String]? = nil, to url: URL) throws {
        let output = try BufferedOutput(url: url)
        try output.write("""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>rac2qb sync report</title>
        \(style)</head><body>
        <h1>rac2qb sync report</h1>
        <table class="run">\(run.rows.map { "<tr><th>\($0.0)</th><td>\(escape($0.1))</td></tr>" }.joined())</table>
        <h2>Summary</h2>
        <p>\(rows.isPaged ? "Each count shows its rows in the row pages." : "Each count shows its rows in the table at the end.")</p>
        <table><tr><th>Entity</th><th>Success</th><th>Skipped</th><th>Failed</th><th>Created on their behalf</th></tr>

        """)
        for entity in EntityType.allCases {
            let counts = summary.counts[entity.rawValue] ?? [:]
            let created = summary.created[entity.rawValue] ?? 0
            guard !counts.isEmpty || created > 0 else { continue }
            let name = entity.rawValue
            try output.write("<tr><td><a href=\"\(rows.address(entity: name))\">\(name)</a></td>" + RowStatus.allCases.sorted { order($0) < order($1) }.map {
                "<td class=\"n\"><a href=\"\(rows.address(entity: name, status: $0.rawValue))\">\(counts[$0.rawValue] ?? 0)</a></td>"
            }.joined() + "<td class=\"n\">\(created)</td></tr>\n")
        }
        try output.write("</table>\n")
        let groups = failures.groups
        try output.write("<h2 id=\"failures\">Failures</h2>\n")
        if groups.isEmpty {
            try output.write("<p class=\"ok\">No record failed.</p>\n")
        } else {
            try output.write("<p><a href=\"\(rows.address(status: RowStatus.failed.rawValue))\">Show every failed row</a></p>\n")
            try output.write("<table><tr><th>Error</th><th>Records</th><th>Fix</th></tr>\n")
            for group in groups {
                let examples = group.examples.map { "<li>\(escape($0))</li>" }.joined()
                let more = group.count > group.examples.count ? "<li>… and \(group.count - group.examples.count) more</li>" : ""
                try output.write("<tr><td><span class=\"Failed\">\(escape(group.error))</span><ul class=\"examples\">\(examples)\(more)</ul></td>"
                    + "<td class=\"n\">\(group.count)</td><td>\(escape(group.fix))</td></tr>\n")
            }
            try output.write("</table>\n")
        }
        if let quickBooksFiles { try HTMLNextSteps.render(files: quickBooksFiles, worksheetRows: worksheet?.count ?? 0, output: output) }
        try HTMLWarnings.render(warnings, total: summary.warnings.values.reduce(0, +), address: rows.warningsAddress, paged: rows.isPaged, output: output)
        try output.write("<h2>Invoice totals: export against QuickBooks files</h2>\n<table>")
        try output.write("<tr><th>Sent, partially paid and paid invoices in the export</th><td class=\"n\">\(amount(summary.billedInExport))</td></tr>")
        try output.write("<tr><th>of which failed</th><td class=\"n\">\(amount(summary.billedFailed))</td></tr>")
        try output.write("<tr><th>of which skipped by a rule</th><td class=\"n\">\(amount(summary.billedSkipped))</td></tr>")
        try output.write("<tr><th>of which written by earlier batches</th><td class=\"n\">\(amount(summary.billedEarlierBatches))</td></tr>")
        for (format, total) in summary.writtenTotals.sorted(by: { $0.key < $1.key }) {
            try output.write("<tr><th>Written to \(escape(format)) (\(summary.writtenInvoices[format] ?? 0) invoices)</th><td class=\"n\">\(amount(total))</td></tr>")
        }
        if summary.qboDiscountsByHand != .zero {
            try output.write("<tr><th>of the qbo-csv total, discounts to enter by hand in QuickBooks Online (qbo-csv/discounts-to-enter.csv)</th>"
                + "<td class=\"n\">\(summary.qboDiscountsByHand)</td></tr>")
        }
        try output.write("</table>\n")
        if let why = summary.notReconciledBecause {
            try output.write("<p class=\"bad\">Not reconciled: \(escape(why)).</p>\n")
        } else {
            try output.write(summary.reconciles
                ? "<p class=\"ok\">Reconciled: written + failed + skipped = the export's billed total, in every format.</p>\n"
                : "<p class=\"bad\">Not reconciled: written + failed + skipped differs from the export's billed total.</p>\n")
        }
        for note in summary.notes { try output.write("<p class=\"bad\">\(escape(note))</p>\n") }
        if summary.unreadableInvoices > 0 {
            try output.write("<p class=\"bad\">\(summary.unreadableInvoices) invoice(s) could not be read; their totals are not in these figures.</p>\n")
        }

        if summary.payoutNetInExport != .zero || summary.paymentsWritten != .zero || summary.refundsWritten != .zero {
            try output.write("<h2>Payments and payouts</h2>\n<table>")
            try output.write("<tr><th>Payments written</th><td class=\"n\">\(amount(summary.paymentsWritten))</td></tr>")
            try output.write("<tr><th>Refunds written (credit memos)</th><td class=\"n\">\(amount(summary.refundsWritten))</td></tr>")
            try output.write("<tr><th>Stripe payouts in the export (net)</th><td class=\"n\">\(amount(summary.payoutNetInExport))</td></tr>")
            try output.write("<tr><th>Deposits written</th><td class=\"n\">\(amount(summary.depositsWritten))</td></tr>")
            try output.write("<tr><th>Payouts failed / skipped (net)</th><td class=\"n\">\(amount(summary.payoutNetFailed)) / \(amount(summary.payoutNetSkipped))</td></tr>")
            try output.write("<tr><th>of the deposits, payments − refunds earlier batches wrote</th><td class=\"n\">\(amount(summary.depositedFromEarlierBatches))</td></tr>")
            try output.write("<tr><th>Waiting for a Stripe payout no export held yet: payments (in Undeposited Funds) / refunds</th>"
                + "<td class=\"n\">\(amount(summary.paymentsWaitingForPayout)) / \(amount(summary.refundsWaitingForPayout))</td></tr></table>\n")
            try output.write(summary.depositsReconcile
                ? "<p class=\"ok\">Reconciled: deposits written + failed + skipped = the export's payout net.</p>\n"
                : "<p class=\"bad\">Not reconciled: deposits differ from the export's payout net.</p>\n")
        }
        if summary.balanceDueInExport != .zero || summary.receivableWritten != .zero {
            try output.write("<h2>Customer balances</h2>\n<table><tr><th>balance_due of the export’s invoices QuickBooks holds</th><td class=\"n\">\(amount(summary.balanceDueInExport))</td></tr>")
            try output.write("<tr><th>Receivable in QuickBooks (their totals − payments, every batch)</th><td class=\"n\">\(amount(summary.receivableWritten))</td></tr></table>\n")
            if !summary.balancesChecked {
                try output.write("<p class=\"bad\">Not checked: the export has no payments file, so invoices with amount_paid show a balance QuickBooks will not have until their payments are imported.</p>\n")
            } else {
                try output.write(summary.customersNotReconciled.isEmpty
                    ? "<p class=\"ok\">Every customer's balance matches Run a Call.</p>\n"
                    : "<p class=\"bad\">Balances differ from Run a Call for: \(escape(differing(summary.customersNotReconciled)))</p>\n")
            }
        }
        if !summary.absenceNotes.isEmpty {
            try output.write("<h2>Entity files absent from the export</h2>\n<ul>"
                + summary.absenceNotes.map { "<li class=\"bad\">\(escape($0))</li>" }.joined() + "</ul>\n")
        }
        if let worksheet, worksheet.count > 0 {
            try output.write("<h2>Payment application worksheet (IIF)</h2>\n<p>IIF cannot link a payment to its invoice. After importing, apply each payment in QuickBooks (Receive Payments) to the invoice below; the same list is in payment-application.csv.</p>\n<table><tr>")
            try output.write(PaymentWorksheet.columns.map { "<th>\($0)</th>" }.joined() + "</tr>\n")
            var shown = 0
            try worksheet.forEachRow { cells in
                guard shown < worksheetLimit else { return }
                shown += 1
                try output.write("<tr>" + cells.map { "<td>\(escape($0))</td>" }.joined() + "</tr>\n")
            }
            if worksheet.count > shown {
                try output.write("<tr><td colspan=\"\(PaymentWorksheet.columns.count)\">… and \(worksheet.count - shown) more in payment-application.csv</td></tr>\n")
            }
            try output.write("</table>\n")
        }

        try output.write("<h2>Billed invoices by month</h2>\n")
        try output.write(HTMLChart.billedByMonth(summary.billedByMonth))

        try output.write("<h2 id=\"rows\">Every row</h2>\n")
        if rows.isPaged {
            try output.write { rows.pageList(into: &$0) }
        } else {
            try output.write { $0.append(rows.inline) }
        }
        try output.write("</body></html>\n")
        try output.close()
    }

    /// An amount with thousands separators (`12,173.80`), for the page's figures.
    static func amount(_ money: Money) -> String {
        let text = money.description
        let negative = text.hasPrefix("-")
        let digits = negative ? text.dropFirst() : Substring(text)
        let whole = digits.prefix { $0 != "." }
        var grouped = ""
        for (index, digit) in whole.enumerated() {
            if index > 0, (whole.count - index) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return (negative ? "-" : "") + grouped + digits.dropFirst(whole.count)
    }

    /// The customers whose balances differ: the first `customerLimit`, and how many more.
    private static func differing(_ customers: [String]) -> String {
        let named = customers.prefix(customerLimit).joined(separator: ", ")
        return customers.count > customerLimit ? "\(named), … and \(customers.count - customerLimit) more (sync-report.json names them all)" : named
    }

    private static func order(_ status: RowStatus) -> Int {
        switch status { case .success: 0; case .skipped: 1; case .failed: 2 }
    }

    /// `text` with `&`, `<`, `>` and `"` written as entities.
    static func escape(_ text: String) -> String {
        var html = ByteBuffer()
        html.appendEscapedHTML(text)
        return String(decoding: html.bytes, as: UTF8.self)
    }
}
