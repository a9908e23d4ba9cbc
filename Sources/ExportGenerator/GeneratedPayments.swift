import Foundation

/// Whether a generated `YYYY-MM-DD` exists (the broken-date invoices do not).
enum CalendarCheck {
    static func isValid(_ text: String) -> Bool {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return false }
        let days = [31, parts[0] % 4 == 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return (1...12).contains(parts[1]) && (1...days[parts[1] - 1]).contains(parts[2])
    }
}

/// What the converter must do with a generated payment, refund or payout.
public struct ExpectedPayment: Sendable {
    public let id: String
    public let invoiceID: String
    public let isRefund: Bool
    public let outcome: ExpectedInvoice.Outcome
    public let messagePrefix: String
    public let amountCents: Int64
    public let payoutID: String?
}

/// A generated Stripe payout and its expected outcome.
public struct ExpectedPayout: Sendable {
    public let id: String
    public let outcome: ExpectedInvoice.Outcome
    public let messagePrefix: String
    public let netCents: Int64
}

/// Payments for the generated invoices: cash, check, other, card and ACH (the
/// last two in Stripe payouts of about twenty), a refund now and then, and
/// broken records: payments for unwritten or unknown invoices, overpayments,
/// and payouts whose gross does not add up.
struct PaymentGenerator {
    struct Record {
        var id: String
        var invoiceID: String
        var amount: Int64
        var kind: String
        var method: String
        var date: String
        var fee: Int64?
        var payout: String?
    }

    static func make(for invoices: [ExpectedInvoice], dates: [String: String], includeBroken: Bool)
        -> (records: [Record], payouts: [(id: String, gross: Int64, fees: Int64, net: Int64)],
            expected: [ExpectedPayment], expectedPayouts: [ExpectedPayout]) {
        var records: [Record] = []
        var pending: [Record] = []
        var payouts: [(String, Int64, Int64, Int64)] = []
        var badPayouts = Set<String>()
        var outcomes: [String: (ExpectedInvoice.Outcome, String)] = [:]
        let methods = ["card", "cash", "ach", "check", "card", "other", "card"]

        func closePayout() {
            guard !pending.isEmpty else { return }
            let id = "po_\(payouts.count + 1)"
            let gross = pending.reduce(Int64(0)) { $0 + ($1.kind == "refund" ? -$1.amount : $1.amount) }
            let fees = pending.reduce(Int64(0)) { $0 + ($1.fee ?? 0) }
            let broken = includeBroken && payouts.count % 7 == 3
            if broken { badPayouts.insert(id) }
            payouts.append((id, gross + (broken ? 1 : 0), fees, gross + (broken ? 1 : 0) - fees))
            records += pending.map { var record = $0; record.payout = id; return record }
            pending = []
        }

        var number = 0
        for invoice in invoices where ["paid", "partially_paid"].contains(invoice.status) {
            guard let total = invoice.totalCents, total > 0 else { continue }
            number += 1
            let amount = invoice.status == "paid" ? total : total / 2
            let date = dates[invoice.id] ?? "2026-06-01"
            let writable = invoice.outcome == .written && !invoice.isVoid
            let method = writable ? methods[number % methods.count] : "cash"
            let id = "pay-\(number)"
            let fee: Int64? = ["card", "ach"].contains(method) ? amount * 29 / 1000 + 30 : nil
            let record = Record(id: id, invoiceID: invoice.id, amount: amount, kind: "payment", method: method, date: date, fee: fee, payout: nil)
            outcomes[id] = writable ? (.written, "") : (.failed, "Invoice not written")
            if fee != nil { pending.append(record) } else { records.append(record) }
            if writable, fee != nil, invoice.status == "paid", number % 37 == 0 {
                let refund = Record(id: "ref-\(number)", invoiceID: invoice.id, amount: max(1, amount / 10), kind: "refund", method: method,
                                    date: date, fee: nil, payout: nil)
                outcomes[refund.id] = (.written, "")
                pending.append(refund)
            }
            if includeBroken, writable, fee == nil, number % 61 == 0 {
                let extra = Record(id: "over-\(number)", invoiceID: invoice.id, amount: total - amount + 100, kind: "payment", method: "cash",
                                   date: date, fee: nil, payout: nil)
                outcomes[extra.id] = (.failed, "Overpayment")
                records.append(extra)
            }
            if includeBroken, number % 53 == 0 {
                let orphan = Record(id: "orphan-\(number)", invoiceID: "NOPE-\(number)", amount: 1000, kind: "payment", method: "check",
                                    date: date, fee: nil, payout: nil)
                outcomes[orphan.id] = (.failed, "Invoice not found")
                records.append(orphan)
            }
            if pending.count >= 20 { closePayout() }
        }
        closePayout()

        let expected = records.map { record -> ExpectedPayment in
            var (outcome, prefix) = outcomes[record.id] ?? (.written, "")
            if let payout = record.payout, badPayouts.contains(payout), outcome == .written { (outcome, prefix) = (.failed, "Payout not written") }
            return ExpectedPayment(id: record.id, invoiceID: record.invoiceID, isRefund: record.kind == "refund", outcome: outcome,
                                   messagePrefix: prefix, amountCents: record.amount, payoutID: record.payout)
        }
        let expectedPayouts = payouts.map { payout in
            ExpectedPayout(id: payout.0, outcome: badPayouts.contains(payout.0) ? .failed : .written,
                           messagePrefix: badPayouts.contains(payout.0) ? "Payout does not add up" : "", netCents: payout.3)
        }
        return (records, payouts.map { (id: $0.0, gross: $0.1, fees: $0.2, net: $0.3) }, expected, expectedPayouts)
    }

    static func json(_ record: Record) -> String {
        let fee = record.fee.map { "\"\(GeneratedInvoice.cents($0))\"" } ?? "null"
        let payout = record.payout.map { "\"\($0)\"" } ?? "null"
        return """
        {"id": "\(record.id)", "invoice_id": "\(record.invoiceID)", "amount": "\(GeneratedInvoice.cents(record.amount))", "kind": "\(record.kind)", "method": "\(record.method)", "received_at": "\(record.date)T12:00:00Z", "reference": "ref \(record.id)", "stripe_fee": \(fee), "payout_id": \(payout)}
        """
    }

    static func csv(_ record: Record) -> String {
        [record.id, record.invoiceID, GeneratedInvoice.cents(record.amount), record.kind, record.method, "\(record.date)T12:00:00Z",
         "ref \(record.id)", record.fee.map(GeneratedInvoice.cents) ?? "", record.payout ?? ""].joined(separator: ",") + "\r\n"
    }
}
