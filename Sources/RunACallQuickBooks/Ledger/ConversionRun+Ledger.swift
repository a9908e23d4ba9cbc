/// What the ledger tells a run, and what the run tells the ledger.
extension ConversionRun {
    // MARK: Lists from earlier batches

    /// Makes the customers and items earlier batches created known, so they are never created again.
    func rememberEarlierLists() throws {
        guard let ledger else { return }
        try ledger.latestExports(of: .customer) { entry in
            let fields = SyncedFields.values(entry.fields)
            customers.remember(name: fields["name"].map(SyncedFields.unescaped) ?? entry.sourceID,
                               email: fields["email"].flatMap { $0.isEmpty ? nil : SyncedFields.unescaped($0) },
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

    func recordCustomer(_ customer: QBCustomer, source: Customer, targets: [OutputTarget]) throws {
        let fields = SyncedFields(lines: ["name: \(SyncedFields.escaped(source.name))", "email: \(SyncedFields.escaped(source.email))"])
        try ledger?.record(LedgerEntry(entity: .customer, sourceID: customer.name, hash: fields.hash, fields: fields.text,
                                       customer: customer.name, targets: Self.label(targets)))
    }

    func recordItem(_ item: QBItem, original: String, targets: [OutputTarget]) throws {
        let fields = SyncedFields(lines: ["name: \(SyncedFields.escaped(original))", "account: \(SyncedFields.escaped(item.account))",
                                          "kind: \(item.kind.rawValue)"])
        try ledger?.record(LedgerEntry(entity: .item, sourceID: original, hash: fields.hash, fields: fields.text,
                                       customer: item.name, targets: Self.label(targets)))
    }

    private static func label(_ targets: [OutputTarget]) -> String { targets.map { $0.label(parts: 1) }.joined(separator: "; ") }

    // MARK: Invoices

    func recordInvoice(_ invoice: Invoice, posting: QBInvoice, targets: [OutputTarget]) throws {
        let fields = SyncedFields(invoice)
        try ledger?.record(LedgerEntry(entity: .invoice, sourceID: invoice.id, hash: fields.hash, fields: fields.text,
                                       customer: posting.customer, docNumber: posting.refNumber, total: posting.total,
                                       status: invoice.status.rawValue, targets: Self.label(targets)))
    }

    /// What becomes of an invoice an earlier batch exported: nothing again when
    /// unchanged; a void or an edit is told to the user, never duplicated.
    func exportedInvoice(_ invoice: Invoice, previous: LedgerEntry, row: inout ReportRow) {
        let number = previous.docNumber ?? invoice.id
        let batch = previous.batch
        let wasVoid = previous.status == InvoiceStatus.void.rawValue
        let fields = SyncedFields(invoice)
        var facts = InvoiceFacts.Outcome.exported(customer: previous.customer ?? invoice.customer.name,
                                                  refNumber: previous.docNumber, total: previous.total ?? .zero)
        row.status = .skipped
        if invoice.status == .void, !wasVoid {
            row.message = "Voided in Run a Call after batch \(batch): void invoice #\(number) in QuickBooks (it keeps its number with a 0.00 balance)"
            facts = .notWritable("void")
        } else if wasVoid || fields.hash == previous.hash {
            row.message = "Already exported in batch \(batch)"
            if wasVoid { facts = .notWritable("void") }
        } else {
            let changes = fields.changes(from: previous.fields).joined(separator: "; ")
            let paid = invoice.status == .paid || invoice.status == .partiallyPaid || (invoice.amountPaid ?? .zero) != .zero
            if paid {
                row.status = .failed
                row.message = "Edited after payment: invoice #\(number) changed in Run a Call after batch \(batch) (\(changes)); post-payment edits are blocked"
                row.fix = "Void invoice #\(number) in Run a Call and re-issue it: the void and the new invoice are then written; the paid invoice is never changed in place."
            } else {
                row.message = "Needs update: invoice #\(number) was edited in Run a Call after batch \(batch); change it in QuickBooks: \(changes)"
            }
        }
        if export.files[.payments] != nil { invoiceFacts.record(facts, for: invoice.id) }
    }

    // MARK: Payments and payouts

    func recordPayment(_ payment: Payment, targets: [OutputTarget]) throws {
        let fields = SyncedFields(payment)
        try ledger?.record(LedgerEntry(entity: payment.kind == .refund ? .refund : .payment, sourceID: payment.id, hash: fields.hash,
                                       fields: fields.text, total: payment.amount, targets: Self.label(targets)))
    }

    func recordPayout(_ payout: Payout, targets: [OutputTarget]) throws {
        let fields = SyncedFields(payout)
        try ledger?.record(LedgerEntry(entity: .payout, sourceID: payout.id, hash: fields.hash, fields: fields.text,
                                       total: payout.net, targets: Self.label(targets)))
    }

    /// The batch that already exported a payment, refund or payout, if one did.
    func exportedBatch(_ entity: EntityType, _ id: String) throws -> Int64? {
        try ledger?.lastExport(of: entity, id)?.batch
    }
}
