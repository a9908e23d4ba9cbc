/// The commented config `rac2qb init` writes: the seed's recommended values, and never a
/// made-up name or rate a run would use (examples are comments only). With an export
/// (`init --from`), the decisions it needs are listed as keys to fill in, each with its counts.
public enum StarterConfiguration {
    /// The starter config without an export.
    public static var text: String { text(survey: nil) }

    /// The config for `survey`'s export (nil: the plain starter). Every rate and category is a key whose empty
    /// value means "not mapped yet": the rate goes to `tax.default_for_unmapped`, the category to `items.default_income_account`.
    public static func text(survey: ExportSurvey?) -> String {
        var lines = header(survey)
        lines += """
        company:
          name:                      # your company, as the report's header names it
          edition: us                # us | ca | uk | au: US writes a taxable flag per line and one sales
                                     # tax item per invoice; other editions a tax code on every line (QBO CSV:
                                     # uk and au dates day first, 31/10/2026)
          home_currency: USD
          closing_date:              # QuickBooks closing date (YYYY-MM-DD); empty = no closed period

        output:
          formats: [iif, qbo-csv, qbxml]   # any subset
          qbxml_version: "13.0"
          split_every: 0             # most transactions per file; 0 = the target's own limit

        customers:
          create_in_quickbooks: true # Run a Call → QBO: customers not found are created
          sync_updates: true         # name/address changes are written as updates, both ways
          from_quickbooks: false     # QBO → Run a Call (rac2qb from-quickbooks): recommended off, QuickBooks often
                                     # has thousands of one-time customers you don't want in your CRM

        items:
          default_income_account: Service revenue
        """.lines
        lines += categoryLines(survey)
        lines += """
          create_in_quickbooks: true # Run a Call → QBO: items not found are created
          discount_item: Discount
          member_discount_item: Member savings
          from_quickbooks: false     # QBO → Run a Call (rac2qb from-quickbooks): recommended off for the first
                                     # 30 days: pricebook clutter is real

        invoices:
          sync: true
          when: on_send              # on_send (accrual, recommended) | on_payment (cash basis)
          numbering: run_a_call      # run_a_call: invoice ID → doc number | quickbooks
          discount_account: Discounts given
          membership_income_account: Membership revenue

        payments:
          sync: true
          stripe_payout_account: Business Checking
          undeposited_funds_account: Undeposited Funds
          stripe_fee_account: Merchant fees
          auto_reconcile_payouts: true
          payment_method_names:      # Run a Call payment method → QuickBooks payment method
        """.lines
        lines += methodLines(survey)
        lines.append("")
        lines.append("tax:")
        lines += rateLines(survey)
        lines += """
          default_for_unmapped: To classify   # create a "To classify" code in QuickBooks as a safety net;
                                              # remove this line to fail invoices with unmapped rates
          agency:                    # US: the tax agency (vendor) IIF sales tax lines name, e.g. Colorado Department of
                                     # Revenue; IIF then declares it and the sales tax items unless the books list them;
                                     # empty: nothing declared (QuickBooks must already have the items)
          non_taxable_code:          # ca | uk | au: the tax code on lines Run a Call does not tax; empty = QuickBooks
                                     # Online's zero-rated code in QBO CSV (uk 0.0% Z, au GST free, ca Zero-rated)
                                     # and none in IIF and qbXML (QuickBooks Desktop takes the item's own code)

        ledger: rac2qb-ledger.sqlite # what was already exported: a re-run writes nothing twice
        """.lines
        return lines.joined(separator: "\n")
    }

    private static func header(_ survey: ExportSurvey?) -> [String] {
        var lines = ["# rac2qb configuration (contract version 1). The sections mirror Run a Call's",
                     "# Settings → QuickBooks → Configuration: Customers, Items, Invoices, Payments, Tax."]
        if let survey {
            let range = [survey.firstDate, survey.lastDate].compactMap { $0?.description }
            lines.append("# Written by `rac2qb init --from` for an export of \(survey.invoices) invoice(s)"
                         + (range.count == 2 ? " dated \(range[0]) to \(range[1])." : "."))
            lines.append("# An empty value is a decision not taken yet: fill it in (see the comment beside it).")
        }
        return lines + ["version: 1", ""]
    }

    private static func categoryLines(_ survey: ExportSurvey?) -> [String] {
        guard let survey else {
            return ["  category_income_accounts:  # \"Map by category\": pricebook category → income account, e.g.",
                    "                             #   Equipment installs: Equipment sales",
                    "                             # (rac2qb init --from EXPORT lists the export's categories here)"]
        }
        guard !survey.categories.isEmpty else {
            return ["  category_income_accounts:  # \"Map by category\": the export files no item or line under a category"]
        }
        return ["  category_income_accounts:  # \"Map by category\": each category's income account; empty: default_income_account"]
            + survey.categories.map { category in
                entry(category.name, comment: "\(count(category.items, "item")), \(count(category.lines, "invoice line"))")
            }
    }

    private static func methodLines(_ survey: ExportSurvey?) -> [String] {
        let used = PaymentMethod.allCases.filter { survey == nil || survey?.methods[$0] != nil }
        let names = Configuration.Payments().paymentMethodNames
        guard !used.isEmpty else { return ["                             # the export has no payment"] }
        return used.map { method in
            let line = "    \(method.rawValue): \(names[method] ?? "")"
            guard let count = survey?.methods[method] else { return line }
            return line.padding(toLength: max(line.count + 1, 29), withPad: " ", startingAt: 0) + "# \(self.count(count, "payment")) in the export"
        }
    }

    private static func rateLines(_ survey: ExportSurvey?) -> [String] {
        guard let survey else {
            return ["  rates:                     # Run a Call tax rate → QuickBooks tax code / sales tax item, e.g.",
                    "                             #   Denver 8.81%: Denver",
                    "                             # (rac2qb init --from EXPORT lists the export's rates here)"]
        }
        guard !survey.rates.isEmpty else { return ["  rates:                     # the export charges no tax"] }
        return ["  rates:                     # each rate's QuickBooks tax code / sales tax item; empty: the safety net below"]
            + survey.rates.map { entry($0.name, comment: "\(count($0.invoices, "invoice")), tax \($0.tax)") }
    }

    /// `    name:   # comment`: a key with no value yet.
    private static func entry(_ name: String, comment: String) -> String {
        let key = "    \(YAMLKey.quoted(name)):"
        return key.padding(toLength: max(key.count + 1, 29), withPad: " ", startingAt: 0) + "# \(comment)"
    }

    private static func count(_ number: Int, _ noun: String) -> String { "\(number) \(noun)\(number == 1 ? "" : "s")" }
}

private extension String {
    /// The text's lines, empty ones kept.
    var lines: [String] { split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }
}
