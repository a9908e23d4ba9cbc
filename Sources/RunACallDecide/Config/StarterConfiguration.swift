import RunACallSupport
import RunACallRead

/// The commented config `rac2qb init` writes, made from the declared keys (`ConfigurationKeys`): the seed's
/// recommended values, and never a made-up name or rate a run would use (examples are comments only). With an
/// export (`init --from`), the decisions it needs are listed as keys to fill in, each with its counts.
public enum StarterConfiguration {
    /// The starter config without an export.
    public static var text: String { text(survey: nil) }

    /// The config for `survey`'s export (nil: the plain starter). Every rate and category is a key whose empty
    /// value means "not mapped yet": the rate goes to `tax.default_for_unmapped`, the category to `items.default_income_account`.
    public static func text(survey: ExportSurvey?) -> String {
        var lines = header(survey)
        var section: String?? = .none
        for key in ConfigurationKeys.all {
            let written = keyLines(key, survey: survey)
            guard !written.isEmpty else { continue }
            if section != .some(key.section) {
                if section != nil { lines.append("") }
                if let name = key.section { lines.append("\(name):") }
                section = .some(key.section)
            }
            lines += written
        }
        return lines.joined(separator: "\n")
    }

    /// The lines of one key: `  name: value   # note`, its note's further lines aligned below.
    private static func keyLines(_ key: ConfigurationKey, survey: ExportSurvey?) -> [String] {
        let value: String
        switch key.starter {
        case .omitted: return []
        case .lines(let lines): return lines(survey)
        case .value(let text): value = text
        case .defaultValue: value = key.defaultValue.yaml
        }
        let line = (key.section == nil ? "" : "  ") + key.name + ":" + (value.isEmpty ? "" : " " + value)
        guard let first = key.note.first else { return [line] }
        let column = line.count < noteColumn ? noteColumn : line.count + 3
        return [line.padding(toLength: column, withPad: " ", startingAt: 0) + "# " + first]
            + key.note.dropFirst().map { String(repeating: " ", count: column) + "# " + $0 }
    }

    /// The column notes start at, unless the key's line is longer.
    private static let noteColumn = 29

    private static func header(_ survey: ExportSurvey?) -> [String] {
        var lines = ["# rac2qb configuration (contract version 1). The sections mirror Run a Call's",
                     "# Settings → QuickBooks → Configuration: Customers, Items, Invoices, Payments, Tax."]
        if let survey {
            let range = [survey.firstDate, survey.lastDate].compactMap { $0?.description }
            lines.append("# Written by `rac2qb init --from` for an export of \(survey.invoices) invoice(s)"
                         + (range.count == 2 ? " dated \(range[0]) to \(range[1])." : "."))
            lines.append("# An empty value is a decision not taken yet: fill it in (see the comment beside it).")
        }
        return lines
    }

    /// `items.category_income_accounts`: an example without an export, else each category of the export with its counts.
    static func categoryLines(_ survey: ExportSurvey?) -> [String] {
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

    /// `payments.payment_method_names`: the seed's name of each method (with an export: each method it uses, with its count).
    static func paymentMethodLines(_ survey: ExportSurvey?) -> [String] {
        let keyLine = "  payment_method_names:      # Run a Call payment method → QuickBooks payment method"
        let used = PaymentMethod.allCases.filter { survey == nil || survey?.methods[$0] != nil }
        let names = Configuration.Payments().paymentMethodNames
        guard !used.isEmpty else { return [keyLine, "                             # the export has no payment"] }
        return [keyLine] + used.map { method in
            let line = "    \(method.rawValue): \(names[method] ?? "")"
            guard let count = survey?.methods[method] else { return line }
            return line.padding(toLength: max(line.count + 1, 29), withPad: " ", startingAt: 0) + "# \(self.count(count, "payment")) in the export"
        }
    }

    /// `tax.rates`: an example without an export, else each rate of the export with its counts.
    static func rateLines(_ survey: ExportSurvey?) -> [String] {
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
