import Foundation
import Testing
@testable import RunACallQuickBooks
@testable import RunACallSupport
@testable import RunACallDecide

/// What the books must hold at the end of a monthly sequence, from Run a Call's
/// end state: each invoice at its final total (0 voided; the paid version where
/// an edit after payment is blocked), each customer owing its balance due
/// (less what it paid on voided invoices, which stays its credit), Undeposited
/// Funds holding the payments no payout has deposited (cash and checks, which
/// are deposited by hand, and card payments whose payout has not arrived), a
/// refund whose payout has not arrived crediting its customer until it does, each
/// arrived payout's deposit at its net, and sales tax payable the tax Run a Call charged.
struct ExpectedBooks {
    let sequence: MonthlySequence
    /// The invoices QuickBooks holds at the end: every one ever sent.
    let invoices: [MonthlySequence.History]

    init(_ sequence: MonthlySequence) {
        self.sequence = sequence
        invoices = sequence.histories.filter { history in
            sequence.finalTotal(history) != nil && history.events.contains { $0.event == .send }
        }
    }

    /// The lines QuickBooks holds for an invoice (nil when voided).
    func lines(_ history: MonthlySequence.History) -> [Int64]? {
        guard let state = history.state(at: sequence.months - 1), state.status != "void" else { return nil }
        return history.editedAfterPayment ? history.versions[0] : state.lines
    }

    func total(_ history: MonthlySequence.History) -> Int64 { lines(history).map(history.total) ?? 0 }

    func paid(_ history: MonthlySequence.History) -> Int64 {
        sequence.moneyIn.filter { $0.invoice == history.id && !$0.isRefund }.reduce(0) { $0 + $1.amount }
    }

    /// Whether a payment or refund's payout has not arrived by the end.
    func waits(_ payment: MonthlySequence.MoneyIn) -> Bool {
        sequence.payouts.contains { $0.id == payment.payout && !$0.arrived }
    }

    /// Per customer name: Σ balance due of its invoices − what it paid on voided ones − refunds waiting for their payout.
    var receivable: [String: Int64] {
        var result: [String: Int64] = [:]
        for history in invoices {
            let name = sequence.customerName(history.customer, month: sequence.months - 1)
            result[name, default: 0] += total(history) - paid(history)
        }
        for refund in sequence.moneyIn where refund.isRefund && waits(refund) {
            result[sequence.customerName(refund.customer, month: sequence.months - 1), default: 0] -= refund.amount
        }
        return result.filter { $0.value != 0 }
    }

    func check(_ books: StandInBooks, deposits: [String: Int64], configuration: Configuration, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        #expect(books.trialBalance == 0, "the trial balance is zero", sourceLocation: sourceLocation)
        #expect(books.balances(StandInBooks.receivable) == receivable, "each customer's receivable is its balance due", sourceLocation: sourceLocation)

        let undeposited = sequence.moneyIn.filter { !$0.isRefund && ($0.payout == nil || waits($0)) }
        #expect(books.balance(StandInBooks.undeposited) == undeposited.reduce(0) { $0 + $1.amount },
                "Undeposited Funds holds exactly the payments no payout has deposited", sourceLocation: sourceLocation)
        #expect(sequence.payouts.contains { !$0.arrived } && sequence.payouts.contains(where: \.arrived), "payouts arrived and waiting")

        let arrived = sequence.payouts.filter(\.arrived)
        #expect(deposits == Dictionary(uniqueKeysWithValues: arrived.map { ("Stripe payout \($0.id)", $0.net) }),
                "one deposit per arrived payout, at its net", sourceLocation: sourceLocation)
        #expect(books.balance(configuration.payments.stripePayoutAccount) == arrived.reduce(0) { $0 + $1.net },
                "the bank holds the payouts' nets", sourceLocation: sourceLocation)
        #expect(books.balance(configuration.payments.stripeFeeAccount) == arrived.reduce(0) { $0 + $1.fees },
                "the fees are expensed", sourceLocation: sourceLocation)

        let tax = invoices.reduce(Int64(0)) { sum, history in sum + (lines(history).map(history.taxAmount) ?? 0) }
        #expect(books.balance(StandInBooks.salesTax) == -tax, "sales tax payable is the tax Run a Call charged", sourceLocation: sourceLocation)
        #expect(tax > 0, "the history charges tax", sourceLocation: sourceLocation)

        let sales = invoices.reduce(Int64(0)) { $0 + (lines($1).map { lines in lines.reduce(0, +) } ?? 0) }
        let discounts = invoices.reduce(Int64(0)) { $0 + (lines($1) == nil ? 0 : $1.discount) }
        let refunds = sequence.moneyIn.filter(\.isRefund).reduce(Int64(0)) { $0 + $1.amount }
        #expect(sequence.moneyIn.contains { $0.isRefund && !waits($0) }, "a refund is paid out a month after its payment", sourceLocation: sourceLocation)
        #expect(refunds > 0, "the history refunds", sourceLocation: sourceLocation)
        #expect(books.balance(configuration.invoices.discountAccount) == discounts, "the discounts given", sourceLocation: sourceLocation)
        let named: Set = [StandInBooks.receivable, StandInBooks.undeposited, StandInBooks.salesTax, configuration.invoices.discountAccount,
                          configuration.payments.stripePayoutAccount, configuration.payments.stripeFeeAccount]
        let income = books.transactions.values.joined().filter { !named.contains($0.account) }.reduce(Int64(0)) { $0 + $1.cents }
        #expect(income == -(sales - refunds), "revenue is the sales less the refunds", sourceLocation: sourceLocation)
    }
}
