import Foundation
import RunACallDecide
import RunACallRead
import RunACallSupport

/// QuickBooks Online cannot import payments, credit memos or deposits by CSV:
/// payouts go to `deposits.csv` in the bank-upload layout (`Date,Description,Amount`,
/// one row per payout at its net amount) for matching in Banking.
extension QBOCSVWriter {
    public func add(_ payment: QBPayment) throws -> [OutputTarget] { [] }

    public func add(_ creditMemo: QBCreditMemo) throws -> [OutputTarget] { [] }

    public func add(_ deposit: QBDeposit) throws -> [OutputTarget] {
        // The bank line's three cells, made now: the rendering keeps neither the deposit nor its lines while it waits.
        let cells = [date(deposit.date), text("Stripe payout \(deposit.sourceID)"), deposit.net.description]
        try sink.run { [self] in
            let row = CSVText.row(cells)
            try deposits.append(Data(row.utf8))
        }
        checklist.addDeposit(net: deposit.net)
        return [OutputTarget(format: .qboCSV, base: "deposits", fileExtension: "csv")]
    }

    /// Writes `deposits.csv`: the header, then the payouts' rows.
    func finishDeposits(into directory: URL) throws -> String {
        let url = directory.appendingPathComponent("deposits.csv")
        try FileManager.default.createFile(at: url, contents: Data(CSVText.row(QBOCSVColumns.deposits).utf8))
        let output = try FileHandle(forWritingTo: url)
        defer { try? output.close() }
        try output.seekToEnd()
        try deposits.copy(to: output)
        return "\(format.folder)/deposits.csv"
    }
}
