import Foundation
import RunACallDecide
import RunACallSupport

/// `qbo-csv/import-checklist.csv`: every QBO CSV file in the order to take it
/// in (customers, products, each invoices part, the discounts to enter by hand,
/// the deposits), with what it holds and its total, and an empty `done` cell
/// for the user to tick, since QuickBooks Online imports one file at a time.
/// Kept per invoices part: its total (bounded by the parts, not by the invoices).
public final class ImportChecklist {
    public static let columns = ["order", "file", "what", "records", "total", "done"]
    public static let target = OutputTarget(format: .qboCSV, base: "import-checklist", fileExtension: "csv")

    /// One file to take in: its path under the output folder, what to do with it, its records and their total (if money).
    public struct Entry: Equatable {
        let file: String
        let what: String
        let records: Int
        let total: Money?
    }

    /// The total of the invoices of each part, in part order (part 1 first).
    private var partTotals: [Money] = []
    private(set) var depositTotal = Money.zero

    /// Counts an invoice of `part` (1-based) at the total the CSV leaves it with.
    func addInvoice(part: Int, total: Money) {
        while partTotals.count < part { partTotals.append(.zero) }
        partTotals[part - 1] = partTotals[part - 1] + total
    }

    /// Counts a deposit row at its net amount.
    func addDeposit(net: Money) { depositTotal = depositTotal + net }

    /// The total of invoices part `number` (1-based), zero for a part without invoices.
    func invoiceTotal(part number: Int) -> Money {
        partTotals.indices.contains(number - 1) ? partTotals[number - 1] : .zero
    }

    /// The checklist's text: the header, then one row per entry numbered from 1, `done` empty.
    public static func render(_ entries: [Entry]) -> String {
        var text = CSVText.worksheetHeader(columns)
        for (index, entry) in entries.enumerated() {
            text += CSVText.row([String(index + 1), entry.file, entry.what, String(entry.records), entry.total?.description ?? "", ""])
        }
        return text
    }
}
