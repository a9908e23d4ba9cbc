import RunACallSupport

extension Configuration {
    /// The names the config refers to that QuickBooks already holds and that a QuickBooks Online CSV
    /// cell carries (income accounts in products.csv, tax codes on non-US invoice lines), by key.
    var namesInOnlineCSV: [(key: String, name: String)] {
        var names: [(String, String)] = [
            ("items.default_income_account", items.defaultIncomeAccount),
            ("invoices.discount_account", invoices.discountAccount),
            ("invoices.membership_income_account", invoices.membershipIncomeAccount),
        ]
        names += items.categoryIncomeAccounts.map { ("items.category_income_accounts.\($0.category)", $0.account) }
        if company.edition != .us {
            names += tax.rates.map { ("tax.rates.\($0.rate)", $0.code) }
            if let fallback = tax.defaultForUnmapped { names.append(("tax.default_for_unmapped", fallback)) }
            if let code = nonTaxableCode(for: .qboCSV) { names.append(("tax.non_taxable_code", code)) }
        }
        return names
    }

    /// With QuickBooks Online CSV written, a name the config refers to must not read as a spreadsheet
    /// formula: it cannot be renamed (QuickBooks holds it under that name), and guarding its cell would
    /// make QuickBooks Online look for another name than the other formats.
    public func checkNamesForOnlineCSV() throws {
        guard output.formats.any(\.guardsFormulas),
              let (key, name) = namesInOnlineCSV.first(where: { CSVText.isFormula($0.name) }),
              let reason = QuickBooksText.formulaReason(name) else { return }
        throw FatalError(.usage, "\(key): \"\(name)\" cannot be written to QuickBooks Online CSV: \(reason), and a name "
            + "QuickBooks already holds cannot be renamed; allowed: a name that does not start with =, +, - or @ "
            + "(rename it in QuickBooks and in the config), or formats without qbo-csv")
    }
}
