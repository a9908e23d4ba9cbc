import Foundation
import RunACallSupport

/// Reads typed fields from one raw record, failing with a `Problem` that names
/// the file, the record (line or index), the field and what is allowed.
struct FieldReader {
    let record: RawRecord
    let value: RecordNode
    /// The path of `value` inside the record (`lines[2]`), empty at the top.
    let path: String
    /// Which invoice line `value` belongs to, for CSV line numbers.
    let lineIndex: Int?
    /// Whether CSV columns follow invoices.csv (`invoice_id`, `line_*`, ...) rather than the field names.
    let invoiceLayout: Bool

    init(record: RawRecord, value: RecordNode, path: String = "", lineIndex: Int? = nil, invoiceLayout: Bool) {
        self.record = record
        self.value = value
        self.path = path
        self.lineIndex = lineIndex
        self.invoiceLayout = invoiceLayout
    }

    func fieldPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// The raw member, nil when absent or null ("not set").
    func raw(_ key: String) -> RecordNode? {
        guard let member = value.member(key), member.kind != .null else { return nil }
        if record.fromCSV, member.kind == .string, member.text.isEmpty { return nil }
        return member
    }

    func invalid(_ key: String, found: String, allowed: String) -> Problem {
        let field = fieldPath(key)
        return .invalidField(field, found: found, allowed: allowed, place: place(of: field))
    }

    /// A date a spreadsheet rewrote (`10/1/2026`), `reading` which date it is.
    func spreadsheetDate(_ key: String, _ text: String, _ reading: String, timestamp: Bool = false) -> Problem {
        let field = fieldPath(key)
        return .spreadsheetDate(field, found: text.trimmingWhitespace, reading: reading, place: place(of: field),
                                allowed: timestamp ? "an ISO 8601 timestamp with offset, such as 2026-10-01T09:04:05-06:00" : "a date YYYY-MM-DD such as 2026-10-01")
    }

    func missing(_ key: String, allowed: String) -> Problem {
        let field = fieldPath(key)
        return .missingField(field, allowed: allowed, place: place(of: field))
    }

    /// `invoices.csv line 17 (column line_quantity)`, `invoices.json record #3 (field lines[0].amount)`.
    func place(of field: String) -> String {
        let location = record.location
        if record.fromCSV {
            let line = lineIndex.flatMap { record.rowLines.indices.contains($0) ? record.rowLines[$0] : nil }
                ?? location.line ?? 0
            return "\(location.file) line \(line) (column \(Self.csvColumn(for: field, invoiceLayout: invoiceLayout)))"
        }
        if let line = location.line { return "\(location.file) line \(line) (field \(field))" }
        return "\(location.file) record #\(location.index ?? 0) (field \(field))"
    }

    /// The CSV column that holds a field of the JSON shape.
    static func csvColumn(for field: String, invoiceLayout: Bool) -> String {
        let parts = field.split(separator: ".").map(String.init)
        guard let head = parts.first else { return field }
        let leaf = parts.count > 1 ? parts[parts.count - 1] : head
        if head.hasPrefix("lines[") { return "line_" + leaf }
        if head.hasPrefix("tax_lines") { return "tax_lines" }
        switch head {
        case "id": return invoiceLayout ? "invoice_id" : "id"
        case "customer": return parts.count > 1 ? "customer_" + leaf : "customer_name"
        case "billing_address": return "billing_" + leaf
        case "service_address": return "service_" + leaf
        case "discount": return "discount_" + leaf
        case "member_discount": return "member_discount_" + leaf
        default: return field
        }
    }

    static func shown(_ value: RecordNode) -> String {
        switch value.kind {
        case .string: return shown(string: value.text)
        case .number: return value.text
        case .bool(let flag): return String(flag)
        default: return value.typeName
        }
    }

    /// A string as an error message shows it: quoted, cut after 40 characters.
    static func shown(string text: String) -> String {
        "\"\(text.count > 40 ? String(text.prefix(40)) + "…" : text)\""
    }

    func string(_ key: String) throws -> String? {
        guard let member = raw(key) else { return nil }
        switch member.kind {
        case .string, .number: return member.text
        default: throw invalid(key, found: member.typeName, allowed: "text")
        }
    }

    func requiredString(_ key: String) throws -> String {
        guard let text = try string(key), !text.isBlank else {
            throw missing(key, allowed: "non-empty text")
        }
        return text
    }

    func money(_ key: String) throws -> Money? {
        guard let member = raw(key) else { return nil }
        let allowed = "a decimal amount with at most 2 decimals, such as 129.00 or -20.5"
        switch member.kind {
        case .string, .number:
            guard let money = Money(parsing: member.text.trimmingWhitespace) else {
                throw invalid(key, found: Self.shown(member), allowed: allowed)
            }
            return money
        default: throw invalid(key, found: member.typeName, allowed: allowed)
        }
    }

    func requiredMoney(_ key: String) throws -> Money {
        guard let money = try money(key) else { throw missing(key, allowed: "a decimal amount such as 129.00") }
        return money
    }

    func decimal(_ key: String) throws -> ExactDecimal? {
        guard let member = raw(key) else { return nil }
        let allowed = "a decimal number with at most 5 decimals, such as 2 or 1.5"
        switch member.kind {
        case .string, .number:
            guard let value = ExactDecimal(parsing: member.text.trimmingWhitespace, maxPlaces: 5) else {
                throw invalid(key, found: Self.shown(member), allowed: allowed)
            }
            return value
        default: throw invalid(key, found: member.typeName, allowed: allowed)
        }
    }

    func requiredDecimal(_ key: String) throws -> ExactDecimal {
        guard let value = try decimal(key) else { throw missing(key, allowed: "a decimal number such as 2 or 1.5") }
        return value
    }

    func bool(_ key: String) throws -> Bool? {
        guard let member = raw(key) else { return nil }
        if case .bool(let flag) = member.kind { return flag }
        if record.fromCSV, member.kind == .string {
            switch member.text.trimmingWhitespace.lowercased() {
            case "true", "yes", "1": return true
            case "false", "no", "0": return false
            default: break
            }
        }
        let allowed = record.fromCSV ? "true/false, yes/no or 1/0" : "JSON true or false"
        throw invalid(key, found: Self.shown(member), allowed: allowed)
    }

    func date(_ key: String) throws -> CalendarDate? {
        guard let text = try string(key) else { return nil }
        guard let date = CalendarDate(iso: text.trimmingWhitespace) else {
            if let reading = SpreadsheetDate.reading(of: text.trimmingWhitespace) { throw spreadsheetDate(key, text, reading) }
            throw invalid(key, found: Self.shown(string: text), allowed: "a date YYYY-MM-DD that exists, such as 2026-10-03")
        }
        try checkQuickBooksHolds(date, key, text)
        return date
    }

    /// A day outside `CalendarDate.quickBooksRange` fails with the range.
    private func checkQuickBooksHolds(_ date: CalendarDate, _ key: String, _ text: String) throws {
        let range = CalendarDate.quickBooksRange
        guard !range.contains(date) else { return }
        throw invalid(key, found: Self.shown(string: text),
                      allowed: "a date QuickBooks can hold, from \(range.lowerBound) to \(range.upperBound) (year \(date.year) is outside it)")
    }

    func requiredDate(_ key: String) throws -> CalendarDate {
        guard let date = try date(key) else { throw missing(key, allowed: "a date YYYY-MM-DD") }
        return date
    }

    func timestamp(_ key: String) throws -> Timestamp? {
        guard let text = try string(key) else { return nil }
        guard let stamp = Timestamp(iso: text.trimmingWhitespace) else {
            if let reading = SpreadsheetDate.reading(of: text.trimmingWhitespace) { throw spreadsheetDate(key, text, reading, timestamp: true) }
            throw invalid(key, found: Self.shown(string: text),
                          allowed: "an ISO 8601 timestamp with offset and seconds 00 to 59 (no leap second 60), such as "
                              + "2026-10-03T15:04:05Z or 2026-10-03T09:04:05-06:00")
        }
        try checkQuickBooksHolds(stamp.date, key, text)
        return stamp
    }

    func oneOf<T: RawRepresentable & CaseIterable>(_ key: String, _ type: T.Type) throws -> T? where T.RawValue == String {
        guard let text = try string(key) else { return nil }
        guard let value = T(rawValue: text.trimmingWhitespace.lowercased()) else {
            throw invalid(key, found: Self.shown(string: text), allowed: T.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return value
    }

    /// A nested object's reader, nil when not set.
    func object(_ key: String) throws -> FieldReader? {
        guard let member = raw(key) else { return nil }
        guard member.kind == .object else { throw invalid(key, found: member.typeName, allowed: "an object") }
        return FieldReader(record: record, value: member, path: fieldPath(key), lineIndex: lineIndex, invoiceLayout: invoiceLayout)
    }

    /// A nested array's element readers; empty when not set.
    func array(_ key: String) throws -> [FieldReader] {
        guard let member = raw(key) else { return [] }
        guard member.kind == .array else { throw invalid(key, found: member.typeName, allowed: "an array") }
        return member.elements.enumerated().map { position, element in
            FieldReader(record: record, value: element, path: "\(fieldPath(key))[\(position)]",
                        lineIndex: key == "lines" ? position : lineIndex, invoiceLayout: invoiceLayout)
        }
    }

    func address(_ key: String) throws -> Address? {
        guard let reader = try object(key) else { return nil }
        let address = Address(line1: try reader.string("line1"), line2: try reader.string("line2"),
                              city: try reader.string("city"), state: try reader.string("state"),
                              postalCode: try reader.string("postal_code"), country: try reader.string("country"))
        return address.isEmpty ? nil : address
    }
}
