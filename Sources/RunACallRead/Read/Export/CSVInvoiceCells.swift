/// The positions of invoices.csv's columns, looked up once from the header (nil: the file lacks the column).
struct CSVInvoiceLayout {
    let id: Int?
    /// The invoice's own columns, by the member name they stand for (`status`, `invoice_date`, …).
    let own: [String: Int]
    /// `customer_id` … `customer_company`, by member name (`id` … `company`).
    let customer: [String: Int]
    let billing: [String: Int]
    let service: [String: Int]
    /// `discount_description`, `discount_amount` as `description`, `amount`.
    let discount: [String: Int]
    /// `member_discount_plan`, `member_discount_amount` as `plan`, `amount`.
    let memberDiscount: [String: Int]
    /// `line_item` … `line_tax_rate`, by member name (`item` … `tax_rate`).
    let line: [String: Int]
    let taxLines: Int?

    /// The invoice's own members, each read from the column of the same name.
    static let ownColumns = ["status", "invoice_date", "due_date", "terms", "sent_at", "paid_at", "voided_at",
                             "updated_at", "currency", "membership_invoice", "subtotal", "tax_total", "total",
                             "amount_paid", "balance_due", "customer_notes", "internal_notes"]
    static let customerFields = ["id", "name", "email", "phone", "company"]
    static let lineFields = ["item", "description", "category", "quantity", "unit_price", "amount", "taxable", "tax_rate"]

    init(_ table: CSVTable) {
        func positions(_ names: [String], prefix: String = "") -> [String: Int] {
            var found: [String: Int] = [:]
            for (name, position) in zip(names, table.positions(names.map { prefix + $0 })) { found[name] = position }
            return found
        }
        id = table.positions(["invoice_id"])[0]
        own = positions(Self.ownColumns)
        customer = positions(Self.customerFields, prefix: "customer_")
        billing = positions(CSVShape.addressFields, prefix: "billing_")
        service = positions(CSVShape.addressFields, prefix: "service_")
        discount = positions(["description", "amount"], prefix: "discount_")
        memberDiscount = positions(["plan", "amount"], prefix: "member_discount_")
        line = positions(Self.lineFields, prefix: "line_")
        taxLines = table.positions(["tax_lines"])[0]
    }
}

/// One invoice's rows of invoices.csv (read, agreeing, none malformed), answering as the export contract's
/// JSON shape of the invoice: `RecordNode` reads its members straight from the cells, so no tree is built.
/// A member is present only when its cell is not empty, an object only when one of its cells is not.
final class CSVInvoiceCells {
    let rows: [CSVRow]
    let layout: CSVInvoiceLayout

    init(rows: [CSVRow], layout: CSVInvoiceLayout) {
        self.rows = rows
        self.layout = layout
    }

    /// A value of the invoice's JSON shape.
    enum Path {
        case invoice
        case customer
        case billingAddress
        case serviceAddress
        case discount
        case memberDiscount
        case lines
        case line(Int)
        case cell(row: Int, position: Int)
    }

    /// The text of the cell at `position` in row `row`, nil when the column is absent or the cell empty.
    func cell(_ position: Int?, row: Int = 0) -> String? {
        guard let position, position < rows[row].cells.count else { return nil }
        let text = rows[row].cells[position]
        return text.isEmpty ? nil : text
    }

    /// The member `key` of the object at `path`: a cell, an object (when one of its cells is set), the
    /// lines, or the parsed `tax_lines`; nil when the shape has no such member or it is empty.
    func member(_ key: String, of path: Path) -> RecordNode? {
        switch path {
        case .invoice:
            switch key {
            case "id": return node(layout.id, row: 0)
            case "customer": return object(.customer, over: layout.customer)
            case "billing_address": return object(.billingAddress, over: layout.billing)
            case "service_address": return object(.serviceAddress, over: layout.service)
            case "discount": return object(.discount, over: layout.discount)
            case "member_discount": return object(.memberDiscount, over: layout.memberDiscount)
            case "lines": return RecordNode(self, .lines)
            case "tax_lines": return cell(layout.taxLines).map { RecordNode(CSVTaxLines($0)) }
            default: return layout.own[key].flatMap { node($0, row: 0) }
            }
        case .customer: return layout.customer[key].flatMap { node($0, row: 0) }
        case .billingAddress: return layout.billing[key].flatMap { node($0, row: 0) }
        case .serviceAddress: return layout.service[key].flatMap { node($0, row: 0) }
        case .discount: return layout.discount[key].flatMap { node($0, row: 0) }
        case .memberDiscount: return layout.memberDiscount[key].flatMap { node($0, row: 0) }
        case .line(let row): return layout.line[key].flatMap { node($0, row: row) }
        case .lines, .cell: return nil
        }
    }

    private func node(_ position: Int?, row: Int) -> RecordNode? {
        guard let position, cell(position, row: row) != nil else { return nil }
        return RecordNode(self, .cell(row: row, position: position))
    }

    private func object(_ path: Path, over positions: [String: Int]) -> RecordNode? {
        positions.values.contains { cell($0) != nil } ? RecordNode(self, path) : nil
    }
}
