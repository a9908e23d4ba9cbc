import RunACallSupport
import RunACallRead

/// What earlier batches tell of one invoice, gathered by the pipeline before the invoice is
/// decided (the decider itself reads no ledger).
package struct InvoiceHistory {
    /// The invoice's latest export by an earlier batch, if one exported it.
    package var previous: LedgerEntry?
    /// The synced fields of each export of its customer (oldest first), when `previous` recorded a customer.
    package var customerExports: [String] = []
    /// Σ payments earlier batches applied to it (refunds not counted).
    package var paidEarlier = Money.zero
    /// When it was first paid, as far as known: its payments' `received_at` in the export and in earlier
    /// batches; gathered only when the invoice is an edit of an earlier batch's export (`InvoiceDecider.isEdit`).
    package var paymentTimes: [Timestamp] = []

    /// No earlier batch knows the invoice.
    package static let none = InvoiceHistory()

    package init(previous: LedgerEntry? = nil, customerExports: [String] = [], paidEarlier: Money = .zero,
                 paymentTimes: [Timestamp] = []) {
        self.previous = previous
        self.customerExports = customerExports
        self.paidEarlier = paidEarlier
        self.paymentTimes = paymentTimes
    }
}

/// What a decided invoice asks a writer to render.
package enum InvoiceRendering {
    /// A new invoice: every format adds it.
    case add(QBInvoice)
    /// An invoice an earlier batch wrote, voided since: qbXML's TxnVoidRq.
    case void(invoiceID: String, txnID: String)
    /// An invoice an earlier batch wrote, edited before payment: qbXML's InvoiceModRq.
    case update(QBInvoice, txnID: String, editSequence: String)
}

/// What the ledger must remember of a decided invoice (recorded once its targets are known).
package enum InvoiceMemory {
    /// A new invoice written under this posting.
    case added(QBInvoice)
    /// A change of an invoice an earlier batch added: its QuickBooks identity carries over.
    case changed(LedgerAction, fields: SyncedFields, previous: LedgerEntry, total: Money)
}

/// A receivable QuickBooks holds after this batch, for the per-customer balance check.
package struct InvoiceBalance: Equatable {
    /// The QuickBooks customer it is owed by.
    package var customer: String
    /// The export's `balance_due`.
    package var due: Money
    /// What QuickBooks holds: its total less what earlier batches applied.
    package var held: Money
}

/// Everything the run does with one invoice record, decided before anything is written.
package struct InvoiceDecision {
    /// The report row (its targets are filled in once rendered).
    package var row: ReportRow
    /// The invoice as read, when it could be read.
    package var invoice: Invoice?
    /// Its total as the summary counts it.
    package var amount: Money?
    /// For an invoice that could not be read: its status, when that cell still read (with `amount`, its total).
    package var readableStatus: InvoiceStatus?
    /// Whether an earlier batch exported it.
    package var earlierBatch = false
    /// The mapping, when the seed's rules were applied: the posting and the list entries it creates.
    package var mapping: InvoiceMapping?
    package var rendering: InvoiceRendering?
    package var memory: InvoiceMemory?
    /// What its payments see of it, when the export has payments.
    package var facts: InvoiceFact?
    /// QuickBooks' TxnID of it, known from an earlier batch's responses, for its payments.
    package var txnID: String?
    package var balance: InvoiceBalance?

    /// The invoice written now, for the summary.
    package var written: QBInvoice? {
        if case .add(let posting)? = rendering { return posting }
        return nil
    }
}
