import Foundation
import RunACallRead
import RunACallSupport

/// The `summary` of a written `sync-report.json` without reading its rows: the
/// renderer writes the run and the summary on the file's first line, before
/// `"rows":[`, so a page that shows the summary of 100,000 rows reads one line.
public enum ReportSummaryReader {
    /// The summary object of the report at `url`, or nil when the file is not a report rac2qb wrote.
    public static func summary(of url: URL) -> [String: Any]? {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return nil }
        defer { try? handle.close() }
        var head = Data()
        while let chunk = try? handle.read(upToCount: 1 << 16), !chunk.isEmpty {
            if let end = chunk.firstIndex(of: 0x0A) {
                head.append(chunk[chunk.startIndex..<end])
                break
            }
            head.append(chunk)
        }
        guard head.last == UInt8(ascii: "[") else { return nil }
        head.append(contentsOf: Array("]}".utf8))
        return (try? JSONSerialization.jsonObject(with: head) as? [String: Any])?["summary"] as? [String: Any]
    }
}
