import Foundation

/// Writes a Run a Call export built from the export contract: invoices of
/// every status with hostile text, discounts, member discounts, several tax
/// rates (one unmapped), closed-period, wrong-total, malformed and duplicate
/// records, and the never-synced fields filled with `SECRET-` markers.
/// The invoices are drawn from `customerCount` customers. Records are written
/// one at a time, so any size fits in memory.
public struct ExportGenerator {
    public enum Format: String, Sendable, CaseIterable { case json, jsonl, csv }

    public let invoiceCount: Int
    /// Customers the invoices are drawn from (`cust-0` on), evenly at random.
    public let customerCount: Int
    public let seed: UInt64
    /// Whether to add broken records (bad date, non-numeric amount, wrong totals, duplicates).
    public let includeBroken: Bool
    /// Whether the oracle expects the books of `GeneratedBooks` (and its config).
    public let withBooks: Bool

    /// Tax rates: the first two are mapped by `configuration(edition:)`, the third is not.
    public static let taxRates: [(name: String, percent: String)] = [
        ("Denver 8.81%", "8.81"), ("Aurora 8.5%", "8.5"), ("Unmapped 7.25%", "7.25"),
    ]
    /// The closing date the generated config uses.
    public static let closingDate = "2026-01-31"

    /// The customers of the tests' exports, whatever their size (and of the books they read).
    public static let testCustomerCount = 200

    /// About one customer per four invoices, as a shop's history has: what `rac2qb-gen` makes.
    public static func shopCustomerCount(invoiceCount: Int) -> Int { max(1, invoiceCount / 4) }

    public init(invoiceCount: Int, customerCount: Int = testCustomerCount, seed: UInt64 = 42, includeBroken: Bool = true,
                withBooks: Bool = false) {
        precondition(customerCount > 0, "an export needs a customer")
        self.invoiceCount = invoiceCount
        self.customerCount = customerCount
        self.seed = seed
        self.includeBroken = includeBroken
        self.withBooks = withBooks
    }

    /// A config for the generated export. `unmappedFails` leaves the third rate unmapped with no default.
    public static func configuration(edition: String = "us", unmappedFails: Bool = true) -> String {
        let codes = edition == "us" ? ("Denver", "Aurora", "To classify") : ("G", "H", "Z")
        return """
        version: 1
        company:
          name: Generated Co
          edition: \(edition)
          closing_date: \(closingDate)
        tax:
          rates:
            Denver 8.81%: \(codes.0)
            Aurora 8.5%: \(codes.1)
        \(unmappedFails ? "" : "  default_for_unmapped: \(codes.2)")
        """
    }

    /// The oracle of a generated export.
    public struct Expected: Sendable {
        public let invoices: [ExpectedInvoice]
        public let payments: [ExpectedPayment]
        public let payouts: [ExpectedPayout]
    }

    /// Writes `invoices`, `payments` and `payouts` in `format` into `folder` and returns the oracle.
    public func writeWithPayments(format: Format, to folder: URL) throws -> Expected {
        var dates: [String: String] = [:]
        let invoices = try write(format: format, to: folder) { dates[$0] = $1 }
        let generated = PaymentGenerator.make(for: invoices, dates: dates, includeBroken: includeBroken)
        let payments: String
        let payouts: String
        switch format {
        case .json, .jsonl:
            let separator = format == .json ? ",\n" : "\n"
            payments = (format == .json ? "[\n" : "") + generated.records.map(PaymentGenerator.json).joined(separator: separator) + (format == .json ? "\n]\n" : "\n")
            let objects = generated.payouts.map {
                "{\"id\": \"\($0.id)\", \"arrival_date\": \"2026-12-15\", \"gross\": \"\(GeneratedInvoice.cents($0.gross))\", \"fees\": \"\(GeneratedInvoice.cents($0.fees))\", \"net\": \"\(GeneratedInvoice.cents($0.net))\"}"
            }
            payouts = format == .json ? "{\"payouts\": [\n" + objects.joined(separator: ",\n") + "\n]}\n" : objects.joined(separator: "\n") + "\n"
        case .csv:
            payments = "id,invoice_id,amount,kind,method,received_at,reference,stripe_fee,payout_id\r\n" + generated.records.map(PaymentGenerator.csv).joined()
            payouts = "id,arrival_date,gross,fees,net\r\n" + generated.payouts.map {
                "\($0.id),2026-12-15,\(GeneratedInvoice.cents($0.gross)),\(GeneratedInvoice.cents($0.fees)),\(GeneratedInvoice.cents($0.net))\r\n"
            }.joined()
        }
        try Data(payments.utf8).write(to: folder.appendingPathComponent("payments.\(format.rawValue)"))
        try Data(payouts.utf8).write(to: folder.appendingPathComponent("payouts.\(format.rawValue)"))
        return Expected(invoices: invoices, payments: generated.expected, payouts: generated.expectedPayouts)
    }

    /// Writes `invoices.<format>` into `folder` and returns the oracle.
    @discardableResult
    public func write(format: Format, to folder: URL, dates: (String, String) -> Void = { _, _ in }) throws -> [ExpectedInvoice] {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent("invoices.\(format.rawValue)")
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else { throw CocoaError(.fileWriteUnknown) }
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        var buffer = ""
        func emit(_ text: String) throws {
            buffer += text
            if buffer.utf8.count > 1 << 16 { try handle.write(contentsOf: Data(buffer.utf8)); buffer = "" }
        }
        var random = SeededRandom(seed: seed)
        var expected: [ExpectedInvoice] = []
        expected.reserveCapacity(invoiceCount)
        switch format {
        case .json: try emit("{\"export\": {\"version\": 1, \"generated\": true},\n \"invoices\": [\n")
        case .csv: try emit(CSVInvoiceRow.header)
        case .jsonl: break
        }
        for index in 0..<invoiceCount {
            let invoice = GeneratedInvoice.make(index: index, customerCount: customerCount, random: &random, includeBroken: includeBroken)
            expected.append(withBooks ? GeneratedBooks.expected(for: invoice) : invoice.expected)
            dates(invoice.id, CalendarCheck.isValid(invoice.invoiceDate) ? invoice.invoiceDate : "2026-06-01")
            switch format {
            case .json: try emit((index == 0 ? "  " : ",\n  ") + invoice.json())
            case .jsonl: try emit(invoice.json() + "\n")
            case .csv: try emit(invoice.csvRows())
            }
        }
        if format == .json { try emit("\n]}\n") }
        try handle.write(contentsOf: Data(buffer.utf8))
        return Self.markDuplicates(expected)
    }

    /// Both records of a duplicated ID fail.
    static func markDuplicates(_ expected: [ExpectedInvoice]) -> [ExpectedInvoice] {
        var counts: [String: Int] = [:]
        for invoice in expected { counts[invoice.id, default: 0] += 1 }
        return expected.map { invoice in
            guard counts[invoice.id, default: 0] > 1, invoice.totalCents != nil else { return invoice }
            return ExpectedInvoice(id: invoice.id, status: invoice.status, outcome: .failed, messagePrefix: "Duplicate invoice ID",
                                   totalCents: invoice.totalCents, taxCents: invoice.taxCents, isVoid: false)
        }
    }
}
