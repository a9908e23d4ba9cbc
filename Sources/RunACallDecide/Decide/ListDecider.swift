import RunACallRead

/// Decides the pricebook's items and the customer list's records: created, already known
/// (this run, an earlier batch, the books), off by configuration, or unavailable. Pure but for
/// the list registry it commits names to; the pipeline renders what it creates.
public struct ListDecider {
    let items: ItemCatalog
    let customers: CustomerDirectory
    let books: BooksRules
    let formats: [OutputFormat]

    /// What becomes of one pricebook item or customer record: its report row (targets filled in
    /// once rendered) and the list entry to create, if any.
    public struct Decision<Entry> {
        public var row: ReportRow
        public var created: Entry?
    }

    /// A customer an earlier batch exported that changed since: the pipeline updates or notes it.
    public typealias CustomerChange = (entry: QBCustomer, earlier: LedgerEntry, update: Bool)

    /// A pricebook item; `row` is its report row as read (a success, with its source).
    public func decide(_ item: PricebookItem, row: ReportRow) -> Decision<QBItem> {
        var decision = Decision<QBItem>(row: row)
        decision.row.entity = "Item \(item.name)"
        guard items.learn(item) else { return Self.skipped(decision, "Same item name as an earlier pricebook item") }
        guard item.active else { return Self.skipped(decision, "Inactive in the pricebook") }
        let resolution = items.resolveSale(named: item.name)
        if case .new(let entry, _) = resolution, let problem = books.accountProblem(entry.account, role: "income") {
            decision.row.fail(problem)
            return decision
        }
        items.commit(resolution, as: item.name)
        switch resolution {
        case .new(let entry, let renamedFrom):
            decision.created = entry
            decision.row.message = "Created"
            if let renamedFrom { decision.row.warn(Self.renamed(entry.name, because: items.renameReason(renamedFrom))) }
            if let cut = FieldLimits.cut(item.description, .itemDescription, formats: formats).note { decision.row.warn(cut) }
            return decision
        case .assumed(let entry):
            return Self.skipped(decision, "Item creation is off (items.create_in_quickbooks: false): expected in QuickBooks as \"\(entry.name)\"")
        case .inBooks(let entry):
            return Self.skipped(decision, "Already in QuickBooks as \"\(entry.name)\" (books)")
        case .unavailable(let problem):
            return Self.skipped(decision, "Not created: \(problem.message); invoices using it fail")
        case .existing:
            return Self.skipped(decision, items.landing(of: item.name) == .earlierBatch ? "Already exported in an earlier batch" : "Already in the run")
        }
    }

    /// A customer record; `row` is its report row as read. A change since an earlier batch comes back
    /// as `change` for the pipeline, which knows whether QuickBooks' ListID allows a CustomerMod.
    public func decide(_ customer: Customer, row: ReportRow) -> (decision: Decision<QBCustomer>, change: CustomerChange?) {
        var decision = Decision<QBCustomer>(row: row)
        decision.row.entity = "Customer \(customer.name)"
        decision.row.timestamp = customer.changedAt?.text ?? ""
        let resolution = customers.resolve(customer)
        customers.commit(resolution, for: customer)
        switch resolution {
        case .existing(let entry):
            return (Self.skipped(decision, customers.landing(of: customer) == .earlierBatch
                ? "Already exported in an earlier batch as \"\(entry.name)\""
                : "Same customer as an earlier record (name and email match): \"\(entry.name)\""), nil)
        case .new(let entry, let renamedFrom):
            decision.created = entry
            decision.row.message = createdMessage(for: nil)
            if let renamedFrom { decision.row.warn(Self.renamed(entry.name, because: customers.renameReason(renamedFrom))) }
            for cut in customers.contactFields(of: customer).notes { decision.row.warn(cut) }
            return (decision, nil)
        case .inBooks(let entry):
            return (Self.skipped(decision, "Already in QuickBooks as \"\(entry.name)\" (books: same name and email)"), nil)
        case .unavailable(let problem):
            return (Self.skipped(decision, "Not created: \(problem.message); invoices for this customer fail"), nil)
        case .assumed(let entry):
            return (Self.skipped(decision, "Customer creation is off (customers.create_in_quickbooks: false): expected in QuickBooks as \"\(entry.name)\""), nil)
        case .changed(let entry, let earlier, let update):
            return (decision, (entry, earlier, update))
        }
    }

    /// "Created", and why a created customer is not in QuickBooks yet; `label`: the record it was created for.
    public func createdMessage(for label: String?) -> String {
        let message = customers.knowsBooks ? "Customer not found in QuickBooks: created" : "Created"
        return label.map { "\(message) for \($0)" } ?? message
    }

    /// The warning of a list entry created under another name than Run a Call's.
    public static func renamed(_ name: String, because reason: String) -> String { "Created as \"\(name)\" (\(reason))" }

    private static func skipped<Entry>(_ decision: Decision<Entry>, _ message: String) -> Decision<Entry> {
        var decision = decision
        decision.row.status = .skipped
        decision.row.message = message
        return decision
    }

    public init(items: ItemCatalog, customers: CustomerDirectory, books: BooksRules, formats: [OutputFormat]) {
        self.items = items
        self.customers = customers
        self.books = books
        self.formats = formats
    }
}
