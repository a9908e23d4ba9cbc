import Foundation

/// Writes `report/sync-report.csv`, `sync-report.json` and `index.html` from
/// the logged rows, streaming them so any number of rows fits.
enum ReportRenderer {
    static func render(_ log: ReportLog, run: RunDescription, worksheet: PaymentWorksheet?, parts: [String: Int],
                       into folder: URL) throws -> [String] {
        let directory = folder.appendingPathComponent("report")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try renderCSV(log, parts: parts, to: directory.appendingPathComponent("sync-report.csv"))
        try renderJSON(log, run: run, parts: parts, to: directory.appendingPathComponent("sync-report.json"))
        try HTMLReport.render(log, run: run, worksheet: worksheet, parts: parts, to: directory.appendingPathComponent("index.html"))
        var files = ["report/sync-report.csv", "report/sync-report.json", "report/index.html"]
        if let worksheet, worksheet.count > 0 { files.append(try worksheet.render(into: folder)) }
        return files
    }

    private static func renderCSV(_ log: ReportLog, parts: [String: Int], to url: URL) throws {
        let output = try BufferedOutput(url: url)
        try output.write(CSVText.row(ReportRow.columns))
        try log.forEachRow { row in
            try output.write(CSVText.row(row.cells(parts: parts)))
        }
        try output.close()
    }

    private static func renderJSON(_ log: ReportLog, run: RunDescription, parts: [String: Int], to url: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let output = try BufferedOutput(url: url)
        try output.write("{\"run\":")
        try output.write(String(decoding: encoder.encode(run), as: UTF8.self))
        try output.write(",\"summary\":")
        try output.write(String(decoding: encoder.encode(log.summary), as: UTF8.self))
        try output.write(",\"rows\":[")
        var first = true
        try log.forEachRow { row in
            let object = Dictionary(uniqueKeysWithValues: zip(ReportRow.columns, row.cells(parts: parts)))
            try output.write((first ? "\n" : ",\n") + String(decoding: encoder.encode(object), as: UTF8.self))
            first = false
        }
        try output.write("\n]}\n")
        try output.close()
    }
}

/// Buffered text output to a new file.
final class BufferedOutput {
    private let handle: FileHandle
    private var pending = Data()

    init(url: URL) throws {
        try FileManager.default.createFile(at: url)
        handle = try FileHandle(forWritingTo: url)
    }

    func write(_ text: String) throws {
        pending.append(contentsOf: text.utf8)
        if pending.count >= 1 << 16 { try flush() }
    }

    private func flush() throws {
        try handle.write(contentsOf: pending)
        pending.removeAll(keepingCapacity: true)
    }

    func close() throws {
        try flush()
        try handle.close()
    }
}
