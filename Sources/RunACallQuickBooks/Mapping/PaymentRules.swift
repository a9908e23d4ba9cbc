/// What the payment rules need to know of an invoice once it has been mapped.
struct InvoiceFacts {
    enum Outcome {
        case written
        /// Skipped by a rule (sync off, not paid yet in on-payment mode): its payments wait too.
        case skipped(String)
        /// Not written and never will be as exported (draft, void, failed).
        case notWritable(String)
    }

    let outcome: Outcome
    let customer: String
    let refNumber: String?
    let total: Money
}

/// The seed's payment rules: which payments and refunds are written, against
/// which invoice, and never more than the invoice's total.
final class PaymentRules {
    /// A payment's verdict before its payout is considered.
    enum Verdict {
        case accept(customer: String, invoiceRefNumber: String?)
        case skip(String)
        case fail(Problem)
    }

    private let configuration: Configuration
    private let payoutIDs: Set<String>
    private let invoices: [String: InvoiceFacts]
    /// Σ payments − refunds accepted so far, per invoice.
    private var applied: [String: Money] = [:]

    init(configuration: Configuration, payoutIDs: Set<String>, invoices: [String: InvoiceFacts]) {
        self.configuration = configuration
        self.payoutIDs = payoutIDs
        self.invoices = invoices
    }

    /// Starts a pass over the payments again from nothing applied.
    func restart() { applied = [:] }

    func verdict(_ payment: Payment) -> Verdict {
        let what = payment.kind == .refund ? "refund" : "payment"
        guard configuration.payments.sync else { return .skip("Payment sync is off (payments.sync: false)") }
        guard let invoice = invoices[payment.invoiceID] else {
            return .fail(Problem("Invoice not found: the \(what) is for invoice \"\(payment.invoiceID)\", which is not in the export",
                                 fix: "Export the invoice together with its payments, or record this \(what) in QuickBooks by hand."))
        }
        switch invoice.outcome {
        case .skipped(let reason):
            return .skip("Invoice #\(payment.invoiceID) not written yet (\(reason))")
        case .notWritable(let reason):
            return .fail(Problem("Invoice not written: invoice #\(payment.invoiceID) was not written (\(reason)), so the \(what) has nothing to apply to",
                                 fix: "Fix the invoice first (see its row in this report), then re-run; the \(what) follows it."))
        case .written: break
        }
        if configuration.output.formats.contains(.qbxml), configuration.output.splitEvery > 0 {
            // qbXML macros link a payment to its invoice only inside one document.
            return .fail(Problem("Payments not written: qbXML links a \(what) to its invoice only inside one file, and output.split_every splits the file",
                                 fix: "Set output.split_every: 0 (or leave qbxml out of output.formats) to write payments, then re-run."))
        }
        if let closing = configuration.company.closingDate, payment.receivedAt.date <= closing {
            return .fail(SyncErrors.closedPeriod(date: payment.receivedAt.date, closing: closing, what: "The \(what) date"))
        }
        if let payout = payment.payoutID, !payoutIDs.contains(payout) {
            return .fail(Problem("Payout not found: the \(what) names Stripe payout \"\(payout)\", which is not in the export",
                                 fix: "Export the payouts file with the payments (or remove payout_id from cash and check payments), then re-run."))
        }
        let before = applied[payment.invoiceID, default: .zero]
        switch payment.kind {
        case .payment:
            let after = before + payment.amount
            guard after <= invoice.total else {
                return .fail(Problem("Overpayment: payments of \(after) would exceed invoice #\(payment.invoiceID)'s total of \(invoice.total)",
                                     fix: "Correct the payment in Run a Call, or record the extra as a customer credit in QuickBooks by hand; rac2qb never applies more than is owed."))
            }
            applied[payment.invoiceID] = after
        case .refund:
            guard payment.amount <= before else {
                return .fail(Problem("Refund exceeds payments: refund of \(payment.amount) but only \(before) was paid on invoice #\(payment.invoiceID)",
                                     fix: "Check the refund in the Stripe Dashboard and correct the export, then re-run."))
            }
            applied[payment.invoiceID] = before - payment.amount
        }
        return .accept(customer: invoice.customer, invoiceRefNumber: invoice.refNumber)
    }
}
