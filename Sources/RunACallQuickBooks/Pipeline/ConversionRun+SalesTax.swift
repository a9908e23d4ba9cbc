/// The sales tax lists an IIF file needs, the way Intuit's kit writes them
/// (`2007 Invoice (With Sales Tax Preference=on).iif`): every AUTOSTAX line names
/// the tax agency and a `COMPTAX` item (a 0% one when nothing is taxed); the
/// file declares the agency and the items the books do not list, when `tax.agency` is set.
extension ConversionRun {
    /// Whether AUTOSTAX lines are written: US edition, IIF among the formats.
    var writesIIFSalesTax: Bool {
        configuration.company.edition == .us && formats.contains(.iif) && options.writeQuickBooksFiles
    }

    /// Records the sales tax item an IIF AUTOSTAX line names (`item`, or the 0% item when nil).
    func useSalesTaxItem(_ item: String?, ratePercent: ExactDecimal?) {
        guard writesIIFSalesTax else { return }
        addAccount(QBInvoice.salesTaxAccount, .salesTaxPayable)
        let name = item ?? QBSalesTaxItem.untaxedName
        guard salesTaxItemsUsed.insert(NameKey(name)).inserted else { return }
        salesTaxItemNames.append(name)
        guard let agency = configuration.tax.agency else { return }
        if lists.taxAgency == nil, !books.hasOtherName(agency) { lists.taxAgency = agency }
        guard !books.hasTaxItem(name) else { return }
        let rate = item == nil ? ExactDecimal.zero : ratePercent
        lists.salesTaxItems.append(QBSalesTaxItem(name: name, ratePercent: rate, agency: agency))
    }

    /// Without `tax.agency`, the one summary note that the IIF file declares no sales tax item.
    func noteUndeclaredSalesTax() {
        guard configuration.tax.agency == nil, !salesTaxItemNames.isEmpty else { return }
        let names = salesTaxItemNames.map { "\"\($0)\"" }.joined(separator: ", ")
        log.recordMoney {
            $0.notes.append("tax.agency is not set: the IIF file declares no sales tax item or agency, so QuickBooks must "
                + "already have the sales tax items \(names) (the AUTOSTAX lines name them); set tax.agency to declare them")
        }
    }

    /// Counts a written invoice's tax that qbXML or QBO CSV leaves QuickBooks to compute at a rate the books do not give.
    func countSalesTaxAtRisk(_ tax: QBSalesTax) {
        guard !TaxPlan.computingFormats(formats).isEmpty, let item = tax.item, tax.booksRatePercent == nil,
              tax.amount != .zero || tax.taxableAmount != .zero else { return }
        salesTaxAtRisk.amount = salesTaxAtRisk.amount + tax.amount
        salesTaxAtRisk.invoices += 1
        if !salesTaxAtRisk.items.contains(where: { NameKey($0) == NameKey(item) }) { salesTaxAtRisk.items.append(item) }
    }

    /// The one summary note naming the tax QuickBooks computes itself at rates the books do not give.
    func noteSalesTaxAtRisk() {
        guard salesTaxAtRisk.invoices > 0 else { return }
        let risk = salesTaxAtRisk
        let names = TaxPlan.computingFormats(formats).map(\.displayName).joined(separator: " and ")
        let items = risk.items.map { "\"\($0)\"" }.joined(separator: ", ")
        log.recordMoney {
            $0.notes.append("sales tax at risk: \(risk.amount) on \(risk.invoices) invoices, which QuickBooks computes itself in \(names) "
                + "from the rates of \(items), which the books do not give; list the items with their rates in books.tax_codes to check them")
        }
    }
}
