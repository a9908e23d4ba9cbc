/// What the ledger tells a run, and what the run tells the ledger.
extension ConversionRun {
    // MARK: Lists from earlier batches

    /// Makes the customers and items earlier batches created known, so they are never created again.
    func rememberEarlierLists() throws {
        guard let ledger else { return }
        var history: [String: [String]] = [:]
        try ledger.customerNames { id, name in history[id, default: []].append(name) }
        for names in history.values { if let latest = names.last { customers.holds(latest) } }
        for names in history.values {
            guard let latest = names.last else { continue }
            for former in names.dropLast() { customers.formerName(former, of: latest) }
        }
        try ledger.latestExports(of: .customer) { entry in
            var entry = entry
            let fields = SyncedFields.values(entry.fields)
            let email = fields["email"].flatMap { $0.isEmpty ? nil : SyncedFields.unescaped($0) }
            if let pending = fields[SyncedFields.pendingName].map(SyncedFields.unescaped), let old = entry.customer {
                if renameIsInBooks(from: old, to: pending, email: email) {
                    try recordRenameFromBooks(&entry, to: pending)
                    customers.rename(old, to: pending)
                } else {
                    customers.reserve(pending)
                }
            }
            if let id = fields["id"], !id.isEmpty { customers.remember(entry, id: SyncedFields.unescaped(id)) }
            customers.remember(name: fields["name"].map(SyncedFields.unescaped) ?? entry.sourceID, email: email,
                               as: entry.customer ?? entry.sourceID)
        }
        try ledger.latestExports(of: .item) { entry in
            let fields = SyncedFields.values(entry.fields)
            let kind = fields["kind"].flatMap(QBItemKind.init(rawValue:)) ?? .service
            items.remember(QBItem(name: entry.customer ?? entry.sourceID, sourceID: nil, kind: kind, description: nil,
                                  account: fields["account"].map(SyncedFields.unescaped) ?? configuration.items.defaultIncomeAccount,
                                  price: nil, taxable: false),
                           as: entry.sourceID)
        }
    }

    /// Records an item the run creates (nothing without a ledger: its synced fields are not even computed).
    func recordItem(_ item: QBItem, original: String, targets: [OutputTarget]) throws {
        guard let ledger else { return }
        let fields = SyncedFields(lines: ["name: \(SyncedFields.escaped(original))", "account: \(SyncedFields.escaped(item.account))",
                                          "kind: \(item.kind.rawValue)"])
        try ledger.record(LedgerEntry(entity: .item, sourceID: original, hash: fields.hash, fields: fields.text,
                                      customer: item.name, targets: Self.label(targets), requestID: Self.requestID(targets)))
    }

    static func label(_ targets: [OutputTarget]) -> String { targets.map { $0.label(parts: 1) }.joined(separator: "; ") }

    /// The qbXML requestID among a record's targets.
    static func requestID(_ targets: [OutputTarget]) -> String? { targets.first { $0.format == .qbxml }?.anchor }

    // MARK: Invoices

    /// Records an invoice written (nothing without a ledger: its synced fields are not even computed).
    func recordInvoice(_ invoice: Invoice, posting: QBInvoice, targets: [OutputTarget]) throws {
        guard let ledger else { return }
        let fields = SyncedFields(invoice)
        try ledger.record(LedgerEntry(entity: .invoice, sourceID: invoice.id, hash: fields.hash, fields: fields.text,
                                      customer: posting.customer, docNumber: posting.refNumber, total: posting.total,
                                      status: invoice.status.rawValue, targets: Self.label(targets), requestID: Self.requestID(targets)))
    }

    /// What becomes of an invoice an earlier batch exported: nothing again when
    /// unchanged; a void or an edit before payment is written as a qbXML
    /// TxnVoidRq / InvoiceModRq when QuickBooks' TxnID is known (ingested),
    /// else told to the user; an edit after payment fails. Never duplicated.
    func exportedInvoice(_ invoice: Invoice, previous: LedgerEntry, record: RawRecord, row: inout ReportRow) throws {
        let number = previous.docNumber ?? invoice.id
        let batch = previous.batch
        let wasVoid = previous.status == InvoiceStatus.void.rawValue
        var earlierCustomer: [String] = []
        if let id = invoice.customer.id, SyncedFields.values(previous.fields)["customer"] != nil {
            try ledger?.exports(of: .customer, id) { earlierCustomer.append($0.fields) }
        }
        let fields = SyncedFields(invoice, recordedCustomer: SyncedFields.recordedCustomer(in: previous.fields, naming: invoice.customer,
                                                                                          earlier: earlierCustomer))
        var facts = InvoiceFacts.Outcome.exported(customer: previous.customer ?? invoice.customer.name,
                                                  refNumber: previous.docNumber, total: previous.total ?? .zero)
        row.status = .skipped
        if invoice.status == .void, !wasVoid {
            facts = .notWritable("void")
            let byHand = "void invoice #\(number) in QuickBooks (it keeps its number with a 0.00 balance)"
            if let qbxml, let txnID = previous.txnID {
                row.targets = try qbxml.void(invoiceID: invoice.id, txnID: txnID)
                row.status = .success
                row.message = "Voided in Run a Call after batch \(batch): TxnVoidRq voids invoice #\(number) in QuickBooks (it keeps its number with a 0.00 balance)"
                row.warn(byHandInOtherFormats(byHand))
                try recordChange(.void, invoice, fields: fields, previous: previous, total: .zero, targets: row.targets)
            } else {
                row.message = "Voided in Run a Call after batch \(batch): \(byHand)" + whyNotByQBXML("TxnID", known: false, batch: batch)
            }
        } else if wasVoid || fields.hash == previous.hash {
            row.message = "Already exported in batch \(batch)"
            if wasVoid { facts = .notWritable("void") }
        } else {
            let changes = fields.changes(from: previous.fields).joined(separator: "; ")
            let order = try editOrder(of: invoice)
            if case .afterPayment(let edited, let paid) = order {
                row.fail(.editedAfterPayment(number, batch: batch, changes: changes, edited: edited, paid: paid))
            } else if case .unknown(let why) = order {
                row.fail(.editedAndPaid(number, batch: batch, changes: changes, why: why))
            } else if let qbxml, let txnID = previous.txnID, let editSequence = previous.editSequence {
                let mapping = mapper.map(invoice)
                switch mapping.outcome {
                case .write(let posting):
                    try writeLists(for: mapping, invoice: invoice, record: record)
                    for (account, type) in Self.accounts(of: posting) { addAccount(account, type) }
                    row.targets = try qbxml.update(posting, txnID: txnID, editSequence: editSequence)
                    row.status = .success
                    row.isUpdate = true
                    row.message = "\(ReportRow.updatedPrefix) invoice #\(number) was edited in Run a Call after batch \(batch); InvoiceModRq changes it in QuickBooks: \(changes)"
                    row.warn(byHandInOtherFormats("change it in QuickBooks: \(changes)"))
                    try recordChange(.update, invoice, fields: fields, previous: previous, total: posting.total, targets: row.targets)
                    facts = .exported(customer: posting.customer, refNumber: posting.refNumber, total: posting.total)
                case .fail(let problem):
                    row.fail(.editNotWritable(number, batch: batch, problem: problem))
                case .skip(let reason):
                    row.message = "Needs update: invoice #\(number) was edited in Run a Call after batch \(batch) (\(reason)); change it in QuickBooks: \(changes)"
                }
            } else {
                row.message = "Needs update: invoice #\(number) was edited in Run a Call after batch \(batch); change it in QuickBooks: \(changes)"
                    + whyNotByQBXML("TxnID", known: previous.txnID != nil, batch: batch)
                if qbxml == nil {
                    // What the report tells the user to do by hand is what the ledger assumes done.
                    let total = invoice.total ?? InvoiceArithmetic.total(of: invoice)
                    try recordChange(.noted, invoice, fields: fields, previous: previous, total: total, targets: [])
                    facts = .exported(customer: previous.customer ?? invoice.customer.name, refNumber: previous.docNumber, total: total)
                }
            }
        }
        if case .exported(let customer, _, let total) = facts, invoice.status != .void {
            try countBalance(of: invoice, customer: customer, total: total)
        }
        if export.files[.payments] != nil {
            invoiceFacts.record(facts, for: invoice.id)
            if let txnID = previous.txnID { invoiceFacts.recordTxnID(txnID, for: invoice.id) }
        }
    }

    /// The qbXML writer, when qbXML is written.
    var qbxml: QBXMLWriter? { writers.lazy.compactMap { $0 as? QBXMLWriter }.first }

    /// What the formats other than qbXML leave to the user, when the run writes some (empty otherwise).
    private func byHandInOtherFormats(_ task: String) -> String {
        let others = formats.filter { $0 != .qbxml }
        return others.isEmpty ? "" : "\(others.map(\.rawValue).joined(separator: ", ")): \(task)"
    }

    /// Why qbXML could not do it itself: QuickBooks' `id` (TxnID, ListID) is not known, or, when `known`,
    /// the edit sequence of the record's last change is not (its response was not ingested yet).
    func whyNotByQBXML(_ id: String, known: Bool, batch: Int64) -> String {
        guard qbxml != nil else { return "" }
        return known
            ? " (its change of batch \(batch) has no QuickBooks response yet: ingest it with rac2qb ingest to have qbXML do it)"
            : " (QuickBooks' \(id) is not known: ingest batch \(batch)'s QuickBooks responses with rac2qb ingest to have qbXML do it)"
    }

    /// Records an update or void of an invoice an earlier batch added: its QuickBooks identity carries over.
    private func recordChange(_ action: LedgerAction, _ invoice: Invoice, fields: SyncedFields, previous: LedgerEntry,
                              total: Money, targets: [OutputTarget]) throws {
        try ledger?.record(LedgerEntry(entity: .invoice, sourceID: invoice.id, hash: fields.hash, fields: fields.text,
                                       customer: previous.customer, docNumber: previous.docNumber, total: total,
                                       status: invoice.status.rawValue, targets: Self.label(targets), action: action,
                                       requestID: Self.requestID(targets), txnID: previous.txnID, listID: nil, editSequence: nil))
    }

    // MARK: Payments and payouts

    /// Records a payment or refund with its customer and the Stripe payout that will deposit it, if it names one
    /// (nothing without a ledger: its synced fields are not even computed).
    func recordPayment(_ payment: Payment, customer: String, targets: [OutputTarget]) throws {
        guard let ledger else { return }
        let fields = SyncedFields(payment)
        let entity: EntityType = payment.kind == .refund ? .refund : .payment
        try ledger.record(LedgerEntry(entity: entity, sourceID: payment.id, hash: fields.hash,
                                      fields: fields.text, customer: customer, total: payment.amount, targets: Self.label(targets),
                                      requestID: Self.requestID(targets), invoiceID: payment.invoiceID))
        if let payoutID = payment.payoutID { try ledger.recordPayoutID(payoutID, of: entity, payment.id) }
    }

    /// Records a payout's deposit and the payments and refunds it takes out of Undeposited Funds (never deposited again);
    /// nothing without a ledger (its synced fields are not even computed).
    func recordPayout(_ payout: Payout, lines: [QBDepositLine], targets: [OutputTarget]) throws {
        guard let ledger else { return }
        let fields = SyncedFields(payout)
        try ledger.record(LedgerEntry(entity: .payout, sourceID: payout.id, hash: fields.hash, fields: fields.text,
                                      total: payout.net, targets: Self.label(targets), requestID: Self.requestID(targets)))
        try ledger.recordDeposit(payout: payout.id, of: lines.compactMap(\.deposited))
    }

    /// The batch that already exported a payment, refund or payout, if one did.
    func exportedBatch(_ entity: EntityType, _ id: String) throws -> Int64? {
        try ledger?.lastExport(of: entity, id)?.batch
    }
}
