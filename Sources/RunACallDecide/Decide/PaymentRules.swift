import RunACallSupport
import RunACallRead

/// What became of an invoice, as its payments see it: what an invoice decision leaves for the
/// payment rules (`InvoiceDecision.facts`), kept per invoice by the pipeline (`InvoiceFacts`).
public enum InvoiceFact: Equatable, Sendable {
    case written(customer: String, refNumber: String?, total: Money)
    /// Written by an earlier batch (the ledger's figures).
    case exported(customer: String, refNumber: String?, total: Money)
    /// Skipped by a rule (sync off, not paid yet in on-payment mode): its payments wait too.
    case skipped(String)
    /// Not written and never will be as exported (draft, void, unreadable, duplicate).
    case notWritable(String)
    /// Failed with this error (`taxCodeNotMapped`).
    case failed(SyncError)

    /// Whether the invoice is in QuickBooks after this batch (written now or by an earlier batch).
    public var isHeldByQuickBooks: Bool {
        switch self {
        case .written, .exported: true
        case .skipped, .notWritable, .failed: false
        }
    }
}

/// What earlier batches tell of a payment's invoice, gathered by the pipeline before the payment
/// is decided (the rules themselves read no ledger).
public struct PaymentHistory: Sendable {
    /// What this run decided of the invoice, and its QuickBooks TxnID when an earlier batch wrote it and its
    /// response was ingested; nil when the export does not hold the invoice.
    public var decidedInvoice: (fact: InvoiceFact, txnID: String?)?
    /// The invoice's latest export by an earlier batch, when this export does not decide it.
    public var earlierInvoice: LedgerEntry?
    /// Σ payments − refunds this run accepted for it so far, nil before the first.
    public var appliedInRun: Money?
    /// Σ payments − refunds earlier batches applied to it, asked for when this run has accepted none yet.
    public var appliedEarlier = Money.zero

    public init(decidedInvoice: (fact: InvoiceFact, txnID: String?)? = nil, earlierInvoice: LedgerEntry? = nil,
                 appliedInRun: Money? = nil, appliedEarlier: Money = .zero) {
        self.decidedInvoice = decidedInvoice
        self.earlierInvoice = earlierInvoice
        self.appliedInRun = appliedInRun
        self.appliedEarlier = appliedEarlier
    }

    /// No earlier batch knows the invoice.
    public static let none = PaymentHistory()
}

/// The seed's payment rules, the payment decider: which payments and refunds are written, against
/// which invoice, and never more than the invoice's total. Pure: what this run decided of the invoice,
/// what it applied to it so far and what earlier batches hold come in a `PaymentHistory`; an accepted
/// payment's verdict says what is applied to the invoice with it, for the pipeline to keep.
public struct PaymentRules {
    /// A payment's verdict before its payout is considered.
    public enum Verdict {
        /// `invoiceTxnID`: the invoice's QuickBooks TxnID when an earlier batch wrote it; `applied`: Σ payments −
        /// refunds applied to the invoice with this one.
        case accept(customer: String, invoiceRefNumber: String?, invoiceTxnID: String?, applied: Money)
        case skip(String)
        case fail(Problem)
    }

    private let configuration: Configuration
    /// Why no payment can be written (its deposit account is inactive in the books), if so.
    private let paymentProblem: Problem?
    /// Why no refund can be written (the `Refund` item or its account is unusable), if so.
    private let refundProblem: Problem?

    public init(configuration: Configuration, paymentProblem: Problem? = nil, refundProblem: Problem? = nil) {
        self.configuration = configuration
        self.paymentProblem = paymentProblem
        self.refundProblem = refundProblem
    }

    /// What became of an invoice: in this export, else in an earlier batch (with its TxnID when known).
    private func invoice(history: PaymentHistory) -> (fact: InvoiceFact, txnID: String?)? {
        if let decided = history.decidedInvoice { return decided }
        guard let entry = history.earlierInvoice else { return nil }
        if entry.status == InvoiceStatus.void.rawValue { return (.notWritable("void"), nil) }
        return (.exported(customer: entry.customer ?? "", refNumber: entry.docNumber, total: entry.total ?? .zero), entry.txnID)
    }

    /// The payment's verdict, counting it as applied when accepted.
    public func verdict(_ payment: Payment, history: PaymentHistory = .none) -> Verdict {
        let what = payment.kind == .refund ? "refund" : "payment"
        guard configuration.payments.sync else { return .skip("Payment sync is off (payments.sync: false)") }
        guard let (invoice, txnID) = invoice(history: history) else {
            return .fail(.invoiceNotFound(payment.invoiceID, what: what))
        }
        let customer: String
        let refNumber: String?
        let total: Money
        switch invoice {
        case .skipped(let reason):
            return .skip("Invoice #\(payment.invoiceID) not written yet (\(reason))")
        case .notWritable(let reason):
            return .fail(.invoiceNotWritten(payment.invoiceID, reason: reason, what: what))
        case .failed(let error):
            return .fail(.invoiceFailed(payment.invoiceID, error: error, what: what))
        case .written(let name, let ref, let amount): (customer, refNumber, total) = (name, ref, amount)
        case .exported(let name, let ref, let amount):
            if configuration.output.formats.any(\.referencesQuickBooksIDs), payment.kind == .payment, txnID == nil {
                return .fail(.invoiceTxnIDUnknown(ref ?? payment.invoiceID, what: what))
            }
            (customer, refNumber, total) = (name, ref, amount)
        }
        if configuration.output.formats.any(\.referencesQuickBooksIDs), configuration.output.splitEvery > 0 {
            // qbXML macros link a payment to its invoice only inside one document.
            return .fail(.paymentsInSplitQBXML(what: what))
        }
        if let closing = configuration.company.closingDate, payment.receivedAt.date <= closing {
            return .fail(Problem.closedPeriod(date: payment.receivedAt.date, closing: closing, what: "The \(what) date"))
        }
        if let problem = payment.kind == .payment ? paymentProblem : refundProblem { return .fail(problem) }
        let before = history.appliedInRun ?? history.appliedEarlier
        let after: Money
        switch payment.kind {
        case .payment:
            after = before + payment.amount
            guard after <= total else {
                return .fail(.overpayment(payment.invoiceID, after: after, total: total))
            }
        case .refund:
            guard payment.amount <= before else {
                return .fail(.refundExceedsPayments(payment.invoiceID, refund: payment.amount, paid: before))
            }
            after = before - payment.amount
        }
        return .accept(customer: customer, invoiceRefNumber: refNumber, invoiceTxnID: txnID, applied: after)
    }
}
