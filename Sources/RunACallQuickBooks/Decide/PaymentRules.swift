/// What the payment rules need of every invoice, kept compact (a few bytes an
/// invoice plus its ID): customer names and reasons are stored once each.
final class InvoiceFacts {
    /// What became of an invoice, as its payments see it.
    enum Outcome {
        case written(customer: String, refNumber: String?, total: Money)
        /// Written by an earlier batch (the ledger's figures).
        case exported(customer: String, refNumber: String?, total: Money)
        /// Skipped by a rule (sync off, not paid yet in on-payment mode): its payments wait too.
        case skipped(String)
        /// Not written and never will be as exported (draft, void, unreadable, duplicate).
        case notWritable(String)
        /// Failed with this error (`taxCodeNotMapped`).
        case failed(SyncError)
    }

    private struct Entry {
        var kind: UInt8
        /// The customer name (written) or the reason, in `texts`.
        var text: Int32
        var total: Money
        var refNumberIsID: Bool
        /// The error of a failed invoice (kind 4), which has no text.
        var error: SyncError?
    }

    private var entries: [String: Entry] = [:]
    /// QuickBooks TxnIDs of invoices earlier batches wrote, when ingested.
    private var txnIDs: [String: String] = [:]
    private var texts: [String] = []
    private var textIndex: [String: Int32] = [:]

    private func intern(_ text: String) -> Int32 {
        if let known = textIndex[text] { return known }
        texts.append(text)
        textIndex[text] = Int32(texts.count - 1)
        return Int32(texts.count - 1)
    }

    func record(_ outcome: Outcome, for id: String) {
        switch outcome {
        case .written(let customer, let refNumber, let total):
            entries[id] = Entry(kind: 0, text: intern(customer), total: total, refNumberIsID: refNumber == id)
        case .exported(let customer, let refNumber, let total):
            entries[id] = Entry(kind: 3, text: intern(customer), total: total, refNumberIsID: refNumber == id)
        case .skipped(let reason):
            entries[id] = Entry(kind: 1, text: intern(reason), total: .zero, refNumberIsID: false)
        case .notWritable(let reason):
            entries[id] = Entry(kind: 2, text: intern(reason), total: .zero, refNumberIsID: false)
        case .failed(let error):
            entries[id] = Entry(kind: 4, text: intern(""), total: .zero, refNumberIsID: false, error: error)
        }
    }

    func recordTxnID(_ txnID: String, for id: String) { txnIDs[id] = txnID }

    /// Whether an invoice of this export is in QuickBooks after this batch (written now or by an earlier batch).
    func isHeldByQuickBooks(_ id: String) -> Bool { entries[id].map { $0.kind == 0 || $0.kind == 3 } ?? false }

    func txnID(of id: String) -> String? { txnIDs[id] }

    func outcome(of id: String) -> Outcome? {
        guard let entry = entries[id] else { return nil }
        if let error = entry.error { return .failed(error) }
        let text = texts[Int(entry.text)]
        switch entry.kind {
        case 0: return .written(customer: text, refNumber: entry.refNumberIsID ? id : nil, total: entry.total)
        case 1: return .skipped(text)
        case 3: return .exported(customer: text, refNumber: entry.refNumberIsID ? id : nil, total: entry.total)
        default: return .notWritable(text)
        }
    }
}

/// What earlier batches tell of a payment's invoice, gathered by the pipeline before the payment
/// is decided (the rules themselves read no ledger).
struct PaymentHistory {
    /// The invoice's latest export by an earlier batch, when this export does not decide it.
    var earlierInvoice: LedgerEntry?
    /// Σ payments − refunds earlier batches applied to it, when the rules have not counted it yet.
    var appliedEarlier = Money.zero

    /// No earlier batch knows the invoice.
    static let none = PaymentHistory()
}

/// The seed's payment rules, the payment decider: which payments and refunds are written, against
/// which invoice, and never more than the invoice's total. Pure: what earlier batches hold comes in
/// a `PaymentHistory`; what it keeps is what this run applied to each invoice so far.
final class PaymentRules {
    /// A payment's verdict before its payout is considered.
    enum Verdict {
        /// `invoiceTxnID`: the invoice's QuickBooks TxnID when an earlier batch wrote it.
        case accept(customer: String, invoiceRefNumber: String?, invoiceTxnID: String?)
        case skip(String)
        case fail(Problem)
    }

    private let configuration: Configuration
    private let invoices: InvoiceFacts
    /// Why no payment can be written (its deposit account is inactive in the books), if so.
    private let paymentProblem: Problem?
    /// Why no refund can be written (the `Refund` item or its account is unusable), if so.
    private let refundProblem: Problem?
    /// Σ payments − refunds accepted so far, per invoice.
    private var applied: [String: Money] = [:]

    init(configuration: Configuration, invoices: InvoiceFacts, paymentProblem: Problem? = nil, refundProblem: Problem? = nil) {
        self.configuration = configuration
        self.invoices = invoices
        self.paymentProblem = paymentProblem
        self.refundProblem = refundProblem
    }

    /// Starts a pass over the payments again from nothing applied.
    func restart() { applied = [:] }

    /// Whether the run decides the invoice itself (else an earlier batch's export of it is asked for).
    func decides(invoice id: String) -> Bool { invoices.outcome(of: id) != nil }

    /// Whether the rules counted what was applied to the invoice already (else earlier batches' sum is asked for).
    func counted(invoice id: String) -> Bool { applied[id] != nil }

    /// What became of an invoice: in this export, else in an earlier batch (with its TxnID when known).
    private func invoice(_ id: String, history: PaymentHistory) -> (outcome: InvoiceFacts.Outcome, txnID: String?)? {
        if let outcome = invoices.outcome(of: id) { return (outcome, invoices.txnID(of: id)) }
        guard let entry = history.earlierInvoice else { return nil }
        if entry.status == InvoiceStatus.void.rawValue { return (.notWritable("void"), nil) }
        return (.exported(customer: entry.customer ?? "", refNumber: entry.docNumber, total: entry.total ?? .zero), entry.txnID)
    }

    /// The payment's verdict, counting it as applied when accepted.
    func verdict(_ payment: Payment, history: PaymentHistory = .none) -> Verdict {
        let what = payment.kind == .refund ? "refund" : "payment"
        guard configuration.payments.sync else { return .skip("Payment sync is off (payments.sync: false)") }
        guard let (invoice, txnID) = invoice(payment.invoiceID, history: history) else {
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
            if configuration.output.formats.contains(.qbxml), payment.kind == .payment, txnID == nil {
                return .fail(.invoiceTxnIDUnknown(ref ?? payment.invoiceID, what: what))
            }
            (customer, refNumber, total) = (name, ref, amount)
        }
        if configuration.output.formats.contains(.qbxml), configuration.output.splitEvery > 0 {
            // qbXML macros link a payment to its invoice only inside one document.
            return .fail(.paymentsInSplitQBXML(what: what))
        }
        if let closing = configuration.company.closingDate, payment.receivedAt.date <= closing {
            return .fail(Problem.closedPeriod(date: payment.receivedAt.date, closing: closing, what: "The \(what) date"))
        }
        if let problem = payment.kind == .payment ? paymentProblem : refundProblem { return .fail(problem) }
        let before = applied[payment.invoiceID] ?? history.appliedEarlier
        switch payment.kind {
        case .payment:
            let after = before + payment.amount
            guard after <= total else {
                return .fail(.overpayment(payment.invoiceID, after: after, total: total))
            }
            applied[payment.invoiceID] = after
        case .refund:
            guard payment.amount <= before else {
                return .fail(.refundExceedsPayments(payment.invoiceID, refund: payment.amount, paid: before))
            }
            applied[payment.invoiceID] = before - payment.amount
        }
        return .accept(customer: customer, invoiceRefNumber: refNumber, invoiceTxnID: txnID)
    }
}
