import Foundation
import Hummingbird
import RunACallQuickBooks

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
            A change is checked as every run checks the file, then saved in place (the file's other lines and comments are kept).
            The tax rate and category tables list the names the latest uploaded export uses: pick each one's QuickBooks name
            (the books' sales tax items and income accounts are offered when the config names books).</p>
            <form class="settings" data-settings="/api/settings">
            <table class="settings"><thead><tr><th>Setting</th><th>Value</th><th>Recommended</th><th>What it does</th></tr></thead><tbody></tbody></table>
            <button type="submit">Save</button> <span class="status" role="status"></span>
            </form>
            <noscript><pre>\(HTMLText.escape(text))</pre></noscript>
            """)
    }
}
