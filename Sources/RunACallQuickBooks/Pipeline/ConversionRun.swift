import Foundation

/// The state of one run: the writers, the lists being built, the report log.
/// Everything kept across records is bounded by distinct names, not by the
/// number of records (but for the set of invoice IDs, needed to refuse duplicates).
final class ConversionRun {
    let log: ReportLog
    let options: ConversionOptions
    let configuration: Configuration
    let export: ExportFiles
    let formats: [OutputFormat]
    let writers: [any FormatWriter]
    /// The thread the writers make and write their bytes on (the second core); nil in line.
    private let renderingThread: WriteBehind?
    let customers: CustomerDirectory
    let items: ItemCatalog
    /// What QuickBooks already holds, from the config's `books:` files.
    let books: BooksRules
    /// What earlier batches exported; nil without a ledger.
    let ledger: Ledger?
    /// Which records the ledger holds, read once: records it does not hold are never looked up. Nil without a ledger.
    let earlier: EarlierExports?
    let mapper: InvoiceMapper
    let invoiceDecider: InvoiceDecider
    let payoutDecider: PayoutDecider
    let listDecider: ListDecider
    var lists = RunLists()
    private var accountNames = Set<NameKey>()
    /// The sales tax items IIF AUTOSTAX lines name, in order of first use (bounded by distinct names).
    var salesTaxItemsUsed = Set<NameKey>()
    var salesTaxItemNames: [String] = []
    /// US tax QBO CSV leaves QuickBooks to compute from items whose rate the books do not give.
    var salesTaxAtRisk = SalesTaxTally()
    /// US tax qbXML writes as its own line on the sales tax item (the exact form), its invoices' lines non-taxable.
    var salesTaxAsLines = SalesTaxTally()
    /// The rates invoices named that `tax.rates` does not map.
    var unmappedRates = UnmappedRateTally()
    /// Counts the records of each stage for the progress line.
    let progress: ProgressMeter
    private let staging: URL
    /// What the payment rules need of each invoice; kept only when the export has payments.
    let invoiceFacts: InvoiceFacts?
    /// The earliest `received_at` of each invoice's payments in the export, read when an edited invoice first needs it.
    var firstPaymentsInExport: [String: Timestamp]?
    /// Per QuickBooks customer, Σ balance_due and what QuickBooks will hold of the invoices.
    var balances: CustomerBalances
    /// The customers' QuickBooks names (and the facts' reasons), stored once for every table of the run that names them.
    let names = InternedTexts()
    /// The IIF payment-application worksheet, when IIF is written.
    let worksheet: PaymentWorksheet?
    /// The invoice `preview` follows, as the run decides it; its posting and the list entries it created.
    var preview: InvoicePreview?
    var previewPosting: (invoice: QBInvoice, customer: QBCustomer?, lists: RunLists)?

    init(options: ConversionOptions, export: ExportFiles, books: BooksSnapshot, ledger: Ledger?, staging: URL) throws {
        self.options = options
        self.ledger = ledger
        earlier = try ledger.map(EarlierExports.init)
        self.export = export
        self.staging = staging
        progress = ProgressMeter(report: options.progress)
        configuration = options.configuration
        formats = configuration.output.formats
        try configuration.checkNamesForOnlineCSV()
        try configuration.checkNonTaxableCodeFitsQBXML()
        let limits = NameLimits(formats: formats)
        self.books = BooksRules(books)
        customers = CustomerDirectory(limits: limits, create: configuration.customers.createInQuickBooks, books: self.books,
                                      updates: configuration.customers.syncUpdates && formats.any(\.referencesQuickBooksIDs) && options.writeQuickBooksFiles,
                                      names: names)
        balances = CustomerBalances(names: names)
        items = ItemCatalog(configuration: configuration, limits: limits, books: self.books)
        mapper = InvoiceMapper(configuration: configuration, limits: limits, customers: customers, items: items, books: self.books)
        invoiceDecider = InvoiceDecider(configuration: configuration, mapper: mapper,
                                        writesQBXML: formats.any(\.referencesQuickBooksIDs) && options.writeQuickBooksFiles,
                                        paymentsInExport: export.files[.payments] != nil, invoiceFiles: export.fileNames(.invoices))
        payoutDecider = PayoutDecider(configuration: configuration, books: self.books)
        listDecider = ListDecider(items: items, customers: customers, books: self.books, formats: formats)
        invoiceFacts = export.files[.payments] != nil ? try InvoiceFacts(texts: names) : nil
        log = try ReportLog(staging: staging)
        worksheet = options.writeQuickBooksFiles && formats.any { $0.paymentUnlinked != nil } ? try PaymentWorksheet(staging: staging) : nil
        let configuration = options.configuration
        let renderingThread = options.readsAhead && options.writeQuickBooksFiles ? WriteBehind() : nil
        self.renderingThread = renderingThread
        do {
            writers = !options.writeQuickBooksFiles ? [] : try formats.map { format in
                try FormatWriters.make(format, configuration: configuration, splitEvery: configuration.output.splitEvery, staging: staging,
                                       sink: RenderSink(thread: renderingThread))
            }
        } catch {
            renderingThread?.stop()
            throw error
        }
    }

    /// A run that failed leaves no rendering thread behind (the desk runs many).
    deinit { renderingThread?.stop() }

    /// One more record read: the progress line counts it.
    func tick() { progress.tick() }

    // MARK: Lists

    /// Declares an account the postings use, unless the books show QuickBooks already has it.
    func addAccount(_ name: String, _ type: QBAccountType) {
        guard !books.hasAccount(name), accountNames.insert(NameKey(name)).inserted else { return }
        lists.accounts.append(QBAccount(name: name, type: type))
    }

    /// Adds an item the run creates (`original`: its Run a Call name) to the lists and the ledger.
    func addItem(_ item: QBItem, original: String) throws -> [OutputTarget] {
        lists.items.append(item)
        addAccount(item.account, .income)
        let targets = writers.map { $0.target(forItem: item) }
        try recordItem(item, original: original, targets: targets)
        return targets
    }

    private func addCustomer(_ customer: QBCustomer, source: Customer) throws -> [OutputTarget] {
        let targets = try writers.map { try $0.add(customer) }
        try recordCustomer(customer, source: source, targets: targets)
        return targets
    }

    // MARK: Pricebook and customers

    /// Streams one list entity's records, each into one report row that
    /// `describe` fills in; a record that fails to decode fails its row only.
    private func readList(_ entity: ExportEntity, as type: EntityType, label: String,
                          describe: (RawRecord, inout ReportRow) throws -> Void) throws {
        guard let stream = try export.stream(entity) else { return }
        progress.begin(entity.rawValue)
        while let record = try stream.next() {
            tick()
            var row = ReportRow(timestamp: "", entityType: type, sourceID: record.id ?? "", entity: label,
                                status: .success, message: "", fix: "", source: record.location.description,
                                targets: [], isSourceRow: true)
            do {
                try describe(record, &row)
            } catch let problem as Problem {
                row.fail(problem)
            }
            try log.add(row)
        }
    }

    func readItems() throws {
        try readList(.items, as: .item, label: "Item") { record, row in
            let item = try RecordDecoder.item(record)
            let decision = listDecider.decide(item, row: row)
            row = decision.row
            if let created = decision.created { row.targets = try addItem(created, original: item.name) }
        }
    }

    func readCustomers() throws {
        try readList(.customers, as: .customer, label: "Customer") { record, row in
            let customer = try RecordDecoder.customerRecord(record)
            let (decision, change) = listDecider.decide(customer, row: row)
            row = decision.row
            if let created = decision.created { row.targets = try addCustomer(created, source: customer) }
            if let change { try customerChanged(customer, entry: change.entry, earlier: change.earlier, update: change.update, row: &row) }
        }
    }

    // MARK: Lists an invoice creates

    /// Adds the customer and items a written invoice creates, each with its report row.
    func writeLists(for mapping: InvoiceMapping, invoice: Invoice, record: RawRecord) throws {
        let label = "Invoice #\(invoice.id)"
        if let (customer, renamedFrom) = mapping.createdCustomer {
            let cuts = customers.contactFields(of: invoice.customer, fallbackBilling: invoice.billingAddress,
                                               shipping: invoice.serviceAddress).notes
            let warnings = (renamedFrom.map { [ListDecider.renamed(customer.name, because: customers.renameReason($0))] } ?? []) + cuts
            try log.add(ReportRow(timestamp: invoiceDecider.timestamp(of: invoice), entityType: .customer,
                                  sourceID: invoice.customer.id ?? "", entity: "Customer \(invoice.customer.name)",
                                  status: .success, message: listDecider.createdMessage(for: label), fix: "", source: record.location.description,
                                  targets: addCustomer(customer, source: invoice.customer), isSourceRow: false,
                                  warning: warnings.joined(separator: "; ")))
        }
        if let (customer, earlier, update) = mapping.changedCustomer {
            var row = ReportRow(timestamp: invoiceDecider.timestamp(of: invoice), entityType: .customer, sourceID: invoice.customer.id ?? "",
                                entity: "Customer \(invoice.customer.name)", status: .success, message: "", fix: "",
                                source: record.location.description, targets: [], isSourceRow: false)
            try customerChanged(invoice.customer, entry: customer, earlier: earlier, update: update, row: &row)
            try log.add(row)
        }
        for (item, renamedFrom) in mapping.createdItems {
            try log.add(ReportRow(timestamp: invoiceDecider.timestamp(of: invoice), entityType: .item, sourceID: "",
                                  entity: "Item \(renamedFrom ?? item.name)", status: .success, message: "Created for \(label)", fix: "",
                                  source: record.location.description, targets: addItem(item, original: renamedFrom ?? item.name),
                                  isSourceRow: false,
                                  warning: renamedFrom.map { ListDecider.renamed(item.name, because: "from \"\($0)\", \(items.renameReason($0))") } ?? ""))
        }
    }


    // MARK: Finish

    /// Compares each customer's receivable in QuickBooks with the export's balance_due, under the name
    /// QuickBooks holds after this batch (invoices counted before the run met a rename join it). Only the
    /// renamed customers are gathered by name; the others are compared where they are kept.
    func reconcileBalances() {
        var renamed: [String: (export: Money, written: Money)] = [:]
        balances.forEach { customer, export, written in
            let name = customers.quickBooksName(customer)
            guard name != customer else { return }
            renamed[name, default: (.zero, .zero)].export += export
            renamed[name, default: (.zero, .zero)].written += written
        }
        var exportTotal = Money.zero, writtenTotal = Money.zero
        var notReconciled: [String] = []
        balances.forEach { customer, export, written in
            exportTotal += export
            writtenTotal += written
            guard customers.quickBooksName(customer) == customer else { return }
            let joined = renamed.removeValue(forKey: customer) ?? (.zero, .zero)
            if export + joined.export != written + joined.written { notReconciled.append(customer) }
        }
        for (name, balance) in renamed where balance.export != balance.written { notReconciled.append(name) }
        log.recordMoney { summary in
            summary.balanceDueInExport = summary.balanceDueInExport + exportTotal
            summary.receivableWritten = summary.receivableWritten + writtenTotal
            summary.customersNotReconciled += notReconciled.sorted()
        }
    }

    func finishWriters() throws -> (files: [String], parts: [String: Int]) {
        noteUnmappedRates()
        noteUndeclaredSalesTax()
        noteSalesTax()
        var files: [String] = []
        var parts: [String: Int] = [:]
        for writer in writers {
            let (written, counts) = try writer.finish(lists: lists, into: staging)
            files += written
            parts.merge(counts) { $1 }
        }
        renderingThread?.stop()
        return (files, parts)
    }

}
