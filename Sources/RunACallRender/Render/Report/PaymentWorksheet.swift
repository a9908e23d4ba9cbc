import Foundation
import RunACallDecide
import RunACallRead
import RunACallSupport

/// IIF cannot link a payment to its invoice (Intuit's import manual), so every
/// payment written to IIF is listed here with what to apply after the import:
/// `report/payment-application.csv` and a section of `index.html`.
public final class PaymentWorksheet {
    static let columns = ["customer", "invoice_number", "payment_id", "payment_reference", "date", "amount"]
    private let file: PartFile
    private(set) var count = 0

    public init(staging: URL) throws {
        file = try PartFile(url: staging.appendingPathComponent("payment-application.part"))
    }

    public func add(_ payment: QBPayment) throws {
        count += 1
        let row = [payment.customer, payment.invoiceRefNumber ?? payment.invoiceID, payment.sourceID, payment.reference ?? "",
                   payment.date.description, payment.amount.description]
        var stored = CSVRows(guarding: false)
        stored.row(row)
        try file.append(stored.bytes)
    }

    /// Writes `report/payment-application.csv` under `folder`.
    func render(into folder: URL) throws -> String {
        let relative = "report/payment-application.csv"
        let output = try BufferedOutput(url: folder.appendingPathComponent(relative))
        try output.write(CSVText.worksheetHeader(Self.columns))
        try forEachRow { cells in try output.write { $0.appendCSVRow(cells) } }
        try output.close()
        return relative
    }

    /// Calls `body` with each row's cells, in order.
    func forEachRow(_ body: ([String]) throws -> Void) throws {
        try file.flush()
        let reader = try CSVRowReader(url: file.url)
        while let row = try reader.next() { try body(row.cells) }
    }
}
