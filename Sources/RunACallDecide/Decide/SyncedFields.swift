import RunACallSupport
import RunACallRead

/// The fields of a record that reach QuickBooks, one `name: value` a line,
/// in a fixed order: what the ledger hashes to tell an edit from a re-run.
/// Status and timestamps are not among them (a paid invoice is not an edited
/// one), and the never-synced fields are never read at all.
public struct SyncedFields {
    /// The lines joined, as the ledger stores them (joined once: the ledger takes both the text and its hash).
    public let text: String
    /// The lines, when they were given (an invoice's fields are written straight into `text`).
    private let givenLines: [String]?

    /// The `name: value` lines (a value never holds a line break: `escaped` escapes them).
    public var lines: [String] { givenLines ?? text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }

    public init(lines: [String]) {
        givenLines = lines
        text = lines.joined(separator: "\n")
    }

    /// Fields written line by line into their text.
    private init(text: String) {
        givenLines = nil
        self.text = text
    }

    /// A hash of the lines (FNV-1a, 64 bits, hex).
    public var hash: String {
        var hash = StableHash()
        hash.add(text)
        return hash.hex
    }

    /// The lines of `old` that differ from these, as `name: old → new` (`→ (cleared)` for a field Run a Call emptied).
    func changes(from old: String) -> [String] {
        let before = Self.values(old)
        let after = lines.map(Self.split)
        var changes: [String] = []
        for (name, value) in after where before[name] != value {
            changes.append("\(name): \(before[name] ?? "(none)") → \(value.isEmpty ? "(cleared)" : value)")
        }
        let names = Set(after.map(\.0))
        for (name, value) in before where !names.contains(name) { changes.append("\(name): \(value) → (none)") }
        return changes.sorted()
    }

    /// The `name: value` lines of a stored text, by name.
    public static func values(_ text: String) -> [String: String] {
        Dictionary(text.split(separator: "\n").map(String.init).map(split), uniquingKeysWith: { first, _ in first })
    }

    private static func split(_ line: String) -> (String, String) {
        guard let colon = line.range(of: ": ") else { return (line, "") }
        return (String(line[..<colon.lowerBound]), String(line[colon.upperBound...]))
    }

    private static func address(_ address: Address?) -> String {
        guard let address else { return "" }
        return [address.line1, address.line2, address.city, address.state, address.postalCode, address.country]
            .map { $0 ?? "" }.joined(separator: " | ")
    }

    /// A value on one line: backslash, line feed and carriage return escaped. The ledger hashes what this
    /// gives, so it stays what the first versions gave: Foundation's `replacingOccurrences`, which compares
    /// characters, not bytes (a backslash or line break that shares its character with a combining mark is
    /// left as it is). A text whose backslashes and line breaks have ASCII on both sides, as nearly every
    /// text has, gives the same bytes escaped byte by byte, without Foundation's search.
    public static func escaped(_ text: String?) -> String {
        guard let text else { return "" }
        switch EscapedBytes.kind(of: text) {
        case .none: return text
        case .standingAlone: return EscapedBytes.escaped(text)
        case .inACharacterWithOthers:
            return text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n")
                .replacingOccurrences(of: "\r", with: "\\r")
        }
    }

    /// The value `escaped` was given.
    public static func unescaped(_ text: String) -> String {
        var result = ""
        var pendingBackslash = false
        for character in text {
            if pendingBackslash {
                switch character {
                case "n": result.append("\n")
                case "r": result.append("\r")
                default: result.append(character)
                }
                pendingBackslash = false
            } else if character == "\\" {
                pendingBackslash = true
            } else {
                result.append(character)
            }
        }
        return result
    }

    /// The field of a customer's ledger entry that holds the name the user was told to rename it to in QuickBooks
    /// (IIF and CSV cannot rename), until `rac2qb confirm-rename` or a books snapshot confirms it.
    public static let pendingName = "pending name"

    /// A customer's stored fields without its pending name: the rename is done.
    public static func withoutPendingName(_ text: String) -> SyncedFields {
        SyncedFields(lines: text.split(separator: "\n").map(String.init).filter { !$0.hasPrefix(pendingName + ": ") })
    }

    /// A customer's name, email and the addresses its record has (an invoice's
    /// customer often carries none: an address it lacks is not a change).
    public init(customer: Customer) {
        var lines = ["name: \(Self.escaped(customer.name))", "email: \(Self.escaped(customer.email))"]
        if let address = customer.billingAddress, !address.isEmpty { lines.append("billing address: \(Self.escaped(Self.address(address)))") }
        if let address = customer.serviceAddress, !address.isEmpty { lines.append("service address: \(Self.escaped(Self.address(address)))") }
        self.init(lines: lines)
    }

    /// Changes in the fields these lines have (a field they lack is not a change), as `name: old → new`.
    public func changes(inFieldsOf old: String) -> [String] {
        let before = Self.values(old)
        return lines.map(Self.split).filter { name, value in before[name] != value }
            .map { name, value in "\(name): \(before[name] ?? "(none)") → \(value)" }
    }

    /// An invoice's synced fields. A customer with a Run a Call id is named by
    /// it (`customer id`), so renaming the customer does not edit its invoices;
    /// one without an id by its name and email. `recordedCustomer`: the
    /// `customer: name <email>` an earlier version recorded for the invoice
    /// (before invoices named their customer by id), kept when it names this
    /// customer, so that a ledger of that version does not see the rename as an edit either.
    public init(_ invoice: Invoice, recordedCustomer: String? = nil) {
        var text = LinesText(capacity: 320 + 160 * invoice.lines.count)
        if let recordedCustomer {
            text.line("customer", recordedCustomer)
        } else if let id = invoice.customer.id, !id.isEmpty {
            text.line("customer id", Self.escaped(id))
        } else {
            text.line("customer", Self.customerByName(invoice.customer.name, email: invoice.customer.email))
        }
        text.line("billing address", Self.escaped(Self.address(invoice.billingAddress)))
        text.line("service address", Self.escaped(Self.address(invoice.serviceAddress)))
        text.line("invoice date", invoice.invoiceDate.description)
        text.line("due date", invoice.dueDate?.description ?? "")
        text.line("terms", Self.escaped(invoice.terms))
        text.line("currency", invoice.currency)
        text.line("membership invoice", invoice.membershipInvoice.description)
        for (number, line) in invoice.lines.enumerated() {
            text.line("line \(number + 1)", Self.escaped(line.item))
            text.append(" | ")
            text.append(Self.escaped(line.description))
            text.append(" | ")
            text.append(Self.escaped(line.category))
            text.append(" | ")
            text.append(line.quantity.description)
            text.append(" × ")
            text.append(line.unitPrice.description)
            text.append(" = ")
            text.append(line.amount.description)
            text.append(" | taxable ")
            text.append(line.taxable.description)
            text.append(" | ")
            text.append(Self.escaped(line.taxRate))
        }
        for (number, tax) in invoice.taxLines.enumerated() {
            text.line("tax \(number + 1)", Self.escaped(tax.name))
            text.append(" | ")
            text.append(tax.ratePercent?.description ?? "")
            text.append(" | ")
            text.append(tax.amount.description)
        }
        text.line("discount", Self.discount(invoice.discount))
        text.line("member discount", Self.discount(invoice.memberDiscount))
        text.line("total", invoice.total?.description ?? "")
        text.line("customer notes", Self.escaped(invoice.customerNotes))
        text.line("internal notes", Self.escaped(invoice.internalNotes))
        self.init(text: text.text)
    }

    /// A discount's value: its label and amount, empty without one.
    private static func discount(_ discount: InvoiceDiscount?) -> String {
        discount.map { escaped($0.label) + " " + $0.amount.description } ?? ""
    }

    /// How an invoice's fields name a customer without a Run a Call id (and how every customer was named before ids were).
    static func customerByName(_ name: String, email: String?) -> String { "\(escaped(name)) <\(email ?? "")>" }

    /// The `customer` value of an invoice's fields as an earlier version recorded it, when it names `customer`:
    /// by the name and email it has now, or one of `earlier` (its customer records' fields, by Run a Call id).
    static func recordedCustomer(in fields: String, naming customer: Customer, earlier: [String]) -> String? {
        guard let id = customer.id, !id.isEmpty, let recorded = values(fields)["customer"] else { return nil }
        let known = [customerByName(customer.name, email: customer.email)] + earlier.map(values).map { record in
            customerByName(unescaped(record["name"] ?? ""), email: record["email"].map(unescaped))
        }
        return known.contains(recorded) ? recorded : nil
    }

    public init(_ payment: Payment) {
        self.init(lines: [
            "invoice: \(payment.invoiceID)", "kind: \(payment.kind.rawValue)", "amount: \(payment.amount)",
            "method: \(payment.method.rawValue)", "received: \(payment.receivedAt.text)",
            "reference: \(Self.escaped(payment.reference))", "payout: \(payment.payoutID ?? "")",
        ])
    }

    public init(_ payout: Payout) {
        self.init(lines: ["arrival date: \(payout.arrivalDate)", "gross: \(payout.gross)", "fees: \(payout.fees)", "net: \(payout.net)"])
    }
}

/// `name: value` lines written one after another into one text, a line break between two. Parts are appended
/// one call each: an argument list `String...` is an array allocated a call, which took back most of what
/// writing into one text saves.
private struct LinesText {
    /// The text's UTF-8: a part appended costs a copy of its bytes (about 190 instructions), where appending to a `String` cost 410.
    private var bytes: [UInt8] = []

    init(capacity: Int) { bytes.reserveCapacity(capacity) }

    /// The lines written.
    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Starts the line `name: value`.
    mutating func line(_ name: String, _ value: String) {
        if !bytes.isEmpty { bytes.append(UInt8(ascii: "\n")) }
        bytes.appendUTF8(name)
        bytes.append(UInt8(ascii: ":"))
        bytes.append(UInt8(ascii: " "))
        bytes.appendUTF8(value)
    }

    /// Adds `part` to the line begun last.
    mutating func append(_ part: String) { bytes.appendUTF8(part) }
}
