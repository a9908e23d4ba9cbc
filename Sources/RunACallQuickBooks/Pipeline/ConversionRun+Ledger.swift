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
        try ledger?.later { ledger in
            let fields = SyncedFields(lines: ["name: \(SyncedFields.escaped(original))", "account: \(SyncedFields.escaped(item.account))",
                                              "kind: \(item.kind.rawValue)"])
            try ledger.record(LedgerEntry(entity: .item, sourceID: original, hash: fields.hash, fields: fields.text,
                                          customer: item.name, targets: Self.label(targets), requestID: Self.requestID(targets)))
        }
    }

    static func label(_ targets: [OutputTarget]) -> String { OutputTarget.labels(targets) { _ in 1 } }

    /// The qbXML requestID among a record's targets.
    static func requestID(_ targets: [OutputTarget]) -> String? { targets.first { $0.format == .qbxml }?.anchor }

    // MARK: Invoices

    /// Records what a decided invoice asks the ledger to remember (nothing without a ledger: the synced
    /// fields of a new invoice are not even computed).
    func remember(_ invoice: Invoice, _ memory: InvoiceMemory, targets: [OutputTarget]) throws {
        try ledger?.later { ledger in
            switch memory {
            case .added(let posting):
                let fields = SyncedFields(invoice)
                try ledger.record(LedgerEntry(entity: .invoice, sourceID: invoice.id, hash: fields.hash, fields: fields.text,
                                              customer: posting.customer, docNumber: posting.refNumber, total: posting.total,
                                              status: invoice.status.rawValue, targets: Self.label(targets), requestID: Self.requestID(targets)))
            case .changed(let action, let fields, let previous, let total):
                try ledger.record(LedgerEntry(entity: .invoice, sourceID: invoice.id, hash: fields.hash, fields: fields.text,
                                              customer: previous.customer, docNumber: previous.docNumber, total: total,
                                              status: invoice.status.rawValue, targets: Self.label(targets), action: action,
                                              requestID: Self.requestID(targets), txnID: previous.txnID, listID: nil, editSequence: nil))
            }
        }
    }

    /// The qbXML writer, when qbXML is written.
    var qbxml: QBXMLWriter? { writers.lazy.compactMap { $0 as? QBXMLWriter }.first }

    /// Why qbXML could not do it itself (the decider's words).
    func whyNotByQBXML(_ id: String, known: Bool, batch: Int64) -> String {
        invoiceDecider.whyNotByQBXML(id, known: known, batch: batch)
    }

    // MARK: Payments and payouts

    /// Records a payment or refund with its customer and the Stripe payout that will deposit it, if it names one
    /// (nothing without a ledger: its synced fields are not even computed).
    func recordPayment(_ payment: Payment, customer: String, targets: [OutputTarget]) throws {
        try ledger?.later { ledger in
            let fields = SyncedFields(payment)
            let entity: EntityType = payment.kind == .refund ? .refund : .payment
            try ledger.record(LedgerEntry(entity: entity, sourceID: payment.id, hash: fields.hash,
                                          fields: fields.text, customer: customer, total: payment.amount, targets: Self.label(targets),
                                          requestID: Self.requestID(targets), invoiceID: payment.invoiceID),
                              payoutID: payment.payoutID)
        }
    }

    /// Records a payout's deposit and the payments and refunds it takes out of Undeposited Funds (never deposited again);
    /// nothing without a ledger (its synced fields are not even computed).
    func recordPayout(_ payout: Payout, lines: [QBDepositLine], targets: [OutputTarget]) throws {
        guard let ledger else { return }
        // What the write keeps until it runs: the deposited records' ids, not the lines with their customers' names.
        let deposited = lines.compactMap(\.deposited)
        try ledger.later(weight: 1 + deposited.count) { ledger in
            let fields = SyncedFields(payout)
            try ledger.record(LedgerEntry(entity: .payout, sourceID: payout.id, hash: fields.hash, fields: fields.text,
                                          total: payout.net, targets: Self.label(targets), requestID: Self.requestID(targets)))
            try ledger.recordDeposit(payout: payout.id, of: deposited)
        }
    }

    /// The batch that already exported a payment, refund or payout, if one did.
    func exportedBatch(_ entity: EntityType, _ id: String) throws -> Int64? {
        try earlierExport(of: entity, id)?.batch
    }

    /// The latest standing export of a record, if any: asked of the ledger only when `earlier` may hold it.
    func earlierExport(of entity: EntityType, _ id: String) throws -> LedgerEntry? {
        guard let ledger, earlier?.mayHold(entity, id) ?? true else { return nil }
        return try ledger.lastExport(of: entity, id)
    }

    /// Σ payments − refunds standing exports applied to an invoice (Σ payments alone with `refunds: false`), zero
    /// without a ledger: asked of the ledger only when `earlier` may hold a payment of it.
    func appliedEarlier(toInvoice invoiceID: String, refunds: Bool = true) throws -> Money {
        guard let ledger, earlier?.mayHavePayments(toInvoice: invoiceID) ?? true else { return .zero }
        return try ledger.applied(toInvoice: invoiceID, refunds: refunds)
    }
}
