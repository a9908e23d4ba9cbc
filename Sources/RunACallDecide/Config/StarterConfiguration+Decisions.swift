import RunACallRead

/// What `rac2qb init --from` prints once the config is written: what the export holds and what is left to decide.
extension StarterConfiguration {
    /// The lines to print for `survey`'s config written at `file` (as the user named it), from `export` (as named).
    public static func decisions(_ survey: ExportSurvey, file: String, export: String) -> [String] {
        let range = [survey.firstDate, survey.lastDate].compactMap { $0?.description }
        var lines = ["wrote \(file) from \(export): \(survey.invoices) invoice(s)" + (range.count == 2 ? " dated \(range[0]) to \(range[1])" : "")]
        if survey.unreadableInvoices > 0 {
            lines.append("  \(survey.unreadableInvoices) invoice record(s) could not be read: convert names each with its fix")
        }
        lines.append("left to decide in \(file) (an empty value is a decision not taken yet; convert takes the file as it is):")
        if !survey.rates.isEmpty {
            lines.append("  tax.rates: \(survey.rates.count) rate(s) to map to your QuickBooks sales tax items / tax codes; "
                         + "until then their invoices post to the safety net \"To classify\" (tax.default_for_unmapped)")
            lines += survey.rates.map { "    \(YAMLKey.quoted($0.name)): \($0.invoices) invoice(s), tax \($0.tax)" }
            lines.append("  tax.agency: US: the tax agency IIF sales tax lines name; empty: QuickBooks must already have the sales tax items")
        }
        if !survey.categories.isEmpty {
            lines.append("  items.category_income_accounts: \(survey.categories.count) categor\(survey.categories.count == 1 ? "y" : "ies") "
                         + "to map to income accounts; until then \"Service revenue\" (items.default_income_account)")
            lines += survey.categories.map { "    \(YAMLKey.quoted($0.name)): \($0.items) item(s), \($0.lines) invoice line(s)" }
        }
        let methods = PaymentMethod.allCases.filter { survey.methods[$0] != nil }
        if !methods.isEmpty {
            lines.append("  payments.payment_method_names: \(methods.map(\.rawValue).joined(separator: ", ")) carry the seed's names; "
                         + "change them where QuickBooks calls the method otherwise")
        }
        lines.append("  company.name and company.closing_date: your company's name, and QuickBooks' closing date if the books are closed")
        for entity in survey.absentEntities {
            lines.append("  the export has no \(entity.rawValue) file")
        }
        return lines
    }
}
