import Foundation
@testable import RunACallQuickBooks
@testable import RunACallSupport
@testable import RunACallRead
@testable import RunACallDecide

/// The money of a monthly sequence: each payment's method, Stripe fee and payout,
/// the refunds, and the payouts, which arrive the month after their payments.
extension MonthlySequence {
    /// A payment or refund of the sequence.
    struct MoneyIn {
        let id: String
        let invoice: String
        let customer: Int
        let month: Int
        let amount: Int64
        let isRefund: Bool
        let method: String
        let fee: Int64
        /// The Stripe payout that carries it (card only): `po_m<month>`, arriving the next month.
        let payout: String?
    }

    /// A Stripe payout: month `month`'s card payments less its refunds, arriving on the 2nd of the next month.
    struct Payout {
        let id: String
        let month: Int
        let gross: Int64
        let fees: Int64
        var net: Int64 { gross - fees }
        /// Whether it arrives within the sequence (the last month's payout has not arrived).
        let arrived: Bool
    }

    static func payoutID(_ month: Int) -> String { "po_m\(month)" }

    /// Every payment and refund, in history order.
    var moneyIn: [MoneyIn] {
        histories.flatMap { history -> [MoneyIn] in
            let payments = history.payments.map { payment -> MoneyIn in
                let roll = Self.roll(payment.id, 103)
                let method = options.cardPayments && roll < 6 ? "card" : roll < 8 ? "check" : "cash"
                let fee = method == "card" ? QBSalesTax.tax(on: Money(cents: payment.amount), atPercent: ExactDecimal(parsing: "2.9", maxPlaces: 5)!).cents + 30 : 0
                return MoneyIn(id: payment.id, invoice: history.id, customer: history.customer, month: payment.month, amount: payment.amount,
                               isRefund: false, method: method, fee: fee, payout: method == "card" ? Self.payoutID(payment.month) : nil)
            }
            return payments + refund(history, payments: payments)
        }
    }

    /// A quarter of its first payment back the month after (in that month's payout), for an invoice paid by card and
    /// never voided or edited after payment.
    private func refund(_ history: History, payments: [MoneyIn]) -> [MoneyIn] {
        guard options.refunds, let payment = payments.first, payment.payout != nil, !history.editedAfterPayment,
              !history.events.contains(where: { $0.event == .void }), payment.month + 1 < months else { return [] }
        return [MoneyIn(id: "r-\(history.id)", invoice: history.id, customer: history.customer, month: payment.month + 1,
                       amount: payment.amount / 4, isRefund: true, method: "card", fee: 0, payout: Self.payoutID(payment.month + 1))]
    }

    /// Every payout with something in it.
    var payouts: [Payout] {
        (0..<months).compactMap { month in
            let carried = moneyIn.filter { $0.payout == Self.payoutID(month) }
            guard !carried.isEmpty else { return nil }
            let gross = carried.reduce(Int64(0)) { $0 + ($1.isRefund ? -$1.amount : $1.amount) }
            return Payout(id: Self.payoutID(month), month: month, gross: gross, fees: carried.reduce(0) { $0 + $1.fee }, arrived: month < months - 1)
        }
    }

    /// Month `month`'s `payouts.json`: the payout of last month's card payments, nil when there is none.
    func payoutsFile(month: Int) -> String? {
        guard let payout = payouts.first(where: { $0.month == month - 1 }) else { return nil }
        return "[{\"id\": \"\(payout.id)\", \"arrival_date\": \"" + String(format: "2026-%02d-02", month + 3) + "\", \"gross\": \"\(Self.money(payout.gross))\""
            + ", \"fees\": \"\(Self.money(payout.fees))\", \"net\": \"\(Self.money(payout.net))\"}]"
    }
}
