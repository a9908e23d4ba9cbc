import ExportGenerator
import Foundation

/// A seeded history of invoices over several months (drafts, sends, edits
/// before payment, payments in parts, voids, deleted drafts, re-issues and a few
/// edits after payment, which the seed blocks, edits then payments within one
/// month, and notes emptied by an edit), and the overlapping monthly
/// exports of it: each month's export holds what changed that month, some
/// older records again, and, the last month, everything.
struct MonthlySequence {
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

        func state(at month: Int) -> (status: String, lines: [Int64], paid: Int64)? {
            let past = events.filter { $0.month <= month }.map(\.event)
            guard !past.isEmpty, !past.contains(.delete) else { return nil }
            let lines = versions[min(past.filter { $0 == .edit }.count, versions.count - 1)]
            let paid = past.reduce(Int64(0)) { sum, event in if case .pay(let amount) = event { sum + amount } else { sum } }
            let total = lines.reduce(0, +)
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

    let months: Int
    private(set) var histories: [History] = []
    private var random: SeededRandom

    init(seed: UInt64, invoices: Int, months: Int) {
        self.months = months
        random = SeededRandom(seed: seed)
        for number in 1...invoices { histories += makeHistories(number) }
    }

    private mutating func lines() -> [Int64] {
        (0..<Int.random(in: 1...3, using: &random)).map { _ in Int64.random(in: 1_000...50_000, using: &random) }
    }

    private mutating func month(after earliest: Int) -> Int { Int.random(in: earliest...(months - 1), using: &random) }

    private mutating func makeHistories(_ number: Int) -> [History] {
        let id = "S\(number)"
        let customer = Int.random(in: 1...6, using: &random)
        let start = Int.random(in: 0...(months - 2), using: &random)
        var versions = [lines()]
        func total(_ version: Int) -> Int64 { versions[version].reduce(0, +) }
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
                extra.append(History(id: "\(id)R", customer: customer, versions: [lines()], events: [(voided, .send)], editedAfterPayment: false))
            }
        }
        return [History(id: id, customer: customer, versions: versions, events: events, editedAfterPayment: blocked,
                        notesEmptiedByEdit: notes)] + extra
    }

    /// Whether a record is in month `month`'s export: when it changed, again now and then, and always the last month.
    private func included(_ key: String, month: Int, changed: Bool) -> Bool {
        if changed || month == months - 1 { return true }
        var generator = SeededRandom(seed: key.utf8.reduce(UInt64(month) &+ 0xCBF2_9CE4_8422_2325) { ($0 ^ UInt64($1)) &* 0x100_0000_01B3 })
        return Int.random(in: 0..<10, using: &generator) < 3
    }

    static func money(_ cents: Int64) -> String {
        String(format: "%lld.%02lld", cents / 100, cents % 100)
    }

    static func date(_ month: Int) -> String { String(format: "2026-%02d-10", month + 3) }

    /// The invoices and payments of month `month`'s export, as JSON records.
    func export(month: Int) -> (invoices: [String], payments: [String]) {
        var invoices: [String] = []
        var payments: [String] = []
        for history in histories {
            if let state = history.state(at: month), included(history.id, month: month, changed: history.changes(at: month)) {
                let total = state.lines.reduce(0, +)
                let lines = state.lines.enumerated().map { index, cents in
                    "{\"item\": \"Labor\", \"description\": \"Part \(index + 1)\", \"quantity\": \"1\", \"unit_price\": \"\(Self.money(cents))\", \"amount\": \"\(Self.money(cents))\"}"
                }
                let start = history.events[0].month
                var extra = ", \"amount_paid\": \"\(Self.money(state.paid))\", \"balance_due\": \"\(Self.money(max(0, total - state.paid)))\""
                    + ", \"updated_at\": \"\(history.updatedAt(month))\""
                if let paidAt = history.paidAt(month) { extra += ", \"paid_at\": \"\(paidAt)\"" }
                if history.notesEmptiedByEdit, !history.events.contains(where: { $0.month <= month && $0.event == .edit }) {
                    extra += ", \"internal_notes\": \"Gate code \(history.id)\""
                }
                invoices.append(InvoiceRulesTests.invoice(
                    id: history.id, status: state.status, date: Self.date(start), customer: "Customer \(history.customer)",
                    email: "c\(history.customer)@example.com", lines: "[" + lines.joined(separator: ", ") + "]",
                    extra: extra, total: Self.money(total)))
            }
            for payment in history.payments where payment.month == month || (payment.month == month - 1 && included(payment.id, month: month, changed: false)) {
                payments.append(PaymentRulesTests.payment(payment.id, invoice: history.id, amount: Self.money(payment.amount), method: "check",
                                                          payout: nil, fee: "0.00", date: Self.date(payment.month)))
            }
        }
        return (invoices, payments)
    }

    /// The invoice's total in Run a Call at the end (0 when voided); nil for a deleted draft.
    func finalTotal(_ history: History) -> Int64? {
        guard let state = history.state(at: months - 1) else { return nil }
        return state.status == "void" ? 0 : state.lines.reduce(0, +)
    }
}
