import RunACallSupport
import RunACallRead

/// Decides a Stripe payout: its deposit is written when its payments add up to its gross, its
/// gross less fees to its net, none of them failed, and the period and accounts allow it.
/// Pure: the payments' tally is gathered by the pipeline first.
package struct PayoutDecider {
    let configuration: Configuration
    let books: BooksRules

    /// The payout's verdict from what its payments add up to (`tally`), and whether its ID occurs more than once.
    package func verdict(_ payout: Payout, tally: PayoutTally, duplicated: Bool) -> PayoutVerdict {
        guard configuration.payments.sync else { return .skip("Payment sync is off (payments.sync: false)") }
        if duplicated {
            return .fail(.duplicatePayoutID(payout.id))
        }
        let sum = tally.payments - tally.refunds
        if sum != payout.gross {
            return .fail(.payoutGrossDiffers(tally: tally.description, gross: payout.gross))
        }
        if payout.gross - payout.fees != payout.net {
            return .fail(.payoutNetDiffers(gross: payout.gross, fees: payout.fees, net: payout.net))
        }
        if let failed = tally.failedPayment {
            return .fail(.payoutPaymentFailed(failed))
        }
        if let problem = earlierPaymentsProblem(tally) { return .fail(problem) }
        if let closing = configuration.company.closingDate, payout.arrivalDate <= closing {
            return .fail(.closedPeriod(date: payout.arrivalDate, closing: closing, what: "Payout arrival date"))
        }
        if let problem = books.accountProblem(configuration.payments.stripePayoutAccount, role: "deposit") {
            return .fail(problem)
        }
        if payout.fees != .zero, let problem = books.accountProblem(configuration.payments.stripeFeeAccount, role: "fee") {
            return .fail(problem)
        }
        guard configuration.payments.autoReconcilePayouts else {
            return .skip("Auto-reconcile payouts is off: its payments stay in \(configuration.payments.undepositedFundsAccount)")
        }
        return .deposit
    }

    /// Why a payout's earlier payments keep it from being written: qbXML needs the TxnID of each.
    private func earlierPaymentsProblem(_ tally: PayoutTally) -> Problem? {
        guard let (paymentID, batch) = tally.unknownTxnID else { return nil }
        return .payoutTxnIDUnknown(payment: paymentID, batch: batch, account: configuration.payments.undepositedFundsAccount)
    }

    package init(configuration: Configuration, books: BooksRules) {
        self.configuration = configuration
        self.books = books
    }
}

/// What becomes of a payout: its deposit is written, it is skipped for `note`, or it fails with `problem`.
package struct PayoutVerdict {
    package var status: RowStatus
    package var note = ""
    package var problem: Problem?

    static let deposit = PayoutVerdict(status: .success)
    package static func skip(_ note: String) -> PayoutVerdict { PayoutVerdict(status: .skipped, note: note) }
    package static func fail(_ problem: Problem) -> PayoutVerdict { PayoutVerdict(status: .failed, problem: problem) }
}

/// What a payout's payments add up to, gathered before anything is written:
/// those of this export and those earlier batches wrote (reappearing in the
/// export, or known to the ledger only).
package struct PayoutTally {
    package var payments = Money.zero
    package var refunds = Money.zero
    /// Of those, what earlier batches wrote.
    package var earlierPayments = Money.zero
    package var earlierRefunds = Money.zero
    /// The deposit lines of the payments and refunds earlier batches wrote.
    package var earlierLines: [QBDepositLine] = []
    /// The first payment of the payout that fails on its own, with why.
    package var failedPayment: String?
    /// qbXML: the first payment of an earlier batch whose QuickBooks TxnID is not known (its responses not ingested).
    package var unknownTxnID: (paymentID: String, batch: Int64)?

    package init(payments: Money = .zero, refunds: Money = .zero, earlierPayments: Money = .zero, earlierRefunds: Money = .zero,
                 earlierLines: [QBDepositLine] = [], failedPayment: String? = nil, unknownTxnID: (paymentID: String, batch: Int64)? = nil) {
        self.payments = payments
        self.refunds = refunds
        self.earlierPayments = earlierPayments
        self.earlierRefunds = earlierRefunds
        self.earlierLines = earlierLines
        self.failedPayment = failedPayment
        self.unknownTxnID = unknownTxnID
    }
}

extension PayoutTally: CustomStringConvertible {
    /// The tally's sum as the report says it, with the part earlier batches wrote when there is one.
    package var description: String {
        let sum = "its payments \(payments) − refunds \(refunds) = \(payments - refunds)"
        guard earlierPayments != .zero || earlierRefunds != .zero else { return sum }
        return sum + " (of which payments \(earlierPayments) − refunds \(earlierRefunds) exported by earlier batches)"
    }
}
