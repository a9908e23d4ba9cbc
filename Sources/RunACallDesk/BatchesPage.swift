import RunACallQuickBooks

/// `/batches`: the ledger's batches with their files, QuickBooks' answers uploaded, undo of the latest.
struct BatchesPage {
    let batches: [LedgerHistory.Batch]
    let secrets: DeskSecrets

    /// Where a batch's qbXML requests are: answered (refused among them), in doubt, waiting; the page's script
    /// writes the same words as the Web Connector moves them (`GET /api/batches`).
    static func queue(_ batch: LedgerHistory.Batch) -> String {
        "\(batch.answered) answered (\(batch.refused) refused), \(batch.inDoubt) in doubt, \(batch.waiting) waiting, of \(batch.requests)"
    }

    var html: String {
        let e = HTMLText.escape
        let rows = batches.reversed().map { batch in
            let actions = batch.actions.map { "\(e($0.what)): \($0.count)\($0.total.map { ", \($0)" } ?? "")" }.joined(separator: "<br>")
            return """
                <tr id="batch-\(batch.id)"><td><a href="/batches/\(batch.id)">\(batch.id)</a></td><td>\(e(batch.startedAt))</td><td>\(actions)</td>
                <td class="queue">\(Self.queue(batch))</td>
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
            \(rows.isEmpty ? "<p>No batch yet: convert an export first.</p>" : "<table data-live='/api/batches'><tr><th>Batch</th><th>When</th><th>What it did</th><th>qbXML requests and QuickBooks' answers</th><th>Files</th></tr>\(rows)</table>")
            <h2>QuickBooks' answers (qbXML responses)</h2>
            <form data-action="/api/responses" data-raw="1" data-reload="1">
            <label for="response">The response file QuickBooks returned for a batch's requests.xml</label><br>
            <input id="response" type="file" accept=".xml"> <button type="submit">Ingest</button> <span class="status" role="status"></span></form>
            \(undo)
            """)
    }
}
