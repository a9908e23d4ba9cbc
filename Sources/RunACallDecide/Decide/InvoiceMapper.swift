import RunACallSupport
import RunACallRead

/// What became of one invoice.
public enum InvoiceOutcome {
    case write(QBInvoice)
    case skip(String)
    case fail(Problem)
}

/// A mapped invoice with what it added to the run's lists.
public struct InvoiceMapping {
    public var outcome: InvoiceOutcome
    /// The customer created for this invoice, with the name it had in Run a Call when it was changed.
    public var createdCustomer: (customer: QBCustomer, renamedFrom: String?)?
    /// The customer, when an earlier batch exported it and it changed since.
    public var changedCustomer: (customer: QBCustomer, earlier: LedgerEntry, update: Bool)?
    /// Items created for this invoice.
    public var createdItems: [(item: QBItem, renamedFrom: String?)] = []
    /// How the customer landed on the QuickBooks customer list.
    public var customerLanding: ListLanding?
    /// How each posted line's item landed on the item list, in line order (sales, then discounts).
    public var itemLandings: [ListLanding] = []
    /// Remarks for the report's message (a void written at zero).
    var notes: [String] = []
    /// Caveats for the report's warning column: a default used, a name renamed, text changed or cut for a format.
    var warnings: [String] = []
    /// The invoice's tax rates `tax.rates` does not map, when the mapping got as far as its tax.
    public var unmappedRates: [String] = []
}

/// Applies the seed's invoice rules: which invoices sync, the field mapping,
/// tax, discounts, voids, limits, and the arithmetic checks.
public struct InvoiceMapper {
    let configuration: Configuration
    let limits: NameLimits
    let customers: CustomerDirectory
    let items: ItemCatalog
    let books: BooksRules
    /// The checks that need no name resolved.
    let preparer: InvoicePreparer

    /// The mapping of `invoice`, from its `prepared` checks (`InvoicePreparer`) when the run made them already.
    func map(_ invoice: Invoice, prepared: InvoicePreparation? = nil) -> InvoiceMapping {
        let prepared = prepared ?? preparer.prepare(invoice)
        switch prepared.stage {
        case .skip(let reason):
            return InvoiceMapping(outcome: .skip(reason))
        case .fail(let problem):
            return InvoiceMapping(outcome: .fail(problem), unmappedRates: prepared.unmappedRates)
        case .ready(let refNumber, let tax, let warnings):
            do {
                let names = try resolveNames(invoice)
                var mapping = build(invoice, refNumber: refNumber, tax: tax, names: names, warnings: warnings)
                mapping.unmappedRates = prepared.unmappedRates
                return mapping
            } catch let problem as Problem {
                return InvoiceMapping(outcome: .fail(problem), unmappedRates: prepared.unmappedRates)
            } catch {
                return InvoiceMapping(outcome: .fail(.unexpected("\(error)")), unmappedRates: prepared.unmappedRates)
            }
        }
    }

    /// Resolves the customer and every item against the run and the books (the preparation checked the
    /// rest of what the books refuse); commits nothing.
    private func resolveNames(_ invoice: Invoice) throws -> ResolvedNames {
        let customer = customers.resolve(invoice.customer, fallbackBilling: invoice.billingAddress, shipping: invoice.serviceAddress)
        guard let customerEntry = customer.customer else { throw Self.problem(of: customer) }
        var lines: [ResolvedItem] = []
        for line in invoice.lines {
            let resolution = items.resolveSale(named: line.item, line: line)
            guard let item = resolution.item else { throw Self.problem(of: resolution) }
            try check(account: item.account, role: "income")
            if invoice.membershipInvoice { try check(account: configuration.invoices.membershipIncomeAccount, role: "membership income") }
            lines.append(ResolvedItem(resolution: resolution, item: item, original: line.item))
        }
        var discounts: [(ResolvedItem, InvoiceDiscount, String)] = []
        let candidates: [(InvoiceDiscount?, String, String)] = [
            (invoice.discount, configuration.items.discountItem, "Discount"),
            (invoice.memberDiscount, configuration.items.memberDiscountItem, "Member savings"),
        ]
        for case let (discount?, itemName, label) in candidates {
            let resolution = items.resolveDiscount(named: itemName, description: label)
            guard let item = resolution.item else { throw Self.problem(of: resolution) }
            try check(account: item.account, role: "discount")
            discounts.append((ResolvedItem(resolution: resolution, item: item, original: itemName), discount, label))
        }
        return ResolvedNames(customer: customer, customerEntry: customerEntry, lines: lines, discounts: discounts)
    }

    private func check(account: String, role: String) throws {
        if let problem = books.accountProblem(account, role: role) { throw problem }
    }

    private static func problem(of resolution: ItemCatalog.Resolution) -> Problem {
        if case .unavailable(let problem) = resolution { return problem }
        return .unexpected("item resolution without an item")
    }

    private static func problem(of resolution: CustomerDirectory.Resolution) -> Problem {
        if case .unavailable(let problem) = resolution { return problem }
        return .unexpected("customer resolution without a customer")
    }

    /// An item a line or discount lands on, with the name Run a Call gave it.
    private struct ResolvedItem {
        var resolution: ItemCatalog.Resolution
        var item: QBItem
        var original: String
    }

    /// The customer and items an invoice lands on, resolved before anything is committed.
    private struct ResolvedNames {
        var customer: CustomerDirectory.Resolution
        var customerEntry: QBCustomer
        var lines: [ResolvedItem]
        var discounts: [(ResolvedItem, InvoiceDiscount, String)]
    }

    /// The seed's field mapping ("The mapping" in ../shared/seeds/invoices-in-quickbooks.txt), in one place:
    /// customer (by name + email) → customer; billing address → bill-to; service address → ship-to;
    /// invoice ID → doc number; invoice date → transaction date; due date → due date; terms → terms;
    /// each line → its item with description, quantity, rate and amount; tax → tax codes (`TaxPlan`);
    /// discount and member discount → discount lines; customer notes → message to customer;
    /// internal notes → memo. Never-synced fields are not read (`RecordDecoder`).
    private func build(_ invoice: Invoice, refNumber: String?, tax: TaxPlan, names: ResolvedNames, warnings: [String]) -> InvoiceMapping {
        var mapping = InvoiceMapping(outcome: .skip(""), warnings: warnings)
        let customer = commit(names.customer, entry: names.customerEntry, for: invoice.customer, into: &mapping)
        if let renamed = renameNote(original: invoice.customer.name, name: customer.name, what: "Customer") {
            mapping.warnings.append(renamed)
        }
        if let refNumber, limits.formulaSafe, let reason = QuickBooksText.formulaReason(refNumber) {
            let guarded = configuration.output.formats.having(\.guardsFormulas).map(\.displayName).joined(separator: " and ")
            mapping.warnings.append("\(guarded): doc number \"\(QuickBooksText.formulaSafe(refNumber))\" (\(reason))")
        }
        var lines: [QBInvoiceLine] = []
        for (position, (line, resolved)) in zip(invoice.lines, names.lines).enumerated() {
            let item = register(resolved, into: &mapping)
            let account = invoice.membershipInvoice ? configuration.invoices.membershipIncomeAccount : item.account
            lines.append(QBInvoiceLine(kind: .sale, item: item.name, description: line.description,
                                       quantity: line.quantity, rate: line.unitPrice, amount: line.amount,
                                       account: account, itemAccount: item.account, taxable: line.taxable,
                                       taxCode: tax.lineCodes[position], taxAmount: tax.lineTaxes[position]))
        }
        for (resolved, discount, label) in names.discounts {
            let item = register(resolved, into: &mapping)
            let text = discount.label.map { label == "Member savings" ? "Member savings: \($0)" : $0 } ?? label
            lines.append(QBInvoiceLine(kind: .discount, item: item.name, description: text, quantity: nil,
                                       rate: nil, amount: -discount.amount, account: item.account,
                                       itemAccount: item.account, taxable: false, taxCode: nil, taxAmount: nil))
        }
        var result = QBInvoice(
            sourceID: invoice.id, refNumber: refNumber, customer: customer.name,
            txnDate: invoice.invoiceDate, dueDate: invoice.dueDate, terms: invoice.terms,
            billAddress: invoice.billingAddress ?? invoice.customer.billingAddress ?? customer.billAddress,
            shipAddress: invoice.serviceAddress, memo: invoice.internalNotes, customerMessage: invoice.customerNotes,
            lines: lines, salesTax: tax.salesTax, isVoid: invoice.status == .void, total: .zero)
        if result.isVoid { result = Self.voided(result) }
        mapping.warnings += Self.cutToLimits(&result, formats: configuration.output.formats)
        result.total = result.netOfTax + result.taxTotal
        if limits.desktop, !Self.desktopSafe(result) {
            mapping.warnings.append("Text outside Latin-1 transliterated for QuickBooks Desktop")
        }
        if result.isVoid { mapping.notes.append("Void: written with a zero balance") }
        mapping.warnings += formatNotes(result)
        mapping.outcome = .write(result)
        return mapping
    }

    /// Cuts the invoice's free text at the strictest limit of the formats written, so
    /// every format holds the same text; one note per field cut.
    static func cutToLimits(_ invoice: inout QBInvoice, formats: [OutputFormat]) -> [String] {
        var notes: [String] = []
        func cut(_ text: String?, _ field: TextField) -> String? {
            let (kept, note) = FieldLimits.cut(text, field, formats: formats)
            if let note, !notes.contains(note) { notes.append(note) }
            return kept
        }
        invoice.memo = cut(invoice.memo, .memo)
        invoice.customerMessage = cut(invoice.customerMessage, .customerMessage)
        invoice.terms = cut(invoice.terms, .terms)
        for keyPath in [\QBInvoice.billAddress, \QBInvoice.shipAddress] {
            let (address, cuts) = FieldLimits.cut(invoice[keyPath: keyPath], formats: formats)
            invoice[keyPath: keyPath] = address
            for note in cuts where !notes.contains(note) { notes.append(note) }
        }
        for index in invoice.lines.indices {
            invoice.lines[index].description = cut(invoice.lines[index].description, .lineDescription)
        }
        return notes
    }

    /// What the flat formats do to the invoice: a format whose lines cannot be negative (QuickBooks Online CSV)
    /// leaves the discounts to enter by hand, and one that names no account per line (the same) posts a line to its
    /// item's income account; IIF and QBO CSV hold each field on one line.
    private func formatNotes(_ invoice: QBInvoice) -> [String] {
        let formats = configuration.output.formats
        var notes: [String] = []
        for format in formats {
            let profile = format.profile
            let byHand = profile.linesByHand(of: invoice).reduce(Money.zero) { $0 - $1.amount }
            if byHand != .zero, let list = profile.byHandList {
                notes.append("\(format.displayName): discount \(byHand) to enter by hand (\(list.path(parts: 1)))")
            }
            let misplaced = profile.linesOnTheirItemsAccount(of: invoice)
            for account in Self.firstOfEach(misplaced.map(\.account)) {
                let lines = misplaced.filter { $0.account == account }
                let amount = lines.reduce(Money.zero) { $0 + $1.amount }
                let itemAccounts = Self.firstOfEach(lines.map(\.itemAccount))
                notes.append("\(format.displayName): \(amount) posts to the item income account\(itemAccounts.count > 1 ? "s" : "") "
                    + "\(itemAccounts.joined(separator: ", ")), not \(account) (QuickBooks Online's invoice import takes no account per line): "
                    + "move it in QuickBooks Online")
            }
        }
        let flat = formats.having { !$0.keepsLineBreaks }
        func broken(_ text: String?) -> Bool { text.map(QuickBooksText.hasLineBreak) ?? false }
        if !flat.isEmpty,
           broken(invoice.memo) || broken(invoice.customerMessage) || invoice.lines.contains(where: { broken($0.description) }) {
            notes.append("Line breaks replaced by spaces in \(flat.map(\.displayName).joined(separator: " and ")) (one line per field)")
        }
        return notes
    }

    /// `names` without repeats, in the order they first occur.
    private static func firstOfEach(_ names: [String]) -> [String] {
        var seen: Set<String> = []
        return names.filter { seen.insert($0).inserted }
    }

    /// Commits the invoice's customer to the run; a new one is reported as created.
    private func commit(_ resolution: CustomerDirectory.Resolution, entry: QBCustomer, for source: Customer,
                        into mapping: inout InvoiceMapping) -> QBCustomer {
        customers.commit(resolution, for: source)
        switch resolution {
        case .new(_, let renamedFrom):
            mapping.createdCustomer = (entry, renamedFrom)
            mapping.customerLanding = .created(renamedFrom: renamedFrom)
        case .inBooks: mapping.customerLanding = .inBooks
        case .assumed: mapping.customerLanding = .assumed
        case .changed(_, let earlier, let update):
            mapping.changedCustomer = (entry, earlier, update)
            mapping.customerLanding = .earlierBatch
        case .existing, .unavailable: mapping.customerLanding = customers.landing(of: source)
        }
        return entry
    }

    /// Commits an item, unless an earlier line of the same invoice already did.
    private func register(_ resolved: ResolvedItem, into mapping: inout InvoiceMapping) -> QBItem {
        if let known = items.known(resolved.original) {
            let createdHere = mapping.createdItems.first { $0.item.name == known.item.name }
            mapping.itemLandings.append(createdHere.map { .created(renamedFrom: $0.renamedFrom) } ?? known.landing)
            return known.item
        }
        items.commit(resolved.resolution, as: resolved.original)
        switch resolved.resolution {
        case .new(_, let renamedFrom):
            mapping.createdItems.append((resolved.item, renamedFrom))
            mapping.itemLandings.append(.created(renamedFrom: renamedFrom))
        case .inBooks: mapping.itemLandings.append(.inBooks)
        case .assumed: mapping.itemLandings.append(.assumed)
        case .existing, .unavailable: mapping.itemLandings.append(items.landing(of: resolved.original))
        }
        return resolved.item
    }

    private func renameNote(original: String, name: String, what: String) -> String? {
        original == name ? nil : "\(what) \"\(original)\" is \"\(name)\" in QuickBooks"
    }

    /// How QuickBooks keeps a voided invoice: every amount zero, the memo marked.
    static func voided(_ invoice: QBInvoice) -> QBInvoice {
        var result = invoice
        result.lines = invoice.lines.map { line in
            var zeroed = line
            zeroed.quantity = nil
            zeroed.rate = nil
            zeroed.amount = .zero
            zeroed.taxAmount = line.taxAmount.map { _ in .zero }
            return zeroed
        }
        result.salesTax = invoice.salesTax.map { QBSalesTax(item: $0.item, ratePercent: $0.ratePercent, amount: .zero) }
        result.memo = "VOID: " + (invoice.memo ?? "")
        return result
    }

    /// Whether every free text of the invoice goes to QuickBooks Desktop as it is (no array of its texts built).
    private static func desktopSafe(_ invoice: QBInvoice) -> Bool {
        func safe(_ text: String?) -> Bool { text.map(QuickBooksText.isDesktopSafe) ?? true }
        func safe(_ address: Address?) -> Bool {
            guard let address else { return true }
            return safe(address.line1) && safe(address.line2) && safe(address.city) && safe(address.state)
                && safe(address.postalCode) && safe(address.country)
        }
        return safe(invoice.memo) && safe(invoice.customerMessage) && safe(invoice.terms)
            && invoice.lines.allSatisfy { safe($0.description) } && safe(invoice.billAddress) && safe(invoice.shipAddress)
    }

    public init(configuration: Configuration, limits: NameLimits, customers: CustomerDirectory, items: ItemCatalog,
                 books: BooksRules) {
        preparer = InvoicePreparer(configuration: configuration, limits: limits, books: books)
        self.configuration = configuration
        self.limits = limits
        self.customers = customers
        self.items = items
        self.books = books
    }
}
