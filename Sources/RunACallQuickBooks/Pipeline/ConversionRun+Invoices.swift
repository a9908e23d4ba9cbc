/// The invoices: read (on the reading thread, decoded there) → history gathered → decided
/// (`InvoiceDecider`, pure) → applied here: the lists it creates, the writers, the ledger, the report.
extension ConversionRun {
    /// IDs that occur more than once in the invoices files, all of them read
    /// in order (or whose CSV rows are split), and how many records the files hold.
    private func duplicateInvoiceIDs() throws -> (ids: Set<String>, records: Int) {
        progress.begin("invoice ids")
        return try DuplicateIDs.find({ try export.stream(.invoices) }, tick: tick)
    }

    func readInvoices() throws {
        let (duplicates, records) = try duplicateInvoiceIDs()
        guard let stream = try export.stream(.invoices) else { return }
        progress.begin("invoices", total: records)
        // The checks that need no name resolved are made on the reading thread too, where there is one.
        let preparer = options.readsAhead ? invoiceDecider.preparer : nil
        let reader = RecordReader(stream, decode: { record -> ReadInvoice in
            let decoded = Self.decode { try RecordDecoder.invoice(record) }
            switch decoded {
            case .success(let invoice): return ReadInvoice(decoded: decoded, prepared: preparer?.prepare(invoice))
            case .failure: return ReadInvoice(decoded: decoded, readable: RecordDecoder.readableMoney(ofUnreadable: record))
            }
        }, readsAhead: options.readsAhead)
        defer { reader.stop() }
        while let (record, read) = try reader.next() {
            tick()
            let row = ReportRow(timestamp: "", entityType: .invoice, sourceID: record.id ?? "",
                                entity: "Invoice #\(record.id ?? "?")", status: .failed, message: "", fix: "",
                                source: record.location.description, targets: [], isSourceRow: true)
            let decision: InvoiceDecision
            switch read.decoded {
            case .failure(let problem):
                decision = invoiceDecider.unreadable(row, problem, id: record.id, readable: read.readable)
            case .success(let invoice):
                let duplicated = duplicates.contains(invoice.id)
                decision = invoiceDecider.decide(invoice, prepared: read.prepared, row: row, duplicated: duplicated,
                                                 history: duplicated ? .none : try history(of: invoice))
            }
            try apply(decision, record: record)
        }
    }

    /// An invoice record as the reading thread leaves it: decoded, with its mapping's checks that need no name
    /// (`InvoicePreparer`) when it made them, or, unreadable, the status and total that still read.
    private struct ReadInvoice {
        var decoded: Result<Invoice, Problem>
        var prepared: InvoicePreparation? = nil
        var readable: (status: InvoiceStatus, total: Money)? = nil
    }

    /// What earlier batches tell of the invoice (nothing without a ledger); when it was received paid only for an edit.
    private func history(of invoice: Invoice) throws -> InvoiceHistory {
        guard let ledger else { return .none }
        var history = InvoiceHistory()
        history.previous = try earlierExport(of: .invoice, invoice.id)
        if let previous = history.previous {
            if let id = invoice.customer.id, SyncedFields.values(previous.fields)["customer"] != nil {
                try ledger.exports(of: .customer, id) { history.customerExports.append($0.fields) }
            }
            let fields = invoiceDecider.syncedFields(of: invoice, previous: previous, customerExports: history.customerExports)
            if invoiceDecider.isEdit(invoice, previous: previous, fields: fields) {
                history.paymentTimes = [try firstPaymentInExport(of: invoice.id)].compactMap { $0 }
                    + (try ledger.receivedTimes(ofPaymentsTo: invoice.id))
            }
        }
        if invoice.balanceDue != nil { history.paidEarlier = try appliedEarlier(toInvoice: invoice.id, refunds: false) }
        return history
    }

    /// The earliest `received_at` of the invoice's payments (not refunds) in the export; the payments file is read
    /// once, the first time an edit of an invoice an earlier batch exported asks.
    private func firstPaymentInExport(of invoiceID: String) throws -> Timestamp? {
        if let known = firstPaymentsInExport { return known[invoiceID] }
        var first: [String: Timestamp] = [:]
        if let stream = try export.stream(.payments) {
            while let record = try stream.next() {
                guard let payment = try? RecordDecoder.payment(record), payment.kind == .payment else { continue }
                if let earlier = first[payment.invoiceID], !(TimestampInstant(payment.receivedAt) < TimestampInstant(earlier)) { continue }
                first[payment.invoiceID] = payment.receivedAt
            }
        }
        firstPaymentsInExport = first
        return first[invoiceID]
    }

    /// Carries out a decision: the list entries it creates, the rendering, the ledger, what the
    /// payments and balances keep, the summary, the preview and the report row, in that order.
    private func apply(_ decision: InvoiceDecision, record: RawRecord) throws {
        var row = decision.row
        if !decision.earlierBatch, let mapping = decision.mapping { countUnmappedRates(mapping.unmappedRates) }
        if let invoice = decision.invoice, let mapping = decision.mapping, let rendering = decision.rendering {
            try writeLists(for: mapping, invoice: invoice, record: record)
            let posting: QBInvoice? = switch rendering {
            case .add(let posting), .update(let posting, _, _): posting
            case .void: nil
            }
            if let posting { for (account, type) in Self.accounts(of: posting) { addAccount(account, type) } }
            if case .add(let posting) = rendering, let tax = posting.salesTax {
                useSalesTaxItem(tax.item, ratePercent: tax.ratePercent)
                if !posting.isVoid { countSalesTax(tax) }
            }
        }
        if let rendering = decision.rendering { row.targets = try render(rendering) }
        if let invoice = decision.invoice, let memory = decision.memory { try remember(invoice, memory, targets: row.targets) }
        if let balance = decision.balance {
            balances.add(customer: balance.customer, due: balance.due, held: balance.held)
        }
        if let id = decision.invoice?.id ?? record.id, let facts = decision.facts {
            try invoiceFacts?.record(facts, txnID: decision.txnID, for: id)
        }
        let invoice = decision.invoice
        log.recordInvoice(status: invoice?.status ?? decision.readableStatus, total: decision.amount, date: invoice?.invoiceDate, row: row.status,
                          written: decision.written, formats: formats, earlierBatch: decision.earlierBatch)
        capturePreview(row, invoice: invoice, mapping: decision.earlierBatch ? nil : decision.mapping)
        try log.add(row)
    }

    /// The targets of a rendering: every writer adds a new invoice; qbXML alone voids and updates.
    private func render(_ rendering: InvoiceRendering) throws -> [OutputTarget] {
        switch rendering {
        case .add(let posting):
            var targets: [OutputTarget] = []
            for writer in writers { targets += try writer.add(posting) }
            return targets
        case .void(let invoiceID, let txnID):
            return try qbxml?.void(invoiceID: invoiceID, txnID: txnID) ?? []
        case .update(let posting, let txnID, let editSequence):
            return try qbxml?.update(posting, txnID: txnID, editSequence: editSequence) ?? []
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
}
