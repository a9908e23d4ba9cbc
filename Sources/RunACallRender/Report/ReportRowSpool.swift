import Foundation
import RunACallDecide
import RunACallRead
import RunACallSupport

/// The run's report rows on disk, in the order they came, so that memory stays flat: each row as
/// `ReportRowCoding` writes it, after its own length (4 bytes). Read back by slicing lengths (no quoting to undo),
/// once, when the report is rendered.
public final class ReportRowSpool {
    let url: URL
    private let file: PartFile
    private var pending: [UInt8] = []

    public init(url: URL) throws {
        self.url = url
        file = try PartFile(url: url)
    }

    /// Appends one row.
    public func append(_ row: ReportRow) throws {
        pending.removeAll(keepingCapacity: true)
        pending.append(contentsOf: [0, 0, 0, 0])
        ReportRowCoding.append(row, to: &pending)
        let length = UInt32(pending.count - 4)
        for shift in 0..<4 { pending[shift] = UInt8(truncatingIfNeeded: length >> (8 * UInt32(shift))) }
        try file.append(pending)
    }

    /// Reads the rows back in order, calling `body` for each.
    func forEachRow(_ body: (ReportRow) throws -> Void) throws {
        try file.flush()
        try Self.forEachRow(in: url, body)
    }

    /// Reads the rows of the spool at `url` in order; a spool cut short or damaged stops with an error.
    public static func forEachRow(in url: URL, _ body: (ReportRow) throws -> Void) throws {
        let reader = try FileHandle(forReadingFrom: url)
        defer { try? reader.close() }
        var buffer: [UInt8] = []
        var start = 0
        var ended = false
        while true {
            if buffer.count - start < 4 || buffer.count - start < 4 + length(at: start, in: buffer) {
                if ended {
                    guard start == buffer.count else { throw damaged(url) }
                    return
                }
                buffer.removeFirst(start)
                start = 0
                let chunk = try reader.read(upToCount: Self.chunkSize) ?? Data()
                if chunk.isEmpty { ended = true } else { buffer.append(contentsOf: chunk) }
                continue
            }
            let end = start + 4 + length(at: start, in: buffer)
            let row = buffer.withUnsafeBufferPointer { ReportRowCoding.row(from: UnsafeBufferPointer(rebasing: $0[(start + 4)..<end])) }
            guard let row else { throw damaged(url) }
            try body(row)
            start = end
        }
    }

    /// Bytes read at a time: the buffer holds about two chunks, so 64 KiB keep the report's reading to a few
    /// hundred KB where 1 MiB chunks held 4 MB at the peak of a 100,000-invoice run, for no measurable time.
    private static let chunkSize = 1 << 16

    private static func damaged(_ url: URL) -> FatalError {
        FatalError(.unwritableOutput, "\(url.path): the report's temporary rows are damaged")
    }

    private static func length(at start: Int, in buffer: [UInt8]) -> Int {
        (0..<4).reduce(0) { $0 | Int(buffer[start + $1]) << (8 * $1) }
    }
}
