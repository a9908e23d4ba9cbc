import Foundation

/// Small export records for the input tests: a paid, untaxed invoice of one
/// 100.00 line, as JSON or as invoices.csv rows.
enum InputFixture {
    static func invoiceJSON(_ id: String, customer: String = "Ann Lee", paid: Bool = true) -> String {
        let balance = paid ? #""amount_paid": "100.00", "balance_due": "0.00""# : #""amount_paid": "0.00", "balance_due": "100.00""#
        return #"{"id": "\#(id)", "status": "\#(paid ? "paid" : "sent")", "customer": {"name": "\#(customer)"}, "invoice_date": "2026-10-01", "lines": [{"item": "Labor", "quantity": "1", "unit_price": "100.00", "amount": "100.00"}], "total": "100.00", \#(balance)}"#
    }

    static func invoicesJSON(_ ids: [String]) -> String { "[" + ids.map { invoiceJSON($0) }.joined(separator: ",\n") + "]" }

    static let csvHeader = "invoice_id,status,customer_name,invoice_date,line_item,line_description,line_quantity,line_unit_price,line_amount,total\n"

    /// One invoices.csv row: a 50.00 line of a 100.00 invoice (two rows make it whole).
    static func csvRow(_ id: String, item: String = "Labor", description: String = "work") -> String {
        "\(id),sent,Ann Lee,2026-10-01,\(item),\(description),1,50.00,50.00,100.00\n"
    }

    /// Writes `files` (name → bytes) into a fresh folder.
    static func folder(_ files: [String: [UInt8]]) throws -> URL {
        let folder = try TestPaths.temporaryFolder("export")
        for (name, bytes) in files { try Data(bytes).write(to: folder.appendingPathComponent(name)) }
        return folder
    }
}
