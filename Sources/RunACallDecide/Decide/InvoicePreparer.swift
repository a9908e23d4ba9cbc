import RunACallSupport
import RunACallRead

/// What of an invoice's mapping follows from the invoice and the settings alone, worked out before any name
/// is resolved: whether it syncs, its period and currency, its doc number, its arithmetic, its tax plan, and
/// the books' word on its terms and tax codes. A value, so that the run can work it out where the invoice is
/// decoded (the reading thread) while the names, which depend on every invoice before, are resolved in order.
public struct InvoicePreparation: Sendable {
    enum Stage: Sendable {
        /// A rule says the invoice is not written.
        case skip(String)
        /// The invoice cannot be written, whatever its names.
        case fail(Problem)
        /// The invoice can go on to its names: its doc number (nil when QuickBooks numbers it), its tax, and the
        /// caveats so far.
        case ready(refNumber: String?, tax: TaxPlan, warnings: [String])
    }

    let stage: Stage
    /// The invoice's tax rates `tax.rates` does not map, when the preparation got as far as its tax.
    let unmappedRates: [String]
}

/// Prepares invoices (`InvoicePreparation`): pure, it reads the configuration, the name limits and the books,
/// and nothing a run changes, so it may run on another thread than the mapper that uses what it gives.
public struct InvoicePreparer: Sendable {
    let configuration: Configuration
    let limits: NameLimits
    let books: BooksRules

    /// Why no invoice is written, new or exported by an earlier batch, while invoice sync is off.
    static let syncOffReason = "Invoice sync is off (invoices.sync: false)"

    public init(configuration: Configuration, limits: NameLimits, books: BooksRules) {
        self.configuration = configuration
        self.limits = limits
        self.books = books
    }

    /// The checks of the seed's invoice rules that need no name resolved, in the order the mapping makes them:
    /// the first that fails is the invoice's failure.
    public func prepare(_ invoice: Invoice) -> InvoicePreparation {
        if let reason = skipReason(invoice) { return InvoicePreparation(stage: .skip(reason), unmappedRates: []) }
        var unmapped: [String] = []
        do {
            try checkPeriodAndCurrency(invoice)
            let refNumber = try docNumber(invoice)
            try InvoiceArithmetic.check(invoice)
            var warnings: [String] = []
            unmapped = TaxPlan.unmappedRates(of: invoice, configuration: configuration)
            let tax = try TaxPlan(invoice: invoice, configuration: configuration, books: books, warnings: &warnings)
            try checkTaxCodesFitQBXML(tax)
            try checkSalesTaxItemFitsDesktop(tax)
            try checkBooks(invoice, tax: tax)
            return InvoicePreparation(stage: .ready(refNumber: refNumber, tax: tax, warnings: warnings), unmappedRates: unmapped)
        } catch let problem as Problem {
            return InvoicePreparation(stage: .fail(problem), unmappedRates: unmapped)
        } catch {
            return InvoicePreparation(stage: .fail(.unexpected("\(error)")), unmappedRates: unmapped)
        }
    }

    /// Why an invoice is not written, when a rule says so.
    private func skipReason(_ invoice: Invoice) -> String? {
        guard configuration.invoices.sync else { return Self.syncOffReason }
        switch (invoice.status, configuration.invoices.when) {
        case (.draft, _): return "Draft: never sent"
        case (.sent, .onPayment), (.partiallyPaid, .onPayment): return "Not paid yet (on payment mode)"
        case (.void, .onPayment) where invoice.paidAt == nil: return "Void: never paid (on payment mode)"
        default: return nil
        }
    }

    private func checkPeriodAndCurrency(_ invoice: Invoice) throws {
        if let closing = configuration.company.closingDate, invoice.invoiceDate <= closing {
            throw Problem.closedPeriod(date: invoice.invoiceDate, closing: closing)
        }
        if invoice.currency != configuration.company.homeCurrency {
            throw Problem.currency(invoice.currency, home: configuration.company.homeCurrency)
        }
    }

    /// qbXML holds a line's sales tax code in at most 3 characters.
    private func checkTaxCodesFitQBXML(_ tax: TaxPlan) throws {
        guard let limit = configuration.output.formats.compactMap(\.profile.lineTaxCodeLimit).min(),
              let long = tax.lineCodes.compactMap({ $0 }).first(where: { $0.count > limit }) else { return }
        throw Problem.taxCodeTooLongForQBXML(long)
    }

    /// A US sales tax item is named in IIF and qbXML as it is: a name QuickBooks Desktop cannot hold is never cut.
    private func checkSalesTaxItemFitsDesktop(_ tax: TaxPlan) throws {
        guard limits.desktop, let item = tax.salesTax?.item, QuickBooksText.desktop(item).count > limits.item else { return }
        throw Problem.salesTaxItemTooLongForDesktop(item, limit: limits.item)
    }

    /// What the books refuse before any name: the invoice's terms, its tax codes, and the non-taxable codes
    /// an untaxed line or a discount is written with.
    private func checkBooks(_ invoice: Invoice, tax: TaxPlan) throws {
        if let terms = invoice.terms, let problem = books.termsProblem(terms) { throw problem }
        if limits.formulaSafe, let terms = invoice.terms, let reason = QuickBooksText.formulaReason(terms) {
            throw Problem.termsLikeAFormula(terms, reason: reason)
        }
        let codes = ([tax.salesTax?.item] + tax.lineCodes).compactMap { $0 }
        for code in codes {
            let key = configuration.tax.rates.contains { NameKey($0.code) == NameKey(code) } ? "tax.rates" : "tax.default_for_unmapped"
            if let problem = books.taxCodeProblem(code, key: key) { throw problem }
        }
        if tax.lineCodes.contains(where: { $0 == nil }) || invoice.discount != nil || invoice.memberDiscount != nil {
            for (key, code) in configuration.nonTaxableCodesWritten {
                if let problem = books.taxCodeProblem(code, key: key) { throw problem }
            }
        }
    }

    private func docNumber(_ invoice: Invoice) throws -> String? {
        guard configuration.invoices.numbering == .runACall else { return nil }
        let id = invoice.id
        let plain = ASCIIText.kind(of: id) == .printable
        if plain ? Self.hasForbiddenByte(id) : !Self.fitsDocNumber(id, desktop: limits.desktop) {
            throw Problem.docNumberCharacters(id: id)
        }
        // The posting holds the ID as it is: IIF and qbXML write it so, and QBO CSV's cell guard (`CSVText`) writes a
        // number reading as a formula after a `'` (outputs.md). The limit is the strictest format's: Desktop's counts the
        // ID alone; QuickBooks Online's, set only when QBO CSV is the one format written, counts its apostrophe too.
        let counted = limits.desktop || !limits.formulaSafe ? id : QuickBooksText.formulaSafe(id)
        if (plain ? counted.utf8.count : counted.count) > limits.docNumber {
            throw Problem.docNumberTooLong(id: counted, limit: limits.docNumber, target: limits.docNumberTarget)
        }
        return id
    }

    /// Whether printable ASCII `id` holds what a doc number must not: `"`, `;`, or a space at either end.
    private static func hasForbiddenByte(_ id: String) -> Bool {
        id.utf8.first == 0x20 || id.utf8.last == 0x20 || id.utf8.contains { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: ";") }
    }

    /// Whether `id` can be a doc number as it is: no tab, line break, `"` or `;`, nothing outside
    /// Latin-1 when a Desktop format is written, no white space at either end.
    private static func fitsDocNumber(_ id: String, desktop: Bool) -> Bool {
        !id.contains(where: { docNumberForbidden.contains($0) }) && (!desktop || QuickBooksText.isDesktopSafe(id))
            && id == id.trimmingWhitespace
    }

    private static let docNumberForbidden: Set<Character> = ["\t", "\n", "\r", "\"", ";"]
}
