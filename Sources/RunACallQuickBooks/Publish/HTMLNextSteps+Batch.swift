import Foundation

/// The next steps of a batch already published (the desk's batch page), from the files `BatchArchive` finds in it.
extension HTMLNextSteps {
    /// The steps for the batch written in `folder`: its QuickBooks files, and the payments its IIF payment
    /// worksheet (`report/payment-application.csv`) lists.
    public static func steps(forBatchIn folder: URL) throws -> [(format: String, steps: [String])] {
        var worksheetRows = 0
        let worksheet = folder.appendingPathComponent("report/payment-application.csv")
        if SystemCalls.kind(worksheet.path) == .file {
            let reader = try CSVRowReader(url: worksheet)
            while try reader.next() != nil { worksheetRows += 1 }
        }
        return steps(files: try BatchArchive.files(in: folder), worksheetRows: max(0, worksheetRows - 1))
    }
}
