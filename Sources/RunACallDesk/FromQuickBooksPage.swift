import RunACallQuickBooks

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
            <label for="lists">List files, or a .zip of them</label><br>
            <input id="lists" type="file" multiple accept=".iif,.xml,.csv,.zip"> <button type="submit">Make the Run a Call files</button>
            <span class="status" role="status"></span></form>
            """)
    }
}
