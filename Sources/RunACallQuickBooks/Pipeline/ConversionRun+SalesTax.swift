/// The sales tax lists an IIF file needs, the way Intuit's kit writes them
/// (`2007 Invoice (With Sales Tax Preference=on).iif`): every AUTOSTAX line names
/// the tax agency and a `COMPTAX` item (a 0% one when nothing is taxed); the
/// file declares the agency and the items the books do not list, when `tax.agency` is set.
extension ConversionRun {
    /// Whether AUTOSTAX lines are written: US edition, IIF among the formats.
    var writesIIFSalesTax: Bool {
        configuration.company.edition == .us && formats.any(\.declaresSalesTaxItems) && options.writeQuickBooksFiles
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

    /// Counts a written invoice's tax that QBO CSV leaves QuickBooks to compute at a rate the books do not give,
    /// and the tax qbXML writes as its own line.
    func countSalesTax(_ tax: QBSalesTax) {
        guard let item = tax.item, tax.amount != .zero || tax.taxableAmount != .zero else { return }
        if tax.asTaxLine { salesTaxAsLines.add(tax.amount, item: item) }
        if TaxPlan.computedOnlyFormat(formats) != nil, tax.booksRatePercent == nil { salesTaxAtRisk.add(tax.amount, item: item) }
    }

    /// The summary notes: the tax QBO CSV leaves QuickBooks to compute at rates the books do not give, and the tax
    /// qbXML writes exactly as its own line, with what that costs.
    func noteSalesTax() {
        let atRisk = salesTaxAtRisk, asLines = salesTaxAsLines
        let computedOnly = TaxPlan.computedOnlyFormat(formats), exactLine = TaxPlan.exactLineFormat(formats)
        log.recordMoney {
            if atRisk.invoices > 0, let computedOnly {
                $0.notes.append("sales tax at risk: \(atRisk.amount) on \(atRisk.invoices) invoices, which QuickBooks computes itself in "
                    + "\(computedOnly.displayName) from the rates of \(atRisk.itemList), which the books do not give; "
                    + "list the items with their rates in books.tax_codes to check them")
            }
            if asLines.invoices > 0, let exactLine {
                $0.notes.append("\(exactLine.displayName): sales tax \(asLines.amount) of \(asLines.invoices) invoices written exactly, "
                    + "as its own line on \(asLines.itemList), because QuickBooks' rate for them cannot be known to give it; "
                    + "QuickBooks' sales tax reports count those invoices' sales as non-taxable: list the items with their rates "
                    + "in books.tax_codes to write taxable lines")
            }
        }
    }
}

/// US sales tax summed over invoices: the amount, how many invoices, and the sales tax items named, in order of first use.
struct SalesTaxTally {
    var amount = Money.zero
    var invoices = 0
    var items: [String] = []

    mutating func add(_ tax: Money, item: String) {
        amount = amount + tax
        invoices += 1
        if !items.contains(where: { NameKey($0) == NameKey(item) }) { items.append(item) }
    }

    /// The items, quoted and joined by commas.
    var itemList: String { items.map { "\"\($0)\"" }.joined(separator: ", ") }
}
