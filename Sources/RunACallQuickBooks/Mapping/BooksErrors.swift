/// The sync log's errors that come from what the QuickBooks books hold, in
/// the seed's words, with the record's specifics and the seed's fix.
extension SyncErrors {
    static func customerNotFound(_ name: String, email: String?) -> Problem {
        Problem("Customer not found: \"\(name)\"\(email.map { " (\($0))" } ?? "") is not in the QuickBooks customer list and customers.create_in_quickbooks is off",
                fix: "Create the customer in QuickBooks with the same name and email, or set customers.create_in_quickbooks: true so the sync recreates them, then re-run.")
    }

    static func customerInactive(_ name: String) -> Problem {
        Problem("Customer inactive: \"\(name)\" is marked inactive in QuickBooks",
                fix: "Reactivate the customer in QuickBooks (Customer Center → View: All customers → Make active), then re-run.")
    }

    static func itemNotFound(_ name: String) -> Problem {
        Problem("Item not found: \"\(name)\" is not in the QuickBooks item list and items.create_in_quickbooks is off",
                fix: "Create the item in QuickBooks with the same name (\"\(name)\") and re-run, or set items.create_in_quickbooks: true.")
    }

    static func itemInactive(_ name: String) -> Problem {
        Problem("Item not found: \"\(name)\" is marked inactive in QuickBooks",
                fix: "Reactivate the item \"\(name)\" in QuickBooks (Item List → Include inactive → Make active), then re-run.")
    }

    /// `key` is the config key the code comes from (`tax.rates` or `tax.default_for_unmapped`).
    static func taxCodeNotInBooks(_ code: String, key: String, active: Bool) -> Problem {
        active
            ? Problem("Tax code not mapped: \(key) maps to \"\(code)\", which is not in the QuickBooks tax codes",
                      fix: "Create the tax code \"\(code)\" in QuickBooks, or change \(key) to a code that exists, then re-run.")
            : Problem("Tax code not mapped: \(key) maps to \"\(code)\", which is marked inactive in QuickBooks",
                      fix: "Reactivate the tax code \"\(code)\" in QuickBooks, or change \(key) to an active code, then re-run.")
    }

    static func accountInactive(_ account: String, role: String) -> Problem {
        Problem("Account inactive: the \(role) account \"\(account)\" is marked inactive in QuickBooks",
                fix: "Reactivate it in QuickBooks (Chart of Accounts → Include inactive → Make account active), or point the config at an active account, then re-run.")
    }

    static func termsNotFound(_ terms: String, active: Bool) -> Problem {
        active
            ? Problem("Terms not found: the invoice's terms \"\(terms)\" are not in the QuickBooks terms list",
                      fix: "Create the terms \"\(terms)\" in QuickBooks (Lists → Customer & Vendor Profile Lists → Terms), or change the invoice's terms in Run a Call, then re-run.")
            : Problem("Terms not found: the invoice's terms \"\(terms)\" are marked inactive in QuickBooks",
                      fix: "Reactivate the terms \"\(terms)\" in QuickBooks, or change the invoice's terms in Run a Call, then re-run.")
    }
}
