import Foundation

/// Payouts whose payments were written by earlier batches: the month of a
/// payment is not always the month of its payout. A payment whose payout is
/// not in the export waits in Undeposited Funds; the ledger keeps its payout
/// id, and the payout's deposit takes it out when an export holds the payout.
extension ConversionRun {
    /// Adds a payment or refund an earlier batch wrote to its payout's tally, with its deposit line
    /// (unless a deposit already took it out: then the payout fails, nothing is deposited twice).
    func addEarlier(_ entry: LedgerEntry, to tally: inout PayoutTally) throws {
        let amount = entry.total ?? .zero
        if entry.entity == .refund {
            tally.refunds = tally.refunds + amount
        } else {
            tally.payments = tally.payments + amount
        }
        if let deposit = try ledger?.deposit(of: entry.entity, entry.sourceID) {
            tally.failedPayment = tally.failedPayment
                ?? "its \(entry.entity.rawValue) \(entry.sourceID) was deposited already, by payout \(deposit.payoutID) in batch \(deposit.batch)"
            return
        }
        let customer = customers.quickBooksName(try entry.customer ?? ledger?.lastExport(of: .invoice, entry.invoiceID ?? "")?.customer ?? "")
        if entry.entity == .refund {
            tally.earlierRefunds = tally.earlierRefunds + amount
            tally.earlierLines.append(.refund(sourceID: entry.sourceID, customer: customer, amount: amount))
        } else {
            tally.earlierPayments = tally.earlierPayments + amount
            tally.earlierLines.append(.payment(sourceID: entry.sourceID, customer: customer, amount: amount, txnID: entry.txnID))
            if qbxml != nil, entry.txnID == nil, tally.unknownTxnID == nil { tally.unknownTxnID = (entry.sourceID, entry.batch) }
        }
    }

    /// Adds the payments and refunds that wait in the ledger for a payout and are not in this export (`lines`).
    func addWaitingInLedger(forPayout payoutID: String, to tally: inout PayoutTally, lines: PayoutLines) throws {
        try ledger?.waiting(forPayout: payoutID) { entry in
            guard try !lines.holds(entry.sourceID, payout: payoutID) else { return }
            try addEarlier(entry, to: &tally)
        }
    }

    /// The summary's payments and refunds waiting for a payout: with a ledger, across every batch (this one
    /// included); without, this run's.
    func recordWaitingForPayouts() throws {
        guard let ledger, ledger.openBatch != nil else { return }
        let waiting = try ledger.waitingForPayouts(includingOpenBatch: true)
        log.recordMoney {
            $0.paymentsWaitingForPayout = waiting.payments
            $0.refundsWaitingForPayout = waiting.refunds
        }
    }
}
