/// What the converter must do with a generated invoice: the generator's oracle.
public struct ExpectedInvoice: Sendable {
    public enum Outcome: String, Sendable { case written = "Success", failed = "Failed", skipped = "Skipped" }

    public let id: String
    public let status: String
    public let outcome: Outcome
    /// The message's start (`Closed period`, `Draft`, ...), for checks.
    public let messagePrefix: String
    /// Total in cents as the export states it (nil for an unreadable record).
    public let totalCents: Int64?
    public let taxCents: Int64
    /// Whether written as a void (zero) invoice.
    public let isVoid: Bool
    /// For a failure: the start of its fix.
    public var fixPrefix = ""
}

/// Hostile text: every character class the export contract allows and
/// QuickBooks chokes on.
enum HostileText {
    static let fragments = [
        "O'Brien & Sons", "Zoë Ångström", "田中 太郎", "Łódź Ñandú", "🔥 Hot 🔥", "tab\there", "line\nbreak",
        "quote \"this\"", "<b>bold</b>", "semi;colon", "colon: sub", "=SUM(A1:A9)", "+1 555", "-minus", "@handle",
        "back\\slash", "Привет", "crlf\r\nend", "  padded  ", "comma, inside",
        "A very long name that goes well beyond forty-one characters of QuickBooks Desktop",
    ]

    static func pick(_ random: inout SeededRandom) -> String {
        fragments[Int(random.next() % UInt64(fragments.count))]
    }
}

/// One generated invoice with its expected outcome.
struct GeneratedInvoice {
    struct Line {
        var item: String
        var description: String
        var category: String
        var quantity: String
        var unitPrice: String
        var amount: String
        var taxable: Bool
        var taxRate: String?
    }

    var id: String
    var status: String
    var customer: (id: String, name: String, email: String, phone: String)
    var invoiceDate: String
    var terms: String
    var lines: [Line]
    var taxLine: (name: String, percent: String, taxable: String, amount: String)?
    var discount: (description: String, amount: String)?
    var memberDiscount: (plan: String, amount: String)?
    var membership: Bool
    var subtotal: String
    var taxTotal: String
    var total: String
    var customerNotes: String
    var internalNotes: String
    var expected: ExpectedInvoice

    static let statuses: [(String, Int)] = [("draft", 8), ("sent", 30), ("partially_paid", 15), ("paid", 37), ("void", 10)]
    static let items: [(String, String, Int64, Bool)] = [
        ("Service call", "Service", 12900, false), ("Labor hour", "Service", 9500, false),
        ("Furnace filter", "Parts", 1875, true), ("Condenser install", "Equipment installs", 420000, true),
        ("Capacitor 45/5", "Parts", 4250, true), ("Comfort Club", "Memberships", 1999, false),
        ("Duct: sealing; premium", "Service", 31000, false), ("Thermostat “Smart” ⚡", "Parts", 24999, true),
        ("A pricebook item whose name is far longer than thirty-one characters", "Parts", 500, true),
    ]

    static func cents(_ value: Int64) -> String {
        let sign = value < 0 ? "-" : ""
        let magnitude = value.magnitude
        let fraction = String(magnitude % 100)
        return "\(sign)\(magnitude / 100).\(fraction.count == 1 ? "0" + fraction : fraction)"
    }

    /// Half-up (away from zero) of `units / divisor`.
    static func roundHalfUp(_ units: Int64, _ divisor: Int64) -> Int64 {
        let quotient = units / divisor
        let remainder = units % divisor
        return remainder * 2 >= divisor ? quotient + 1 : quotient
    }

    /// Invoice number `index`, for one of customers `cust-0` to `cust-<customerCount - 1>`.
    static func make(index: Int, customerCount: Int, random: inout SeededRandom, includeBroken: Bool) -> GeneratedInvoice {
        func roll(_ bound: Int) -> Int { Int(random.next() % UInt64(bound)) }
        let broken = includeBroken ? index % 101 : -1
        var status = "sent"
        var weight = roll(100)
        for (name, share) in statuses { if weight < share { status = name; break }; weight -= share }
        if [7, 13, 29, 41, 53, 67, 89].contains(broken) { status = "sent" }
        let customerNumber = roll(customerCount)
        let customer = (id: "cust-\(customerNumber)", name: GeneratedCustomer.name(customerNumber),
                        email: GeneratedCustomer.email(customerNumber), phone: GeneratedCustomer.phone(customerNumber))
        let day = 1 + roll(28)
        let month = broken == 7 ? 1 : 2 + roll(10)
        let invoiceDate = "2026-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
        let rate = ExportGenerator.taxRates[broken == 41 ? 2 : roll(2)]
        var lines: [Line] = []
        for _ in 0..<(1 + roll(4)) {
            let item = items[roll(items.count)]
            let quantityUnits: Int64 = [100_000, 200_000, 150_000, 133_333, 25_000, 300_000][roll(6)]
            let price = item.2 + Int64(roll(3)) * 5
            let amount = roundHalfUp(quantityUnits * price, 100_000)
            let taxable = item.3
            lines.append(Line(item: item.0, description: "\(HostileText.pick(&random)) SAFE-TEXT", category: item.1,
                              quantity: Self.units(quantityUnits), unitPrice: cents(price), amount: cents(amount),
                              taxable: taxable, taxRate: taxable ? rate.name : nil))
        }
        if broken == 41 { lines[0].taxable = true; lines[0].taxRate = rate.name }
        var subtotal = lines.reduce(Int64(0)) { $0 + Self.parseCents($1.amount) }
        if broken == 29 { lines[0].amount = cents(Self.parseCents(lines[0].amount) + 1); subtotal += 1 }
        let taxableCents = lines.filter(\.taxable).reduce(Int64(0)) { $0 + Self.parseCents($1.amount) }
        let percentThousandths = Self.thousandths(rate.percent)
        let taxCents = taxableCents > 0 ? roundHalfUp(taxableCents * percentThousandths, 100_000) : 0
        let taxLine = taxableCents > 0 ? (rate.name, rate.percent, cents(taxableCents), cents(taxCents)) : nil
        let discountCents: Int64 = roll(10) == 0 ? subtotal / 10 : 0
        let memberCents: Int64 = roll(10) == 0 ? min(2500, subtotal / 5) : 0
        var total = subtotal - discountCents - memberCents + taxCents
        if broken == 13 { total += 1 }
        var id = "INV\(100_000 + index)"
        if broken == 79, index >= 5 { id = "INV\(100_000 + index - 5)" }
        if broken == 89 { id = "LONG-ID-\(100_000 + index)X" }
        let outcome: ExpectedInvoice.Outcome
        var prefix = ""
        switch broken {
        case 7: outcome = .failed; prefix = "Closed period"
        case 13, 29: outcome = .failed; prefix = "Total mismatch"
        case 41: outcome = .failed; prefix = "Tax code not mapped"
        case 53, 67: outcome = .failed; prefix = "Invalid record"
        case 89: outcome = .failed; prefix = "Doc number too long"
        default:
            switch status {
            case "draft": outcome = .skipped; prefix = "Draft"
            default: outcome = .written
            }
        }
        let expected = ExpectedInvoice(id: id, status: status, outcome: outcome, messagePrefix: prefix, totalCents: total,
                                       taxCents: taxCents, isVoid: status == "void")
        var invoice = GeneratedInvoice(
            id: id, status: status, customer: customer, invoiceDate: broken == 53 ? "2026-02-30" : invoiceDate,
            terms: broken == 97 ? GeneratedBooks.missingTerms : "Net 30", lines: lines,
            taxLine: taxLine, discount: discountCents > 0 ? ("Promo \(HostileText.pick(&random))", cents(discountCents)) : nil,
            memberDiscount: memberCents > 0 ? ("Comfort Club", cents(memberCents)) : nil, membership: roll(20) == 0,
            subtotal: cents(subtotal), taxTotal: cents(taxCents), total: cents(total),
            customerNotes: HostileText.pick(&random), internalNotes: HostileText.pick(&random), expected: expected)
        if broken == 67 { invoice.total = "12.3.4" }
        return invoice
    }

    static func units(_ value: Int64) -> String {
        let whole = value / 100_000
        var fraction = String(value % 100_000)
        fraction = String(repeating: "0", count: 5 - fraction.count) + fraction
        while fraction.last == "0" { fraction.removeLast() }
        return fraction.isEmpty ? "\(whole)" : "\(whole).\(fraction)"
    }

    /// `8.81` → 8810.
    static func thousandths(_ percent: String) -> Int64 {
        let parts = percent.split(separator: ".", omittingEmptySubsequences: false)
        let fraction = parts.count > 1 ? String(parts[1]) : ""
        return Int64(parts[0])! * 1000 + Int64((fraction + "000").prefix(3))!
    }

    static func parseCents(_ text: String) -> Int64 {
        let parts = text.split(separator: ".")
        return Int64(parts[0])! * 100 + Int64(parts[1])!
    }

    var paidAt: String? { status == "paid" ? "\(invoiceDate)T18:00:00Z" : nil }
    var sentAt: String? { status == "draft" ? nil : "\(invoiceDate)T09:04:05-06:00" }
    var voidedAt: String? { status == "void" ? "\(invoiceDate)T20:00:00+00:00" : nil }
}
