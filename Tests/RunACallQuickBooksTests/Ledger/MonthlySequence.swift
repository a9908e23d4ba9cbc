import ExportGenerator
import Foundation
@testable import RunACallQuickBooks
@testable import RunACallSupport
@testable import RunACallDecide

/// A seeded history of invoices over several months (drafts, sends, edits
/// before payment, payments in parts, voids, deleted drafts, re-issues and a few
/// edits after payment, which the seed blocks, edits then payments within one
/// month, and notes emptied by an edit), and the overlapping monthly
/// exports of it: each month's export holds what changed that month, some
/// older records again, and, the last month, everything.
/// With `Options`, payments by card go through Stripe payouts that arrive the
/// next month (the payments reappear in that month's export with their
/// `payout_id`, which half of them did not name yet the month before), some are refunded a month later, invoices charge sales tax,
/// a customer is renamed and some invoices have a rate the configuration does not map.
struct MonthlySequence {
    struct Options {
        /// Payments by card (a Stripe fee, a payout the next month) as well as cash and checks.
        var cardPayments = false
        /// Some paid card invoices refunded in part the month after, paid out by that month's payout.
        var refunds = false
        /// Some invoices taxable at `Denver 8.81%` (mapped to the sales tax item `Denver`).
        var salesTax = false
        /// Some invoices taxable at `Mystery 7%`, which no rate maps: under `tax.default_for_unmapped`.
        var unmappedRate = false
        /// Some invoices with a discount of 5.00.
        var discounts = false
        /// Customer 1 renamed from this month on (same customer id).
        var renameMonth: Int?
    }

    /// A Run a Call tax rate and the QuickBooks sales tax item it goes to.
    struct TaxRate: Equatable {
        let name: String
        let item: String
        let percent: String
    }

    static let mappedRate = TaxRate(name: "Denver 8.81%", item: "Denver", percent: "8.81")
    static let unmappedRate = TaxRate(name: "Mystery 7%", item: "To classify", percent: "7")

    enum Event: Equatable {
        case draft, send, edit, pay(Int64), void, delete
    }

    struct History {
        let id: String
        let customer: Int
        /// Line amounts in cents, one list per version (an edit moves to the next).
        let versions: [[Int64]]
        let events: [(month: Int, event: Event)]
        /// Edited after a payment: the edit is blocked, so QuickBooks keeps the paid version.
        let editedAfterPayment: Bool
        /// The first version has internal notes, which an edit empties.
        var notesEmptiedByEdit = false
        /// The rate every line is taxed at, if any.
        var tax: TaxRate?
        /// An invoice discount in cents (taxed before it, as Run a Call does).
        var discount: Int64 = 0

        /// Σ lines less the discount plus the tax on the lines.
        func total(_ lines: [Int64]) -> Int64 { lines.reduce(0, +) - discount + taxAmount(lines) }

        /// The tax Run a Call charges on `lines`: Σ × rate, rounded to cents.
        func taxAmount(_ lines: [Int64]) -> Int64 {
            guard let tax else { return 0 }
            return QBSalesTax.tax(on: Money(cents: lines.reduce(0, +)), atPercent: ExactDecimal(parsing: tax.percent, maxPlaces: 5)!).cents
        }

        func state(at month: Int) -> (status: String, lines: [Int64], paid: Int64)? {
            let past = events.filter { $0.month <= month }.map(\.event)
            guard !past.isEmpty, !past.contains(.delete) else { return nil }
            let lines = versions[min(past.filter { $0 == .edit }.count, versions.count - 1)]
            let paid = past.reduce(Int64(0)) { sum, event in if case .pay(let amount) = event { sum + amount } else { sum } }
            let total = total(lines)
            let status = past.contains(.void) ? "void" : !past.contains(.send) ? "draft"
                : paid >= total ? "paid" : paid > 0 ? "partially_paid" : "sent"
            return (status, lines, paid)
        }

        func changes(at month: Int) -> Bool { events.contains { $0.month == month } }

        /// `updated_at` at month `month`: the morning of its last edit so far (else of its first event).
        func updatedAt(_ month: Int) -> String {
            let edited = events.last { $0.month <= month && $0.event == .edit }?.month ?? events[0].month
            return "\(MonthlySequence.date(edited))T09:00:00Z"
        }

        /// `paid_at` at month `month`: the day of its first payment so far (received at noon).
        func paidAt(_ month: Int) -> String? {
            payments.first { $0.month <= month }.map { "\(MonthlySequence.date($0.month))T12:00:00Z" }
        }

        var payments: [(id: String, month: Int, amount: Int64)] {
            events.enumerated().compactMap { index, entry in
                if case .pay(let amount) = entry.event { ("p-\(id)-\(index)", entry.month, amount) } else { nil }
            }
        }
    }

    /// The shop's customers, by number.
    static let customerNumbers = 1...6

    let months: Int
    let options: Options
    private(set) var histories: [History] = []
    private var random: SeededRandom

    init(seed: UInt64, invoices: Int, months: Int, options: Options = Options()) {
        self.months = months
        self.options = options
        random = SeededRandom(seed: seed)
        for number in 1...invoices { histories += makeHistories(number) }
    }

    private mutating func lines() -> [Int64] {
        (0..<Int.random(in: 1...3, using: &random)).map { _ in Int64.random(in: 1_000...50_000, using: &random) }
    }

    private mutating func month(after earliest: Int) -> Int { Int.random(in: earliest...(months - 1), using: &random) }

    private mutating func makeHistories(_ number: Int) -> [History] {
        let id = "S\(number)"
        let customer = Int.random(in: Self.customerNumbers, using: &random)
        let start = Int.random(in: 0...(months - 2), using: &random)
        var versions = [lines()]
        let tax = taxRate(id)
        let discount: Int64 = options.discounts && Self.roll(id, 106) < 3 ? 500 : 0
        func total(_ version: Int) -> Int64 {
            History(id: id, customer: customer, versions: versions, events: [], editedAfterPayment: false, tax: tax, discount: discount)
                .total(versions[version])
        }
        var events: [(Int, Event)] = [(start, .send)]
        var extra: [History] = []
        var blocked = false
        var notes = false
        switch Int.random(in: 0..<12, using: &random) {
        case 0: break
        case 1:
            versions.append(lines())
            events.append((month(after: start + 1), .edit))
        case 2:
            events.append((month(after: start), .pay(total(0))))
        case 3:
            versions.append(lines())
            let edited = month(after: start + 1)
            events.append((edited, .edit))
            if edited < months - 1 { events.append((month(after: edited + 1), .pay(total(1)))) }
        case 4:
            let first = month(after: start)
            events.append((first, .pay(total(0) / 2)))
            if first < months - 1 { events.append((month(after: first + 1), .pay(total(0) - total(0) / 2))) }
        case 5:
            events.append((month(after: start + 1), .void))
        case 6:
            events = [(start, .draft), (month(after: start + 1), .delete)]
        case 7:
            events = [(start, .draft), (month(after: start + 1), .send)]
        case 8:
            let paid = month(after: start)
            events.append((paid, .pay(total(0))))
            if paid < months - 1 {
                versions.append(lines())
                events.append((month(after: paid + 1), .edit))
                blocked = true
            }
        case 10:
            versions.append(lines())
            let edited = month(after: start + 1)
            events += [(edited, .edit), (edited, .pay(total(1)))]
        case 11:
            versions.append(lines())
            notes = true
            events.append((month(after: start + 1), .edit))
        default:
            let paid = month(after: start)
            events.append((paid, .pay(total(0))))
            if paid < months - 1 {
                let voided = month(after: paid + 1)
                events.append((voided, .void))
                extra.append(History(id: "\(id)R", customer: customer, versions: [lines()], events: [(voided, .send)], editedAfterPayment: false,
                                     tax: taxRate("\(id)R")))
            }
        }
        return [History(id: id, customer: customer, versions: versions, events: events, editedAfterPayment: blocked,
                        notesEmptiedByEdit: notes, tax: tax, discount: discount)] + extra
    }

    private func taxRate(_ id: String) -> TaxRate? {
        if options.salesTax, Self.roll(id, 101) < 4 { return Self.mappedRate }
        if options.unmappedRate, Self.roll(id, 102) < 2 { return Self.unmappedRate }
        return nil
    }

    /// Whether a record is in month `month`'s export: when it changed, again now and then, and always the last month.
    private func included(_ key: String, month: Int, changed: Bool) -> Bool {
        if changed || month == months - 1 { return true }
        return Self.roll(key, month) < 3
    }

    /// A number in 0..<10 drawn from `key` and `salt` alone, so options never change the histories.
    static func roll(_ key: String, _ salt: Int) -> Int {
        var generator = SeededRandom(seed: key.utf8.reduce(UInt64(salt) &+ 0xCBF2_9CE4_8422_2325) { ($0 ^ UInt64($1)) &* 0x100_0000_01B3 })
        return Int.random(in: 0..<10, using: &generator)
    }

    static func money(_ cents: Int64) -> String {
        (cents < 0 ? "-" : "") + String(format: "%lld.%02lld", abs(cents) / 100, abs(cents) % 100)
    }

    static func date(_ month: Int) -> String { String(format: "2026-%02d-10", month + 3) }

    /// The invoices and payments (and refunds) of month `month`'s export, as JSON records.
    func export(month: Int) -> (invoices: [String], payments: [String]) {
        var invoices: [String] = []
        for history in histories {
            if let state = history.state(at: month), included(history.id, month: month, changed: history.changes(at: month)) {
                invoices.append(invoice(history, state: state, month: month))
            }
        }
        let payments = moneyIn.filter { payment in
            payment.month == month || (payment.month == month - 1 && (payment.payout != nil || included(payment.id, month: month, changed: false)))
        }.map { payment in
            PaymentRulesTests.payment(payment.id, invoice: payment.invoice, amount: Self.money(payment.amount), kind: payment.isRefund ? "refund" : "payment",
                                      method: payment.method, payout: payoutNamed(payment, month: month), fee: Self.money(payment.fee),
                                      date: Self.date(payment.month))
        }
        return (invoices, payments)
    }

    /// The payout a payment names in month `month`'s export: half the card payments name it only once it is paid out (the next month).
    private func payoutNamed(_ payment: MoneyIn, month: Int) -> String? {
        payment.month == month && Self.roll(payment.id, 105) < 5 ? nil : payment.payout
    }

    private func invoice(_ history: History, state: (status: String, lines: [Int64], paid: Int64), month: Int) -> String {
        let total = history.total(state.lines)
        let taxable = history.tax == nil ? "" : ", \"taxable\": true"
        let lines = state.lines.enumerated().map { index, cents in
            "{\"item\": \"Labor\", \"description\": \"Part \(index + 1)\", \"quantity\": \"1\", \"unit_price\": \"\(Self.money(cents))\", \"amount\": \"\(Self.money(cents))\"\(taxable)}"
        }
        let taxLines = history.tax.map { rate in
            "[{\"name\": \"\(rate.name)\", \"rate_percent\": \"\(rate.percent)\", \"taxable_amount\": \"\(Self.money(state.lines.reduce(0, +)))\", \"amount\": \"\(Self.money(history.taxAmount(state.lines)))\"}]"
        } ?? "[]"
        var extra = ", \"amount_paid\": \"\(Self.money(state.paid))\", \"balance_due\": \"\(Self.money(max(0, total - state.paid)))\""
            + ", \"updated_at\": \"\(history.updatedAt(month))\""
        if let paidAt = history.paidAt(month) { extra += ", \"paid_at\": \"\(paidAt)\"" }
        if history.discount > 0 {
            extra += ", \"discount\": {\"description\": \"Promotion\", \"amount\": \"\(Self.money(history.discount))\"}"
                + ", \"subtotal\": \"\(Self.money(state.lines.reduce(0, +)))\""
        }
        if history.notesEmptiedByEdit, !history.events.contains(where: { $0.month <= month && $0.event == .edit }) {
            extra += ", \"internal_notes\": \"Gate code \(history.id)\""
        }
        let date = Self.date(history.events[0].month)
        return """
        {"id": "\(history.id)", "status": "\(state.status)", "customer": {"id": "cust-\(history.customer)", "name": "\(customerName(history.customer, month: month))", "email": "c\(history.customer)@example.com"},
         "invoice_date": "\(date)", "sent_at": "\(date)T10:00:00Z", "lines": [\(lines.joined(separator: ", "))], "tax_lines": \(taxLines), "total": "\(Self.money(total))"\(extra)}
        """
    }

    /// Customer `number`'s name in month `month`'s export (customer 1 renamed from `options.renameMonth` on).
    func customerName(_ number: Int, month: Int) -> String {
        if number == 1, let renamed = options.renameMonth, month >= renamed { return "Customer 1 Renamed" }
        return "Customer \(number)"
    }

    /// The invoice's total in Run a Call at the end (0 when voided); nil for a deleted draft.
    func finalTotal(_ history: History) -> Int64? {
        guard let state = history.state(at: months - 1) else { return nil }
        return state.status == "void" ? 0 : history.total(state.lines)
    }
}
