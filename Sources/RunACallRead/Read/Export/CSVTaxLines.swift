/// The `tax_lines` cell of an invoice's first row in invoices.csv, `name|rate_percent|taxable_amount|amount`
/// entries joined by `;`, read where the decoder asks (`RecordNode`): each entry is an object whose members are
/// its non-empty parts by position, and `_malformed` (the entry's text) when it does not have four parts.
struct CSVTaxLines {
    /// The members of an entry, in the order of its parts.
    private static let names = ["name", "rate_percent", "taxable_amount", "amount"]

    /// The parts of each entry (empty entries left out; empty parts kept, so that positions hold).
    private let entries: [[Substring]]

    init(_ cell: String) {
        entries = cell.split(separator: ";").map { $0.split(separator: "|", omittingEmptySubsequences: false) }
    }

    var count: Int { entries.count }

    /// The member `key` of entry `index`; nil when the entry has no such part or it is empty.
    func member(_ key: String, ofEntry index: Int) -> RecordNode? {
        let parts = entries[index]
        if key == "_malformed" {
            return parts.count == Self.names.count ? nil : RecordNode(.string(parts.joined(separator: "|")))
        }
        guard let position = Self.names.firstIndex(of: key), position < parts.count, !parts[position].isEmpty else { return nil }
        return RecordNode(.string(String(parts[position])))
    }
}
