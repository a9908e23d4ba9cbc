import Foundation
import RunACallQuickBooks

/// What the settings page offers for the two name tables, so that mapping is picking, not typing: the tax rates
/// and pricebook categories the latest uploaded export uses (`found`, with how much of the export each carries),
/// and the QuickBooks names the config's books list for them (`choices`: sales tax items and tax codes; income
/// accounts).
enum MappingChoices {
    static let taxRates = "tax.rates"
    static let categoryAccounts = "items.category_income_accounts"

    /// `{"found": {KEY: [{"name": ..., "note": ...}]}, "found_in": EXPORT, "choices": {KEY: [NAME, ...]}}`.
    static func object(workspace: Workspace, configuration: Configuration?) -> [String: Any] {
        let latest = workspace.exportIDs().last.flatMap { try? workspace.export($0) }
        var object: [String: Any] = ["found": found(latest, in: workspace), "choices": choices(configuration)]
        if let latest { object["found_in"] = latest.id }
        return object
    }

    /// The rates and categories of the latest export, as its upload surveyed them.
    private static func found(_ export: Workspace.Export?, in workspace: Workspace) -> [String: Any] {
        guard let export else { return [taxRates: [Any](), categoryAccounts: [Any]()] }
        let survey = workspace.found(of: export)
        let rates = (survey["rates"] as? [[String: Any]] ?? []).map { rate in
            ["name": rate["name"] ?? "", "note": "\(rate["invoices"] ?? 0) invoice(s), tax \(rate["tax"] ?? "0.00")"]
        }
        let categories = (survey["categories"] as? [[String: Any]] ?? []).map { category in
            ["name": category["name"] ?? "", "note": "\(category["items"] ?? 0) item(s), \(category["lines"] ?? 0) invoice line(s)"]
        }
        return [taxRates: rates, categoryAccounts: categories]
    }

    /// The names the books list: active sales tax items and tax codes for rates, active income accounts for
    /// categories; none when the config names no books or they cannot be read (the check then says why).
    private static func choices(_ configuration: Configuration?) -> [String: Any] {
        guard let configuration, let books = try? BooksSnapshot.load(configuration.books, relativeTo: configuration.baseDirectory) else {
            return [taxRates: [String](), categoryAccounts: [String]()]
        }
        let taxItems = names(books.items) { type in type.lowercased().contains("tax") }
        let taxCodes = names(books.taxCodes) { _ in true }
        let incomeAccounts = names(books.accounts) { type in ["inc", "income", "exinc", "otherincome", "other income"].contains(type.lowercased()) }
        return [taxRates: Array(Set(taxItems + taxCodes)).sorted(), categoryAccounts: incomeAccounts]
    }

    /// The active entries' names of a list whose type passes `kind` (an entry without a type passes), sorted.
    private static func names(_ list: BookList?, kind: (String) -> Bool) -> [String] {
        guard let list else { return [] }
        return list.entries.values.joined().filter { $0.isActive && ($0.type.map(kind) ?? true) }.map(\.name).sorted()
    }
}
