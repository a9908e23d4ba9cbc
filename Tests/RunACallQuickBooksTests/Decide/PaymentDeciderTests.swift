import Foundation
import Testing
@testable import RunACallQuickBooks
@testable import RunACallSupport
@testable import RunACallRead
@testable import RunACallDecide

/// The payment rules and the payout decider on small values, one test per rule: no file, no ledger, no writer.
@Suite struct PaymentDeciderTests {
    static func money(_ text: String) -> Money { Money(parsing: text)! }

    static func payment(_ id: String = "p1", invoice: String = "1", amount: String = "100.00", kind: PaymentKind = .payment,
                        on day: String = "2026-10-02") -> Payment {
        Payment(id: id, invoiceID: invoice, amount: money(amount), kind: kind, method: .card,
                receivedAt: Timestamp(iso: "\(day)T12:00:00Z")!, reference: nil, stripeFee: nil, payoutID: "po_1")
    }

    /// Rules over invoice 1 as this run decided it (`facts`; written now for Ann Lee at 100.00 unless it says
    /// otherwise): each payment's history holds those facts and what the earlier verdicts applied, as the pipeline gathers them.
    final class RulesOverInvoice {
        let rules: PaymentRules
        let facts: InvoiceFact?
        private var applied: Money?

        init(rules: PaymentRules, facts: InvoiceFact?) {
            self.rules = rules
            self.facts = facts
        }

        func verdict(_ payment: Payment, history: PaymentHistory = .none) -> PaymentRules.Verdict {
            var history = history
            if let facts, history.decidedInvoice == nil { history.decidedInvoice = (facts, nil) }
            history.appliedInRun = applied
            let verdict = rules.verdict(payment, history: history)
            if case .accept(_, _, _, let after) = verdict { applied = after }
            return verdict
        }
    }

    static func rules(_ config: String = "version: 1\n", facts: InvoiceFact? = .written(customer: "Ann Lee", refNumber: "1", total: money("100.00")),
                      paymentProblem: Problem? = nil) throws -> RulesOverInvoice {
        RulesOverInvoice(rules: PaymentRules(configuration: try ConfigurationLoader.parse(config), paymentProblem: paymentProblem), facts: facts)
    }

    static func accepted(_ verdict: PaymentRules.Verdict) -> String? {
        if case .accept(let customer, _, _, _) = verdict { return customer }
        return nil
    }

    static func failure(_ verdict: PaymentRules.Verdict) -> SyncError? {
        if case .fail(let problem) = verdict { return problem.code }
        return nil
    }

    // MARK: Payments

    @Test func aPaymentOfAWrittenInvoiceIsApplied() throws {
        #expect(Self.accepted(try Self.rules().verdict(Self.payment())) == "Ann Lee")
    }

    @Test func paymentsBeyondTheInvoicesTotalFail() throws {
        let rules = try Self.rules()
        #expect(Self.accepted(rules.verdict(Self.payment("p1", amount: "60.00"))) == "Ann Lee")
        #expect(Self.failure(rules.verdict(Self.payment("p2", amount: "40.01"))) == .overpayment)
        #expect(Self.accepted(rules.verdict(Self.payment("p3", amount: "40.00"))) == "Ann Lee")
    }

    @Test func anAcceptedVerdictSaysWhatIsAppliedWithItAndTheRunsSumComesBeforeTheLedgers() throws {
        let rules = PaymentRules(configuration: try ConfigurationLoader.parse("version: 1\n"))
        let invoice: (fact: InvoiceFact, txnID: String?) = (.written(customer: "Ann Lee", refNumber: "1", total: Self.money("100.00")), nil)
        let history = PaymentHistory(decidedInvoice: invoice, appliedInRun: Self.money("30.00"), appliedEarlier: Self.money("90.00"))
        guard case .accept(_, _, _, let paid) = rules.verdict(Self.payment(amount: "20.00"), history: history) else { Issue.record("not accepted"); return }
        #expect(paid == Self.money("50.00"))
        guard case .accept(_, _, _, let refunded) = rules.verdict(Self.payment(amount: "10.00", kind: .refund), history: history) else {
            Issue.record("not accepted"); return
        }
        #expect(refunded == Self.money("20.00"))
    }

    @Test func whatEarlierBatchesAppliedCountsTowardsTheTotal() throws {
        let rules = try Self.rules()
        let history = PaymentHistory(appliedEarlier: Self.money("90.00"))
        #expect(Self.failure(rules.verdict(Self.payment(amount: "10.01"), history: history)) == .overpayment)
    }

    @Test func aRefundNeverExceedsWhatWasPaid() throws {
        let rules = try Self.rules()
        #expect(Self.failure(rules.verdict(Self.payment("r1", amount: "1.00", kind: .refund))) == .refundExceedsPayments)
        _ = rules.verdict(Self.payment("p1", amount: "50.00"))
        #expect(Self.accepted(rules.verdict(Self.payment("r2", amount: "50.00", kind: .refund))) == "Ann Lee")
    }

    @Test func anInvoiceNeitherInTheExportNorInTheLedgerFails() throws {
        #expect(Self.failure(try Self.rules(facts: nil).verdict(Self.payment())) == .invoiceNotFound)
    }

    @Test func anInvoiceAnEarlierBatchWroteTakesItsPayment() throws {
        let earlier = LedgerEntry(entity: .invoice, sourceID: "1", hash: "", fields: "", customer: "Ann Lee", docNumber: "1",
                                  total: Self.money("100.00"), status: "sent", targets: "", batch: 2, txnID: "T-1")
        let verdict = try Self.rules(facts: nil).verdict(Self.payment(), history: PaymentHistory(earlierInvoice: earlier))
        guard case .accept("Ann Lee", "1", "T-1", _) = verdict else { Issue.record("\(verdict)"); return }
    }

    @Test func qbXMLNeedsTheTxnIDOfAnInvoiceAnEarlierBatchWrote() throws {
        let rules = try Self.rules(facts: .exported(customer: "Ann Lee", refNumber: "1", total: Self.money("100.00")))
        #expect(Self.failure(rules.verdict(Self.payment())) == .invoiceInEarlierBatch)
    }

    @Test func aSkippedInvoicesPaymentWaitsWithIt() throws {
        let verdict = try Self.rules(facts: .skipped("Not paid yet (on payment mode)")).verdict(Self.payment())
        guard case .skip("Invoice #1 not written yet (Not paid yet (on payment mode))") = verdict else { Issue.record("\(verdict)"); return }
    }

    @Test func aDraftsPaymentFails() throws {
        #expect(Self.failure(try Self.rules(facts: .notWritable("Draft: never sent")).verdict(Self.payment())) == .invoiceNotWritten)
    }

    @Test func aFailedInvoicesPaymentFailsWithTheInvoicesError() throws {
        #expect(Self.failure(try Self.rules(facts: .failed(.taxCodeNotMapped)).verdict(Self.payment())) == .invoiceNotWritten)
    }

    @Test func aPaymentInAClosedPeriodFails() throws {
        let rules = try Self.rules("company:\n  closing_date: 2026-10-02\n")
        #expect(Self.failure(rules.verdict(Self.payment(on: "2026-10-02"))) == .closedPeriod)
    }

    @Test func anInactiveDepositAccountFailsEveryPayment() throws {
        let rules = try Self.rules(paymentProblem: .accountInactive("Undeposited Funds", role: "deposit"))
        #expect(Self.failure(rules.verdict(Self.payment())) == .accountInactive)
    }

    @Test func paymentSyncOffSkipsThem() throws {
        let verdict = try Self.rules("payments:\n  sync: false\n").verdict(Self.payment())
        guard case .skip("Payment sync is off (payments.sync: false)") = verdict else { Issue.record("\(verdict)"); return }
    }

    @Test func aPaymentOfAnInvoiceAnEarlierBatchWroteAndVoidedFails() throws {
        let earlier = LedgerEntry(entity: .invoice, sourceID: "1", hash: "", fields: "", customer: "Ann Lee", docNumber: "1",
                                  total: .zero, status: "void", targets: "", batch: 2, txnID: "T-1")
        let verdict = try Self.rules(facts: nil).verdict(Self.payment(), history: PaymentHistory(earlierInvoice: earlier))
        guard case .fail(let problem) = verdict else { Issue.record("\(verdict)"); return }
        #expect(problem.message == "Invoice not written: invoice #1 was not written (void), so the payment has nothing to apply to")
    }

    @Test func aFailedInvoicesPaymentNamesTheInvoicesErrorAsItsCause() throws {
        guard case .fail(let problem) = try Self.rules(facts: .failed(.taxCodeNotMapped)).verdict(Self.payment()) else {
            Issue.record("not failed"); return
        }
        #expect(problem.cause == "invoice #1 failed: Tax code not mapped")
    }

    @Test func withoutQBXMLAnInvoiceAnEarlierBatchWroteNeedsNoTxnID() throws {
        let rules = try Self.rules("output:\n  formats: [iif, qbo-csv]\n", facts: .exported(customer: "Ann Lee", refNumber: "1", total: Self.money("100.00")))
        guard case .accept("Ann Lee", "1", nil, Self.money("100.00")) = rules.verdict(Self.payment()) else { Issue.record("not accepted"); return }
    }

    @Test func aRefundOfAnInvoiceAnEarlierBatchWroteNeedsNoTxnIDEvenInQBXML() throws {
        let rules = try Self.rules(facts: .exported(customer: "Ann Lee", refNumber: "1", total: Self.money("100.00")))
        let verdict = rules.verdict(Self.payment("r1", amount: "30.00", kind: .refund), history: PaymentHistory(appliedEarlier: Self.money("100.00")))
        guard case .accept(_, _, nil, Self.money("70.00")) = verdict else { Issue.record("\(verdict)"); return }
    }

    @Test func qbXMLSplitIntoSeveralFilesWritesNoPayment() throws {
        #expect(Self.failure(try Self.rules("output:\n  split_every: 10\n").verdict(Self.payment())) == .paymentsNotWritten)
        #expect(Self.accepted(try Self.rules("output:\n  formats: [iif]\n  split_every: 10\n").verdict(Self.payment())) == "Ann Lee")
    }

    @Test func anUnusableRefundItemFailsEveryRefundButNoPayment() throws {
        let rules = RulesOverInvoice(rules: PaymentRules(configuration: try ConfigurationLoader.parse("version: 1\n"), refundProblem: .itemInactive("Refund")),
                                     facts: .written(customer: "Ann Lee", refNumber: "1", total: Self.money("100.00")))
        #expect(Self.accepted(rules.verdict(Self.payment())) == "Ann Lee")
        #expect(Self.failure(rules.verdict(Self.payment("r1", amount: "10.00", kind: .refund))) == .itemNotFound)
    }

    @Test func aRefundInAClosedPeriodSaysItIsTheRefundsDate() throws {
        let rules = try Self.rules("company:\n  closing_date: 2026-10-02\n")
        guard case .fail(let problem) = rules.verdict(Self.payment("r1", amount: "10.00", kind: .refund)) else { Issue.record("not failed"); return }
        #expect(problem.message == "Closed period: The refund date 2026-10-02 is on or before the QuickBooks closing date 2026-10-02")
    }

    // MARK: Payouts

    static func payout(gross: String = "100.00", fees: String = "3.20", net: String = "96.80", on day: String = "2026-10-05") -> Payout {
        Payout(id: "po_1", arrivalDate: CalendarDate(iso: day)!, gross: money(gross), fees: money(fees), net: money(net))
    }

    static func decider(_ config: String = "version: 1\n") throws -> PayoutDecider {
        PayoutDecider(configuration: try ConfigurationLoader.parse(config), books: BooksRules())
    }

    static let tally = PayoutTally(payments: money("100.00"))

    @Test func aPayoutWhosePaymentsAddUpIsDeposited() throws {
        #expect(try Self.decider().verdict(Self.payout(), tally: Self.tally, duplicated: false).status == .success)
    }

    @Test func aPayoutWhosePaymentsDoNotAddUpToItsGrossFails() throws {
        let verdict = try Self.decider().verdict(Self.payout(gross: "100.01", net: "96.81"), tally: Self.tally, duplicated: false)
        #expect(verdict.problem?.code == .payoutDoesNotAddUp)
        #expect(verdict.problem?.message.contains("its payments 100.00 − refunds 0.00 = 100.00") == true)
    }

    @Test func aPayoutWhoseGrossLessFeesIsNotItsNetFails() throws {
        let verdict = try Self.decider().verdict(Self.payout(net: "96.00"), tally: Self.tally, duplicated: false)
        #expect(verdict.status == .failed && verdict.problem?.code == .payoutDoesNotAddUp)
    }

    @Test func aPayoutWithAFailedPaymentFails() throws {
        var tally = Self.tally
        tally.failedPayment = "its payment p1 failed: Overpayment"
        #expect(try Self.decider().verdict(Self.payout(), tally: tally, duplicated: false).problem?.code == .payoutNotWritten)
    }

    @Test func aDuplicatedPayoutIDFails() throws {
        #expect(try Self.decider().verdict(Self.payout(), tally: Self.tally, duplicated: true).problem?.code == .duplicatePayoutID)
    }

    @Test func aPayoutInAClosedPeriodFails() throws {
        let verdict = try Self.decider("company:\n  closing_date: 2026-10-05\n").verdict(Self.payout(), tally: Self.tally, duplicated: false)
        #expect(verdict.problem?.code == .closedPeriod)
    }

    @Test func autoReconcileOffLeavesThePaymentsInUndepositedFunds() throws {
        let verdict = try Self.decider("payments:\n  auto_reconcile_payouts: false\n").verdict(Self.payout(), tally: Self.tally, duplicated: false)
        #expect(verdict.status == .skipped && verdict.note == "Auto-reconcile payouts is off: its payments stay in Undeposited Funds")
    }

    @Test func qbXMLNeedsTheTxnIDOfEveryEarlierPayment() throws {
        var tally = Self.tally
        tally.unknownTxnID = ("p0", 2)
        #expect(try Self.decider().verdict(Self.payout(), tally: tally, duplicated: false).problem?.code == .payoutNotWrittenYet)
    }

    @Test func paymentSyncOffSkipsEveryPayout() throws {
        let verdict = try Self.decider("payments:\n  sync: false\n").verdict(Self.payout(), tally: Self.tally, duplicated: true)
        #expect(verdict.status == .skipped && verdict.note == "Payment sync is off (payments.sync: false)")
    }

    static func books(inactive account: String) -> BooksRules {
        var books = BooksSnapshot()
        books.accounts = BookList()
        books.accounts?.add(BookEntry(name: account, isActive: false))
        return BooksRules(books)
    }

    @Test func aPayoutWhoseBankAccountIsInactiveFails() throws {
        let decider = PayoutDecider(configuration: try ConfigurationLoader.parse("version: 1\n"), books: Self.books(inactive: "Business Checking"))
        let verdict = decider.verdict(Self.payout(), tally: Self.tally, duplicated: false)
        #expect(verdict.problem?.message == #"Account inactive: the deposit account "Business Checking" is marked inactive in QuickBooks"#)
    }

    @Test func anInactiveFeeAccountFailsOnlyAPayoutWithFees() throws {
        let decider = PayoutDecider(configuration: try ConfigurationLoader.parse("version: 1\n"), books: Self.books(inactive: "Merchant fees"))
        let verdict = decider.verdict(Self.payout(), tally: Self.tally, duplicated: false)
        #expect(verdict.problem?.message == #"Account inactive: the fee account "Merchant fees" is marked inactive in QuickBooks"#)
        #expect(decider.verdict(Self.payout(fees: "0.00", net: "100.00"), tally: Self.tally, duplicated: false).status == .success)
    }

    @Test func aPayoutThatDoesNotAddUpSaysWhatEarlierBatchesWrote() throws {
        let tally = PayoutTally(payments: Self.money("100.00"), refunds: Self.money("10.00"), earlierPayments: Self.money("60.00"))
        let verdict = try Self.decider().verdict(Self.payout(), tally: tally, duplicated: false)
        #expect(verdict.problem?.message == "Payout does not add up: its payments 100.00 − refunds 10.00 = 90.00 (of which payments 60.00 − refunds 0.00 exported by earlier batches) but gross is 100.00")
    }

    @Test func refundsComeOffThePaymentsBeforeTheGrossIsCompared() throws {
        let tally = PayoutTally(payments: Self.money("130.00"), refunds: Self.money("30.00"))
        #expect(try Self.decider().verdict(Self.payout(), tally: tally, duplicated: false).status == .success)
    }
}
