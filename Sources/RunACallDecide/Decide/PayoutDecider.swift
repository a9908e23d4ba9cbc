import RunACallSupport
import RunACallRead

/// Decides a Stripe payout: its deposit is written when its payments add up to its gross, its
/// gross less fees to its net, none of them failed, and the period and accounts allow it.
/// Pure: the payments' tally is gathered by the pipeline first.
public struct PayoutDecider {
    let configuration: Configuration
    let books: BooksRules

    /// The payout's verdict from what its payments add up to (`tally`), and whether its ID occurs more than once.
    public func verdict(_ payout: Payout, tally: PayoutTally, duplicated: Bool) -> PayoutVerdict {
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

    public init(configuration: Configuration, books: BooksRules) {
        self.configuration = configuration
        self.books = books
    }
}

/// What becomes of a payout: its deposit is written, it is skipped for `note`, or it fails with `problem`.
public struct PayoutVerdict: Sendable {
    public var status: RowStatus
    public var note = ""
    public var problem: Problem?

    static let deposit = PayoutVerdict(status: .success)
    public static func skip(_ note: String) -> PayoutVerdict { PayoutVerdict(status: .skipped, note: note) }
    public static func fail(_ problem: Problem) -> PayoutVerdict { PayoutVerdict(status: .failed, problem: problem) }
}

/// What a payout's payments add up to, gathered before anything is written:
/// those of this export and those earlier batches wrote (reappearing in the
/// export, or known to the ledger only).
public struct PayoutTally: Sendable {
    public var payments = Money.zero
    public var refunds = Money.zero
    /// Of those, what earlier batches wrote.
    public var earlierPayments = Money.zero
    public var earlierRefunds = Money.zero
    /// The deposit lines of the payments and refunds earlier batches wrote.
    public var earlierLines: [QBDepositLine] = []
    /// The first payment of the payout that fails on its own, with why.
    public var failedPayment: String?
    /// qbXML: the first payment of an earlier batch whose QuickBooks TxnID is not known (its responses not ingested).
    public var unknownTxnID: (paymentID: String, batch: Int64)?

    public init(payments: Money = .zero, refunds: Money = .zero, earlierPayments: Money = .zero, earlierRefunds: Money = .zero,
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
    public var description: String {
        let sum = "its payments \(payments) − refunds \(refunds) = \(payments - refunds)"
        guard earlierPayments != .zero || earlierRefunds != .zero else { return sum }
        return sum + " (of which payments \(earlierPayments) − refunds \(earlierRefunds) exported by earlier batches)"
    }
}
