import RunACallRead

/// An invoice an earlier batch exported: nothing again when unchanged; a void or an edit before
/// payment is a qbXML TxnVoidRq / InvoiceModRq when QuickBooks' TxnID is known (ingested), else
/// told to the user; an edit after payment fails. Never duplicated. With `invoices.sync: false`
/// nothing of it is written or assumed done: it is skipped, saying what changed.
extension InvoiceDecider {
    func decideExported(_ invoice: Invoice, prepared: InvoicePreparation?, previous: LedgerEntry, history: InvoiceHistory,
                        into decision: inout InvoiceDecision) {
        let number = previous.docNumber ?? invoice.id
        let batch = previous.batch
        let wasVoid = previous.status == InvoiceStatus.void.rawValue
        let fields = syncedFields(of: invoice, previous: previous, customerExports: history.customerExports)
        var facts = InvoiceFact.exported(customer: previous.customer ?? invoice.customer.name,
                                                  refNumber: previous.docNumber, total: previous.total ?? .zero)
        decision.row.status = .skipped
        if !configuration.invoices.sync {
            // No void, no update, nothing noted as done: QuickBooks keeps what the earlier batch wrote.
            let what: String
            if invoice.status == .void, !wasVoid {
                what = "voided in Run a Call after batch \(batch), not voided in QuickBooks"
            } else if isEdit(invoice, previous: previous, fields: fields) {
                what = "edited in Run a Call after batch \(batch), not changed in QuickBooks: "
                    + fields.changes(from: previous.fields).joined(separator: "; ")
            } else {
                what = "exported in batch \(batch)"
            }
            decision.row.message = "\(InvoicePreparer.syncOffReason): \(what)"
            if invoice.status == .void || wasVoid { facts = .notWritable("void") }
        } else if invoice.status == .void, !wasVoid {
            facts = .notWritable("void")
            let byHand = "void invoice #\(number) in QuickBooks (it keeps its number with a 0.00 balance)"
            if writesQBXML, let txnID = previous.txnID {
                decision.rendering = .void(invoiceID: invoice.id, txnID: txnID)
                decision.row.status = .success
                decision.row.message = "Voided in Run a Call after batch \(batch): TxnVoidRq voids invoice #\(number) in QuickBooks (it keeps its number with a 0.00 balance)"
                decision.row.warn(byHandInOtherFormats(byHand))
                decision.memory = .changed(.void, fields: fields, previous: previous, total: .zero)
            } else {
                decision.row.message = "Voided in Run a Call after batch \(batch): \(byHand)" + whyNotByQBXML("TxnID", known: false, batch: batch)
            }
        } else if wasVoid || fields.hash == previous.hash {
            decision.row.message = "Already exported in batch \(batch)"
            if wasVoid { facts = .notWritable("void") }
        } else {
            decideEdit(invoice, prepared: prepared, fields: fields, previous: previous, history: history, facts: &facts, into: &decision)
        }
        if case .exported(let customer, _, let total) = facts, invoice.status != .void {
            decision.balance = balance(of: invoice, customer: customer, total: total, history: history)
        }
        if paymentsInExport {
            decision.facts = facts
            decision.txnID = previous.txnID
        }
    }

    /// The invoice's synced fields, its customer named as `previous` recorded it when that names the same customer
    /// (`customerExports`: the fields of the customer's own exports).
    public func syncedFields(of invoice: Invoice, previous: LedgerEntry, customerExports: [String]) -> SyncedFields {
        SyncedFields(invoice, recordedCustomer: SyncedFields.recordedCustomer(in: previous.fields, naming: invoice.customer,
                                                                              earlier: customerExports))
    }

    /// Whether the invoice is an edit of what `previous` exported: its synced `fields` changed and neither it nor
    /// that export is void. Only an edit asks when the invoice's payments were received (`InvoiceHistory.paymentTimes`).
    public func isEdit(_ invoice: Invoice, previous: LedgerEntry, fields: SyncedFields) -> Bool {
        previous.status != InvoiceStatus.void.rawValue && invoice.status != .void && fields.hash != previous.hash
    }

    /// An edit since the earlier batch's export: blocked after payment, an InvoiceModRq when qbXML can, else by hand.
    private func decideEdit(_ invoice: Invoice, prepared: InvoicePreparation?, fields: SyncedFields, previous: LedgerEntry,
                            history: InvoiceHistory, facts: inout InvoiceFact, into decision: inout InvoiceDecision) {
        let number = previous.docNumber ?? invoice.id
        let batch = previous.batch
        let changes = fields.changes(from: previous.fields).joined(separator: "; ")
        switch EditOrder.of(invoice, paymentTimes: history.paymentTimes) {
        case .afterPayment(let edited, let paid):
            decision.row.fail(.editedAfterPayment(number, batch: batch, changes: changes, edited: edited, paid: paid))
        case .unknown(let why):
            decision.row.fail(.editedAndPaid(number, batch: batch, changes: changes, why: why))
        case .beforePayment:
            guard writesQBXML, let txnID = previous.txnID, let editSequence = previous.editSequence else {
                decision.row.message = "Needs update: invoice #\(number) was edited in Run a Call after batch \(batch); change it in QuickBooks: \(changes)"
                    + whyNotByQBXML("TxnID", known: previous.txnID != nil, batch: batch)
                if !writesQBXML {
                    // What the report tells the user to do by hand is what the ledger assumes done.
                    let total = invoice.total ?? InvoiceArithmetic.total(of: invoice)
                    decision.memory = .changed(.noted, fields: fields, previous: previous, total: total)
                    facts = .exported(customer: previous.customer ?? invoice.customer.name, refNumber: previous.docNumber, total: total)
                }
                return
            }
            var mapping = mapper.map(invoice, prepared: prepared)
            switch mapping.outcome {
            case .write(var posting):
                // An update keeps the number QuickBooks holds (an earlier version may have written another form of it).
                if let held = previous.docNumber { posting.refNumber = held }
                mapping.outcome = .write(posting)
                decision.mapping = mapping
                decision.rendering = .update(posting, txnID: txnID, editSequence: editSequence)
                decision.row.status = .success
                decision.row.isUpdate = true
                decision.row.message = "\(ReportRow.updatedPrefix) invoice #\(number) was edited in Run a Call after batch \(batch); InvoiceModRq changes it in QuickBooks: \(changes)"
                decision.row.warn(byHandInOtherFormats("change it in QuickBooks: \(changes)"))
                decision.memory = .changed(.update, fields: fields, previous: previous, total: posting.total)
                facts = .exported(customer: posting.customer, refNumber: posting.refNumber, total: posting.total)
            case .fail(let problem):
                decision.row.fail(.editNotWritable(number, batch: batch, problem: problem))
            case .skip(let reason):
                decision.row.message = "Needs update: invoice #\(number) was edited in Run a Call after batch \(batch) (\(reason)); change it in QuickBooks: \(changes)"
            }
        }
    }

    /// What the formats other than qbXML leave to the user, when the run writes some (empty otherwise).
    private func byHandInOtherFormats(_ task: String) -> String {
        let others = configuration.output.formats.having { !$0.referencesQuickBooksIDs }
        return others.isEmpty ? "" : "\(others.map(\.rawValue).joined(separator: ", ")): \(task)"
    }

    /// Why qbXML could not do it itself: QuickBooks' `id` (TxnID, ListID) is not known, or, when `known`,
    /// the edit sequence of the record's last change is not (its response was not ingested yet).
    public func whyNotByQBXML(_ id: String, known: Bool, batch: Int64) -> String {
        guard writesQBXML else { return "" }
        return known
            ? " (its change of batch \(batch) has no QuickBooks response yet: ingest it with rac2qb ingest to have qbXML do it)"
            : " (QuickBooks' \(id) is not known: ingest batch \(batch)'s QuickBooks responses with rac2qb ingest to have qbXML do it)"
    }
}
