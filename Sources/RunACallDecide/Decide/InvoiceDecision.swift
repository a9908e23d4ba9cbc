import RunACallSupport
import RunACallRead

/// What earlier batches tell of one invoice, gathered by the pipeline before the invoice is
/// decided (the decider itself reads no ledger).
public struct InvoiceHistory: Sendable {
    /// The invoice's latest export by an earlier batch, if one exported it.
    public var previous: LedgerEntry?
    /// The synced fields of each export of its customer (oldest first), when `previous` recorded a customer.
    public var customerExports: [String] = []
    /// Σ payments earlier batches applied to it (refunds not counted).
    public var paidEarlier = Money.zero
    /// When it was first paid, as far as known: its payments' `received_at` in the export and in earlier
    /// batches; gathered only when the invoice is an edit of an earlier batch's export (`InvoiceDecider.isEdit`).
    public var paymentTimes: [Timestamp] = []

    /// No earlier batch knows the invoice.
    public static let none = InvoiceHistory()

    public init(previous: LedgerEntry? = nil, customerExports: [String] = [], paidEarlier: Money = .zero,
                 paymentTimes: [Timestamp] = []) {
        self.previous = previous
        self.customerExports = customerExports
        self.paidEarlier = paidEarlier
        self.paymentTimes = paymentTimes
    }
}

/// What a decided invoice asks a writer to render.
public enum InvoiceRendering {
    /// A new invoice: every format adds it.
    case add(QBInvoice)
    /// An invoice an earlier batch wrote, voided since: qbXML's TxnVoidRq.
    case void(invoiceID: String, txnID: String)
    /// An invoice an earlier batch wrote, edited before payment: qbXML's InvoiceModRq.
    case update(QBInvoice, txnID: String, editSequence: String)
}

/// What the ledger must remember of a decided invoice (recorded once its targets are known).
public enum InvoiceMemory {
    /// A new invoice written under this posting.
    case added(QBInvoice)
    /// A change of an invoice an earlier batch added: its QuickBooks identity carries over.
    case changed(LedgerAction, fields: SyncedFields, previous: LedgerEntry, total: Money)
}

/// A receivable QuickBooks holds after this batch, for the per-customer balance check.
public struct InvoiceBalance: Equatable {
    /// The QuickBooks customer it is owed by.
    public var customer: String
    /// The export's `balance_due`.
    public var due: Money
    /// What QuickBooks holds: its total less what earlier batches applied.
    public var held: Money
}

/// Everything the run does with one invoice record, decided before anything is written.
public struct InvoiceDecision {
    /// The report row (its targets are filled in once rendered).
    public var row: ReportRow
    /// The invoice as read, when it could be read.
    public var invoice: Invoice?
    /// Its total as the summary counts it.
    public var amount: Money?
    /// For an invoice that could not be read: its status, when that cell still read (with `amount`, its total).
    public var readableStatus: InvoiceStatus?
    /// Whether an earlier batch exported it.
    public var earlierBatch = false
    /// The mapping, when the seed's rules were applied: the posting and the list entries it creates.
    public var mapping: InvoiceMapping?
    public var rendering: InvoiceRendering?
    public var memory: InvoiceMemory?
    /// What its payments see of it, when the export has payments.
    public var facts: InvoiceFact?
    /// QuickBooks' TxnID of it, known from an earlier batch's responses, for its payments.
    public var txnID: String?
    public var balance: InvoiceBalance?

    /// The invoice written now, for the summary.
    public var written: QBInvoice? {
        if case .add(let posting)? = rendering { return posting }
        return nil
    }
}
