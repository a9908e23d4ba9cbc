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
    let customers: CustomerDirectory
    let items: ItemCatalog
    /// What QuickBooks already holds, from the config's `books:` files.
    let books: BooksRules
    /// What earlier batches exported; nil without a ledger.
    let ledger: Ledger?
    let mapper: InvoiceMapper
    var lists = RunLists()
    private var accountNames = Set<NameKey>()
    /// The sales tax items IIF AUTOSTAX lines name, in order of first use (bounded by distinct names).
    var salesTaxItemsUsed = Set<NameKey>()
    var salesTaxItemNames: [String] = []
    /// US tax QBO CSV leaves QuickBooks to compute from items whose rate the books do not give.
    var salesTaxAtRisk = SalesTaxTally()
    /// US tax qbXML writes as its own line on the sales tax item (the exact form), its invoices' lines non-taxable.
    var salesTaxAsLines = SalesTaxTally()
    /// Counts the records of each stage for the progress line.
    let progress: ProgressMeter
    private let staging: URL
    /// What the payment rules need of each invoice; kept only when the export has payments.
    let invoiceFacts = InvoiceFacts()
    /// The earliest `received_at` of each invoice's payments in the export, read when an edited invoice first needs it.
    var firstPaymentsInExport: [String: Timestamp]?
    /// Per QuickBooks customer, over the export's invoices QuickBooks holds (written now or by an earlier
    /// batch): Σ balance_due, and what QuickBooks will hold of them (totals − payments of every batch).
    var balances: [String: (export: Money, written: Money)] = [:]
    /// The IIF payment-application worksheet, when IIF is written.
    let worksheet: PaymentWorksheet?
    /// The invoice `preview` follows, as the run decides it; its posting and the list entries it created.
    var preview: InvoicePreview?
    var previewPosting: (invoice: QBInvoice, lists: RunLists)?

    init(options: ConversionOptions, export: ExportFiles, books: BooksSnapshot, ledger: Ledger?, staging: URL) throws {
        self.options = options
        self.ledger = ledger
        self.export = export
        self.staging = staging
        progress = ProgressMeter(report: options.progress)
        configuration = options.configuration
        formats = configuration.output.formats
        try configuration.checkNamesForOnlineCSV()
        let limits = NameLimits(formats: formats)
        self.books = BooksRules(books)
        customers = CustomerDirectory(limits: limits, create: configuration.customers.createInQuickBooks, books: self.books,
                                      updates: configuration.customers.syncUpdates && formats.contains(.qbxml) && options.writeQuickBooksFiles)
        items = ItemCatalog(configuration: configuration, limits: limits, books: self.books)
        mapper = InvoiceMapper(configuration: configuration, limits: limits, customers: customers, items: items, books: self.books)
        log = try ReportLog(staging: staging)
        worksheet = options.writeQuickBooksFiles && formats.contains(.iif) ? try PaymentWorksheet(staging: staging) : nil
        let configuration = options.configuration
        writers = !options.writeQuickBooksFiles ? [] : try formats.map { format in
            try FormatWriters.make(format, configuration: configuration, splitEvery: configuration.output.splitEvery, staging: staging)
        }
    }

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
        lists.customers.append(customer)
        let targets = writers.map { $0.target(forCustomer: customer) }
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
            row.entity = "Item \(item.name)"
            guard items.learn(item) else {
                row.status = .skipped
                row.message = "Same item name as an earlier pricebook item"
                return
            }
            guard item.active else {
                row.status = .skipped
                row.message = "Inactive in the pricebook"
                return
            }
            let resolution = items.resolveSale(named: item.name)
            if case .new(let entry, _) = resolution, let problem = books.accountProblem(entry.account, role: "income") { throw problem }
            items.commit(resolution, as: item.name)
            switch resolution {
            case .new(let entry, let renamedFrom):
                row.targets = try addItem(entry, original: item.name)
                row.message = "Created"
                if let renamedFrom { row.warn(Self.renamed(entry.name, because: items.renameReason(renamedFrom))) }
                if let cut = FieldLimits.cut(item.description, .itemDescription, formats: formats).note { row.warn(cut) }
            case .assumed(let entry):
                row.status = .skipped
                row.message = "Item creation is off (items.create_in_quickbooks: false): expected in QuickBooks as \"\(entry.name)\""
            case .inBooks(let entry):
                row.status = .skipped
                row.message = "Already in QuickBooks as \"\(entry.name)\" (books)"
            case .unavailable(let problem):
                row.status = .skipped
                row.message = "Not created: \(problem.message); invoices using it fail"
            case .existing:
                row.status = .skipped
                row.message = items.landing(of: item.name) == .earlierBatch ? "Already exported in an earlier batch" : "Already in the run"
            }
        }
    }

    func readCustomers() throws {
        try readList(.customers, as: .customer, label: "Customer") { record, row in
            let customer = try RecordDecoder.customerRecord(record)
            row.entity = "Customer \(customer.name)"
            row.timestamp = customer.changedAt?.text ?? ""
            let resolution = customers.resolve(customer)
            customers.commit(resolution, for: customer)
            switch resolution {
            case .existing(let entry):
                row.status = .skipped
                row.message = customers.landing(of: customer) == .earlierBatch
                    ? "Already exported in an earlier batch as \"\(entry.name)\""
                    : "Same customer as an earlier record (name and email match): \"\(entry.name)\""
            case .new(let entry, let renamedFrom):
                row.targets = try addCustomer(entry, source: customer)
                row.message = createdMessage(for: nil)
                if let renamedFrom { row.warn(Self.renamed(entry.name, because: customers.renameReason(renamedFrom))) }
                for cut in customers.contactFields(of: customer).notes { row.warn(cut) }
            case .inBooks(let entry):
                row.status = .skipped
                row.message = "Already in QuickBooks as \"\(entry.name)\" (books: same name and email)"
            case .unavailable(let problem):
                row.status = .skipped
                row.message = "Not created: \(problem.message); invoices for this customer fail"
            case .assumed(let entry):
                row.status = .skipped
                row.message = "Customer creation is off (customers.create_in_quickbooks: false): expected in QuickBooks as \"\(entry.name)\""
            case .changed(let entry, let earlier, let update):
                try customerChanged(customer, entry: entry, earlier: earlier, update: update, row: &row)
            }
        }
    }

    // MARK: Invoices

    /// IDs that occur more than once in the invoices files, all of them read
    /// in order (or whose CSV rows are split), and how many records the files hold.
    private func duplicateInvoiceIDs() throws -> (ids: Set<String>, records: Int) {
        guard let stream = try export.stream(.invoices) else { return ([], 0) }
        progress.begin("invoice ids")
        var seen = Set<String>()
        var duplicates = Set<String>()
        var records = 0
        while let id = try stream.nextID() {
            tick()
            records += 1
            guard let id else { continue }
            if !seen.insert(id).inserted { duplicates.insert(id) }
        }
        return (duplicates, records)
    }

    func readInvoices() throws {
        let (duplicates, records) = try duplicateInvoiceIDs()
        guard let stream = try export.stream(.invoices) else { return }
        progress.begin("invoices", total: records)
        while let record = try stream.next() {
            tick()
            var row = ReportRow(timestamp: "", entityType: .invoice, sourceID: record.id ?? "",
                                entity: "Invoice #\(record.id ?? "?")", status: .failed, message: "", fix: "",
                                source: record.location.description, targets: [], isSourceRow: true)
            let invoice: Invoice
            do {
                invoice = try RecordDecoder.invoice(record)
            } catch let problem as Problem {
                row.fail(problem)
                if let id = record.id, export.files[.payments] != nil {
                    invoiceFacts.record(.notWritable("it could not be read"), for: id)
                }
                log.recordInvoice(status: nil, total: nil, date: nil, row: .failed, written: nil, formats: formats)
                capturePreview(row, invoice: nil, mapping: nil)
                try log.add(row)
                continue
            }
            row.timestamp = timestamp(of: invoice)
            let amount = invoice.total ?? InvoiceArithmetic.total(of: invoice)
            row.describe(customer: invoice.customer.name, date: invoice.invoiceDate.description, amount: amount)
            if duplicates.contains(invoice.id) {
                let problem = Problem.duplicateID(invoice.id, entity: .invoice, file: export.fileNames(.invoices))
                if export.files[.payments] != nil {
                    invoiceFacts.record(.notWritable("duplicate invoice ID"), for: invoice.id)
                }
                row.fail(problem)
                log.recordInvoice(status: invoice.status, total: amount, date: invoice.invoiceDate, row: .failed, written: nil, formats: formats)
                capturePreview(row, invoice: invoice, mapping: nil)
                try log.add(row)
                continue
            }
            if let previous = try ledger?.lastExport(of: .invoice, invoice.id) {
                try exportedInvoice(invoice, previous: previous, record: record, row: &row)
                log.recordInvoice(status: invoice.status, total: amount, date: invoice.invoiceDate, row: row.status, written: nil,
                                  formats: formats, earlierBatch: true)
                capturePreview(row, invoice: invoice, mapping: nil)
                try log.add(row)
                continue
            }
            let mapping = mapper.map(invoice)
            var written: QBInvoice?
            switch mapping.outcome {
            case .skip(let reason):
                row.status = .skipped
                row.message = reason
            case .fail(let problem):
                row.fail(problem)
            case .write(let posting):
                written = posting
                if !posting.isVoid { try countBalance(of: invoice, customer: posting.customer, total: posting.total) }
                row.status = .success
                row.message = mapping.notes.joined(separator: "; ")
                row.warning = mapping.warnings.joined(separator: "; ")
                try writeLists(for: mapping, invoice: invoice, record: record)
                for (account, type) in Self.accounts(of: posting) { addAccount(account, type) }
                if let tax = posting.salesTax {
                    useSalesTaxItem(tax.item, ratePercent: tax.ratePercent)
                    if !posting.isVoid { countSalesTax(tax) }
                }
                for writer in writers { row.targets += try writer.add(posting) }
                try recordInvoice(invoice, posting: posting, targets: row.targets)
            }
            log.recordInvoice(status: invoice.status, total: amount, date: invoice.invoiceDate, row: row.status, written: written, formats: formats)
            rememberForPayments(invoice, outcome: mapping.outcome)
            capturePreview(row, invoice: invoice, mapping: mapping)
            try log.add(row)
        }
    }

    /// The accounts an invoice posts to: receivable, each line's, and sales tax payable when taxed.
    static func accounts(of posting: QBInvoice) -> [(String, QBAccountType)] {
        var accounts: [(String, QBAccountType)] = [(QBInvoice.receivableAccount, .accountsReceivable)]
        accounts += posting.lines.map { ($0.account, .income) }
        if posting.salesTax != nil || posting.lines.contains(where: { $0.taxAmount != nil }) {
            accounts.append((QBInvoice.salesTaxAccount, .salesTaxPayable))
        }
        return accounts
    }

    /// Keeps what the payment rules need of an invoice, when the export has payments.
    private func rememberForPayments(_ invoice: Invoice, outcome: InvoiceOutcome) {
        guard export.files[.payments] != nil else { return }
        let facts: InvoiceFacts.Outcome
        switch outcome {
        case .write(let posting) where posting.isVoid: facts = .notWritable("void")
        case .write(let posting): facts = .written(customer: posting.customer, refNumber: posting.refNumber, total: posting.total)
        case .skip(let reason) where invoice.status == .draft: facts = .notWritable(reason)
        case .skip(let reason): facts = .skipped(reason)
        case .fail(let problem): facts = .failed(problem.code)
        }
        invoiceFacts.record(facts, for: invoice.id)
    }

    func writeLists(for mapping: InvoiceMapping, invoice: Invoice, record: RawRecord) throws {
        let label = "Invoice #\(invoice.id)"
        if let (customer, renamedFrom) = mapping.createdCustomer {
            let cuts = customers.contactFields(of: invoice.customer, fallbackBilling: invoice.billingAddress,
                                               shipping: invoice.serviceAddress).notes
            let warnings = (renamedFrom.map { [Self.renamed(customer.name, because: customers.renameReason($0))] } ?? []) + cuts
            try log.add(ReportRow(timestamp: timestamp(of: invoice), entityType: .customer,
                                  sourceID: invoice.customer.id ?? "", entity: "Customer \(invoice.customer.name)",
                                  status: .success, message: createdMessage(for: label), fix: "", source: record.location.description,
                                  targets: addCustomer(customer, source: invoice.customer), isSourceRow: false,
                                  warning: warnings.joined(separator: "; ")))
        }
        if let (customer, earlier, update) = mapping.changedCustomer {
            var row = ReportRow(timestamp: timestamp(of: invoice), entityType: .customer, sourceID: invoice.customer.id ?? "",
                                entity: "Customer \(invoice.customer.name)", status: .success, message: "", fix: "",
                                source: record.location.description, targets: [], isSourceRow: false)
            try customerChanged(invoice.customer, entry: customer, earlier: earlier, update: update, row: &row)
            try log.add(row)
        }
        for (item, renamedFrom) in mapping.createdItems {
            try log.add(ReportRow(timestamp: timestamp(of: invoice), entityType: .item, sourceID: "",
                                  entity: "Item \(renamedFrom ?? item.name)", status: .success, message: "Created for \(label)", fix: "",
                                  source: record.location.description, targets: addItem(item, original: renamedFrom ?? item.name),
                                  isSourceRow: false,
                                  warning: renamedFrom.map { Self.renamed(item.name, because: "from \"\($0)\", \(items.renameReason($0))") } ?? ""))
        }
    }

    /// "Created", and why a created customer is not in QuickBooks yet.
    private func createdMessage(for label: String?) -> String {
        let message = customers.knowsBooks ? "Customer not found in QuickBooks: created" : "Created"
        return label.map { "\(message) for \($0)" } ?? message
    }

    /// The warning of a list entry created under another name than Run a Call's.
    static func renamed(_ name: String, because reason: String) -> String { "Created as \"\(name)\" (\(reason))" }

    /// When the invoice's sync event happened: paid (on payment), voided, sent, else its date.
    private func timestamp(of invoice: Invoice) -> String {
        if configuration.invoices.when == .onPayment, let paid = invoice.paidAt { return paid.text }
        if invoice.status == .void, let voided = invoice.voidedAt { return voided.text }
        return invoice.sentAt?.text ?? invoice.invoiceDate.description
    }

    /// Adds an invoice QuickBooks holds to its customer's balances: its balance_due, and its total in
    /// QuickBooks less the payments earlier batches applied (this batch's payments come off as written).
    func countBalance(of invoice: Invoice, customer: String, total: Money) throws {
        guard let due = invoice.balanceDue else { return }
        let paidEarlier = try ledger?.applied(toInvoice: invoice.id, refunds: false) ?? .zero
        balances[customer, default: (.zero, .zero)].export += due
        balances[customer, default: (.zero, .zero)].written += total - paidEarlier
    }

    // MARK: Finish

    /// Compares each customer's receivable in QuickBooks with the export's balance_due, under the name
    /// QuickBooks holds after this batch (invoices counted before the run met a rename join it).
    func reconcileBalances() {
        var byName: [String: (export: Money, written: Money)] = [:]
        for (customer, balance) in balances {
            let name = customers.quickBooksName(customer)
            byName[name, default: (.zero, .zero)].export += balance.export
            byName[name, default: (.zero, .zero)].written += balance.written
        }
        log.recordMoney { summary in
            for (customer, balance) in byName.sorted(by: { $0.key < $1.key }) {
                summary.balanceDueInExport = summary.balanceDueInExport + balance.export
                summary.receivableWritten = summary.receivableWritten + balance.written
                if balance.export != balance.written { summary.customersNotReconciled.append(customer) }
            }
        }
    }

    func finishWriters() throws -> (files: [String], parts: [String: Int]) {
        noteUndeclaredSalesTax()
        noteSalesTax()
        var files: [String] = []
        var parts: [String: Int] = [:]
        for writer in writers {
            let (written, counts) = try writer.finish(lists: lists, into: staging)
            files += written
            parts.merge(counts) { $1 }
        }
        return (files, parts)
    }

}
