import Foundation
import RunACallDecide
import RunACallSupport

/// Writes `report/sync-report.csv`, `sync-report.json`, `index.html` and, past
/// one page of rows, the row pages (`HTMLRowPages`), from the logged rows: one
/// pass over them feeds every file, each row's bytes appended to buffers, so any
/// number of rows fits in flat memory. The rows are read and their cells made on
/// the calling thread; the CSV, JSON and row pages' bytes are made in `sink`, in order.
public enum ReportRenderer {
    /// Renders the report under `folder`; returns its files, relative to `folder`. `quickBooksFiles`: the
    /// QuickBooks files the run publishes, whose import steps the page gives (nil: no such section, as for `from-quickbooks`).
    public static func render(_ log: ReportLog, run: RunDescription, worksheet: PaymentWorksheet?, parts: [String: Int],
                               quickBooksFiles: [String]? = nil, into folder: URL, rowIndex: URL? = nil,
                               sink: RenderSink = .inLine) throws -> [String] {
        let directory = folder.appendingPathComponent("report")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let summary = log.summary
        let csv = try BufferedOutput(url: directory.appendingPathComponent("sync-report.csv"))
        try csv.write(CSVText.worksheetHeader(ReportRow.columns))
        let json = try BufferedOutput(url: directory.appendingPathComponent("sync-report.json"))
        try writeJSONHead(run: run, summary: summary, to: json)
        let pages = HTMLRowPages(directory: directory, rowCount: log.rowCount, counts: summary.counts)
        var first = true
        let index = try rowIndex.map(ReportRowIndex.Writer.init(creating:))
        try log.forEachRow { row in
            let cells = row.cells(parts: parts)
            try index?.add(row, cells: cells)
            let isFirst = first
            try sink.run {
                try csv.write { $0.appendCSVRow(cells) }
                try json.write { writeJSONRow(cells, first: isFirst, into: &$0) }
                try pages.add(row, cells: cells)
            }
            first = false
        }
        try sink.settle()
        try csv.close()
        try index?.finish()
        try json.write("\n]}\n")
        try json.close()
        try pages.finish()
        try HTMLReport.render(run: run, summary: summary, failures: log.failures, warnings: log.warnings, rows: pages, worksheet: worksheet,
                              quickBooksFiles: quickBooksFiles, to: directory.appendingPathComponent("index.html"))
        var files = ["report/sync-report.csv", "report/sync-report.json", "report/index.html"] + pages.files
        if let worksheet, worksheet.count > 0 { files.append(try worksheet.render(into: folder)) }
        return files
    }

    /// `{"run":…,"summary":…,"rows":[`: the run and the summary as `JSONEncoder` writes them.
    private static func writeJSONHead(run: RunDescription, summary: ReportSummary, to output: BufferedOutput) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        try output.write("{\"run\":")
        try output.write(String(decoding: encoder.encode(run), as: UTF8.self))
        try output.write(",\"summary\":")
        try output.write(String(decoding: encoder.encode(summary), as: UTF8.self))
        try output.write(",\"rows\":[")
    }

    /// The columns' indices in the order of their names, the order `JSONEncoder`'s `.sortedKeys` writes them.
    private static let jsonOrder = ReportRow.columns.indices.sorted { ReportRow.columns[$0] < ReportRow.columns[$1] }
    private static let jsonKeys = ReportRow.columns.map { "\"\($0)\":" }

    /// One row's object, on its own line, as `JSONEncoder` writes a dictionary of the columns with `.sortedKeys`.
    private static func writeJSONRow(_ cells: [String], first: Bool, into json: inout ByteBuffer) {
        json.append(first ? "\n{" : ",\n{")
        for (position, index) in jsonOrder.enumerated() {
            if position > 0 { json.append(",") }
            json.append(jsonKeys[index])
            json.appendJSONString(cells[index])
        }
        json.append("}")
    }
}
