import Foundation
import RunACallSupport

/// Streams `invoices.csv`: one row per invoice line, an invoice's rows
/// consecutive, its own columns repeated on each row and required to agree.
public final class CSVInvoiceRecordStream: RawRecordStream {
    /// The columns that describe the invoice itself (everything but `line_*`).
    static let invoiceColumns = [
        "invoice_id", "status", "customer_id", "customer_name", "customer_email", "customer_phone",
        "customer_company", "billing_line1", "billing_line2", "billing_city", "billing_state",
        "billing_postal_code", "billing_country", "service_line1", "service_line2", "service_city",
        "service_state", "service_postal_code", "service_country", "invoice_date", "due_date",
        "terms", "sent_at", "paid_at", "voided_at", "updated_at", "currency", "membership_invoice",
        "tax_lines", "discount_description", "discount_amount", "member_discount_plan",
        "member_discount_amount", "subtotal", "tax_total", "total", "amount_paid", "balance_due",
        "customer_notes", "internal_notes",
    ]
    private let table: CSVTable
    private var pending: (row: CSVRow, problem: Problem?)?
    /// The id pass's row read past its invoice's last (`nextID`).
    private var pendingID: (cell: String?, malformed: Bool)?
    /// The header positions of the invoice's own columns (`invoiceColumns`), looked up once.
    private let invoicePositions: [Int?]
    private let layout: CSVInvoiceLayout

    public init(url: URL, name: String? = nil, encoding: ExportEncoding = .utf8) throws {
        table = try CSVTable(url: url, name: name, required: ExportEntity.invoices.requiredCSVColumns, encoding: encoding)
        invoicePositions = table.positions(Self.invoiceColumns)
        layout = CSVInvoiceLayout(table)
    }

    public func next() throws -> RawRecord? {
        guard let (group, id) = try nextGroup() else { return nil }
        let first = group[0]
        let location = SourceLocation.line(first.row.line, in: table.fileName)
        let rowLines = group.map(\.row.line)
        if let problem = unreadable(group) ?? disagreement(in: group.map(\.row)) {
            return RawRecord(location: location, content: .failure(problem), fromCSV: true, rowLines: rowLines, id: id,
                             partial: readableMoney(of: group.map(\.row)))
        }
        return RawRecord(location: location, content: .success(RecordNode(CSVInvoiceCells(rows: group.map(\.row), layout: layout), .invoice)),
                         fromCSV: true, rowLines: rowLines, id: id)
    }

    /// The next invoice's `invoice_id`, its rows grouped as `next()` groups them but only their id cells
    /// made into text.
    public func nextID() throws -> String?? {
        precondition(pending == nil, "a stream is read by next() or by nextID(), not both")
        guard let first = try pendingID ?? table.nextRowCell(at: layout.id) else { return nil }
        pendingID = nil
        while let candidate = try table.nextRowCell(at: layout.id) {
            if first.cell != nil, candidate.cell == first.cell || (candidate.malformed && candidate.cell == nil) { continue }
            pendingID = candidate
            break
        }
        return .some(first.cell)
    }

    /// The `status` and `total` an unreadable invoice's rows agree on, when each row has the header's
    /// cells on one line (so that no cell is taken from another column): its money still counts.
    private func readableMoney(of rows: [CSVRow]) -> JSONValue? {
        guard rows.allSatisfy({ $0.cells.count == table.columns.count && $0.lastLine == $0.line }) else { return nil }
        let statuses = Set(rows.map { table.cell("status", in: $0) })
        let totals = Set(rows.map { table.cell("total", in: $0) })
        guard statuses.count == 1, totals.count == 1, let status = statuses.first ?? nil, let total = totals.first ?? nil else { return nil }
        return .object(["status": .string(status), "total": .string(total)])
    }

    /// The next invoice's rows and its `invoice_id`: the rows that follow its first and share its id
    /// (or are malformed with no readable id); nil after the last row.
    private func nextGroup() throws -> (rows: [(row: CSVRow, problem: Problem?)], id: String?)? {
        precondition(pendingID == nil, "a stream is read by next() or by nextID(), not both")
        guard let first = try pending ?? table.nextRow() else { return nil }
        pending = nil
        let id = table.cell(at: layout.id, in: first.row)
        var group = [first]
        while let candidate = try table.nextRow() {
            let candidateID = table.cell(at: layout.id, in: candidate.row)
            // A malformed row whose invoice_id cannot be read fails with the invoice before it, never silently apart.
            if id != nil, candidateID == id || (candidate.problem != nil && candidateID == nil) {
                group.append(candidate)
            } else {
                pending = candidate
                break
            }
        }
        return (group, id)
    }

    /// When any row of the invoice is malformed the whole invoice fails, naming every bad line.
    private func unreadable(_ group: [(row: CSVRow, problem: Problem?)]) -> Problem? {
        let bad = group.filter { $0.problem != nil }.map(\.row)
        guard !bad.isEmpty else { return nil }
        guard group.count > 1 else { return group[0].problem }
        let problem = table.malformed(bad)
        let lines = group.map { String($0.row.line) }.joined(separator: ", ")
        return problem.failingWholeInvoice(rows: group.count, lines: lines)
    }

    private func disagreement(in rows: [CSVRow]) -> Problem? {
        guard let first = rows.first else { return nil }
        for row in rows.dropFirst() {
            for (column, position) in zip(Self.invoiceColumns, invoicePositions)
            where table.cell(at: position, in: row) != table.cell(at: position, in: first) {
                let shown = { (value: String?) in value.map { "\"\($0)\"" } ?? "empty" }
                return .invoiceRowsDisagree(column: column, first: shown(table.cell(at: position, in: first)), firstLine: first.line,
                                            other: shown(table.cell(at: position, in: row)), otherLine: row.line, file: table.fileName)
            }
        }
        return nil
    }
}
