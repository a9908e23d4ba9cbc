import Foundation
import RunACallDecide
import RunACallSupport

/// QuickBooks Online's invoice import takes no negative amounts, so an invoice
/// is written to `invoices.csv` without its discount lines and each discount is
/// listed here with its amount, to enter on the imported invoice by hand:
/// `qbo-csv/discounts-to-enter.csv`, written only when some invoice has a discount.
public final class DiscountWorksheet {
    public static let columns = ["invoice_number", "customer", "invoice_date", "discount_item", "discount_account", "description",
                          "amount", "total_after_import", "total_after_discount"]
    static let target = FormatProfile.qboCSVDiscounts

    private let file: PartFile
    private(set) var count = 0
    /// Σ of the discounts listed (positive).
    private(set) var total = Money.zero

    init(staging: URL) throws {
        file = try PartFile(url: staging.appendingPathComponent("qbo-discounts.part"))
    }

    /// Lists `discounts` (lines of `invoice`, negative amounts) as positive amounts to enter, the invoice dated `date`
    /// as the invoices file writes it.
    /// `total_after_import` is the invoice as the CSV leaves it (its tax included), `total_after_discount` the Run a Call total.
    func add(_ invoice: QBInvoice, discounts: [QBInvoiceLine], date: String) throws {
        let byHand = discounts.reduce(Money.zero) { $0 - $1.amount }
        total = total + byHand
        var text = ""
        for line in discounts {
            count += 1
            text += CSVText.row([invoice.refNumber ?? invoice.sourceID, invoice.customer, date, line.item,
                                 line.account, QuickBooksText.oneLine(line.description ?? ""), (-line.amount).description,
                                 (invoice.total + byHand).description, invoice.total.description])
        }
        try file.append(Data(text.utf8))
    }

    /// Writes the worksheet under `folder`; nil (no file) when no invoice has a discount.
    func render(into folder: URL) throws -> String? {
        guard count > 0 else { return nil }
        let relative = Self.target.path(parts: 1)
        let url = folder.appendingPathComponent(relative)
        try FileManager.default.createFile(at: url, contents: Data(CSVText.worksheetHeader(Self.columns).utf8))
        let output = try FileHandle(forWritingTo: url)
        defer { try? output.close() }
        try output.seekToEnd()
        try file.copy(to: output)
        return relative
    }
}
