import Foundation
import RunACallSupport

/// One CSV row: its cells, the lines it spans, and why it is malformed (nil when it is not).
public struct CSVRow {
    public let line: Int
    public let cells: [String]
    /// The line the row ends on: past `line` when a quoted cell holds line breaks.
    public let lastLine: Int
    public let problem: CSVRowProblem?
}

/// A row as the id pass reads it (`CSVRowReader.nextSketch`): one cell's text, the others counted and checked.
struct CSVRowSketch {
    /// The line the row starts on.
    let line: Int
    /// The line the row ends on: past `line` when a quoted cell holds line breaks.
    let lastLine: Int
    /// How many cells the row has.
    let cellCount: Int
    /// The problem `CSVRowReader.next()` finds in the same row.
    let problem: CSVRowProblem?
    /// Whether every cell is empty.
    let isBlank: Bool
    /// The kept cell's text, nil when the row has no cell there.
    let cell: String?
}

/// Why a row cannot be read as written: `cell` is the position of the cell
/// at fault, `allowed` what that cell may hold.
public struct CSVRowProblem {
    public let reason: String
    public let cell: Int
    let allowed: String
    /// Whether the cell's bytes are Windows-1252 (not UTF-8), as Excel saves "CSV (Comma delimited)".
    var windows1252 = false
}

/// An RFC 4180 reader: comma separated, quoted cells may hold commas,
/// doubled quotes and line breaks; CRLF or LF line ends; a UTF-8 BOM is skipped.
/// It scans a large buffer of the file byte by byte and makes a `String` only
/// of each finished cell, so that memory stays bounded by the largest row.
public final class CSVRowReader {
    private let handle: FileHandle
    let fileName: String
    /// The header's column names, once the reader of the file knows them, so that an error names the column.
    public var columnNames: [String] = []

    /// The bytes read and not yet consumed start at `start`; `buffer[start...]` is kept across refills.
    private var buffer: [UInt8] = []
    private var start = 0
    private var exhausted = false
    /// The 1-based line of `buffer[start]`.
    private var line = 1
    private let chunkSize: Int
    /// What the file's bytes are decoded from into the UTF-8 the reader scans.
    private let encoding: ExportEncoding

    /// Opens `url`, reported as `name`, read `chunkSize` bytes at a time in `encoding` (at least
    /// 4,096 are read first, to tell UTF-16 and UTF-32 apart, and UTF-8 from Windows-1252). The reader
    /// holds about two chunks: 64 KiB ones cost no measurable time and, at the peak of a 100,000-invoice
    /// run, 5 MB less than 1 MiB ones did.
    public init(url: URL, name: String? = nil, chunkSize: Int = 1 << 16, encoding: ExportEncoding = .utf8) throws {
        fileName = name ?? url.lastPathComponent
        handle = try FileHandle(forReadingFrom: url)
        self.chunkSize = chunkSize
        self.encoding = encoding
        var first = Data()
        while first.count < 4_096 {
            let data = handle.readData(ofLength: chunkSize)
            if data.isEmpty { exhausted = true; break }
            first.append(data)
        }
        if let wide = WideTextSniffer.encoding(of: first) {
            throw WideTextSniffer.refusal(fileName, encoding: wide)
        }
        try encoding.check(first, file: fileName)
        encoding.append(first, to: &buffer)
        if buffer.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
    }

    deinit { try? handle.close() }

    /// Appends the next chunk of the file to the unconsumed bytes; false at the end of the file.
    @discardableResult
    private func refill() -> Bool {
        guard !exhausted else { return false }
        let data = handle.readData(ofLength: chunkSize)
        if data.isEmpty {
            exhausted = true
            return false
        }
        if start > 0 {
            buffer.removeSubrange(0..<start)
            start = 0
        }
        encoding.append(data, to: &buffer)
        return true
    }

    /// Where one cell lies in the buffer, relative to the row's first byte.
    private struct CellSpan {
        var from: Int
        var to: Int
        /// Quoted with doubled quotes inside, which stand for one quote each.
        var escaped = false
    }

    /// The cells of the row being read (kept to spare an allocation per row).
    private var spans: [CellSpan] = []

    /// The next row, or nil at the end. A malformed row (a NUL byte or invalid
    /// UTF-8 in a cell, a stray quote) comes back with its `problem` (its cells
    /// read as far as they go, invalid UTF-8 replaced),
    /// so that reading can go on. A quote never closed throws `.unreadableInput`:
    /// the rest of the file would be one cell.
    public func next() throws -> CSVRow? {
        guard let end = try scanRow() else { return nil }
        return finish(end)
    }

    /// The next row as the id pass needs it: like `next()`, but only the cell at `position` made into text
    /// (the others checked for NUL bytes and invalid UTF-8 as `next()` checks them, and counted).
    func nextSketch(keeping position: Int?) throws -> CSVRowSketch? {
        guard let end = try scanRow() else { return nil }
        return sketch(end, keeping: position)
    }

    /// Where a scanned row ends: its lines, the problem found while scanning, and the bytes it took.
    private struct RowEnd {
        var line: Int
        var lastLine: Int
        var problem: CSVRowProblem?
        var consumed: Int
        var lineFeeds: Int
    }

    /// Scans the next row into `spans`; nil at the end of the file.
    private func scanRow() throws -> RowEnd? {
        if start >= buffer.count, !refill() { return nil }
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), lf: UInt8 = 0x0A, cr: UInt8 = 0x0D
        let firstLine = line
        var lineFeeds = 0
        // The spans are filled in a local array (handed back when the row ends), and the bytes read through a
        // local reference, fetched again after whatever may refill: the loop then touches no stored property,
        // which the optimizer would check for exclusive access at every byte.
        var cells: [CellSpan] = []
        swap(&cells, &spans)
        defer { swap(&cells, &spans) }
        cells.removeAll(keepingCapacity: true)
        var bytes = buffer
        var base = start
        var problem: CSVRowProblem?
        // Offsets are relative to `start`, so they survive a refill that moves the row to the buffer's front.
        var index = 0
        var cellStart = 0
        /// Set after a closing quote: the cell is done, bytes up to the delimiter are skipped.
        var closed: CellSpan?
        while true {
            if closed == nil { index = Self.delimiter(in: bytes, from: base + index) - base }
            if base + index >= bytes.count {
                bytes = []
                let more = refill()
                bytes = buffer
                base = start
                if more { continue }
                cells.append(closed ?? CellSpan(from: cellStart, to: index))
                return RowEnd(line: firstLine, lastLine: firstLine + lineFeeds, problem: problem, consumed: index, lineFeeds: lineFeeds)
            }
            let byte = bytes[base + index]
            if closed != nil, byte != comma, byte != lf, byte != cr {
                problem = problem ?? CSVRowProblem(reason: "text after a closing quote", cell: cells.count,
                                                    allowed: "a quoted cell ends with its quote, then a comma or the line end")
                index += 1
                continue
            }
            switch byte {
            case comma:
                cells.append(closed ?? CellSpan(from: cellStart, to: index))
                closed = nil
                index += 1
                cellStart = index
            case lf:
                cells.append(closed ?? CellSpan(from: cellStart, to: index))
                lineFeeds += 1
                return RowEnd(line: firstLine, lastLine: firstLine + lineFeeds - 1, problem: problem, consumed: index + 1, lineFeeds: lineFeeds)
            case cr:
                cells.append(closed ?? CellSpan(from: cellStart, to: index))
                if base + index + 1 >= bytes.count {
                    bytes = []
                    refill()
                    bytes = buffer
                    base = start
                }
                if base + index + 1 < bytes.count, bytes[base + index + 1] == lf {
                    lineFeeds += 1
                    return RowEnd(line: firstLine, lastLine: firstLine + lineFeeds - 1, problem: problem, consumed: index + 2, lineFeeds: lineFeeds)
                }
                return RowEnd(line: firstLine, lastLine: firstLine + lineFeeds, problem: problem, consumed: index + 1, lineFeeds: lineFeeds)
            case quote where index == cellStart:
                bytes = []
                let span = try readQuoted(from: index + 1, lineFeeds: &lineFeeds, startLine: firstLine + lineFeeds, column: cells.count)
                bytes = buffer
                base = start
                closed = span
                index = span.to + 1
            default:
                problem = problem ?? CSVRowProblem(reason: "a quote inside an unquoted cell", cell: cells.count,
                                                    allowed: "quote the whole cell and double the quote")
                index += 1
            }
        }
    }

    /// The position of the first comma, quote, line feed or carriage return in `bytes` at or after `position`,
    /// or `bytes.count`.
    private static func delimiter(in bytes: [UInt8], from position: Int) -> Int {
        bytes.withUnsafeBufferPointer { bytes in
            var index = position
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"") || byte == 0x0A || byte == 0x0D { break }
                index += 1
            }
            return index
        }
    }

    /// Reads a quoted cell's content from `from` (just past its opening quote) to its closing quote,
    /// counting the line feeds it holds.
    private func readQuoted(from: Int, lineFeeds: inout Int, startLine: Int, column: Int) throws -> CellSpan {
        var span = CellSpan(from: from, to: from)
        var index = from
        while true {
            index = buffer.withUnsafeBufferPointer { bytes in
                var position = start + index
                while position < bytes.count, bytes[position] != UInt8(ascii: "\"") {
                    if bytes[position] == 0x0A { lineFeeds += 1 }
                    position += 1
                }
                return position - start
            }
            if start + index >= buffer.count {
                if refill() { continue }
                let endsWithLineFeed = index > from && buffer.last == 0x0A
                let lastLine = line + lineFeeds - (endsWithLineFeed ? 1 : 0)
                let name = columnNames.indices.contains(column) ? " (column \(columnNames[column]))" : ""
                throw FatalError(.unreadableInput, "\(fileName):\(startLine): a quoted cell\(name) opens on line \(startLine) and is never closed, so the rest of the file (lines \(startLine)–\(lastLine)) would be one cell; allowed: a quote that opens a cell closes it (a quote inside a cell is written \"\")")
            }
            if start + index + 1 >= buffer.count { refill() }
            if start + index + 1 < buffer.count, buffer[start + index + 1] == UInt8(ascii: "\"") {
                span.escaped = true
                index += 2
                continue
            }
            span.to = index
            return span
        }
    }

    /// Makes the scanned row's cells into text and consumes its bytes.
    private func finish(_ end: RowEnd) -> CSVRow {
        var problem = end.problem
        var cells: [String] = []
        cells.reserveCapacity(spans.count)
        withCells { position, raw in cells.append(Self.text(raw, position: position, problem: &problem)) }
        consume(end)
        return CSVRow(line: end.line, cells: cells, lastLine: end.lastLine, problem: problem)
    }

    /// The scanned row with the cell at `position` alone made into text; consumes its bytes.
    private func sketch(_ end: RowEnd, keeping position: Int?) -> CSVRowSketch {
        var problem = end.problem
        var kept: String?
        var isBlank = true
        if buffer.withUnsafeBufferPointer({ Self.isPlain(UnsafeBufferPointer(rebasing: $0[start..<(start + end.consumed)])) }) {
            // Every cell of a plain row is plain: only the kept one is made into text.
            isBlank = !spans.contains { $0.to > $0.from }
            if let position, spans.indices.contains(position) {
                withCell(position) { kept = Self.text($0, position: position, problem: &problem) }
            }
        } else {
            withCells { index, raw in
                if !raw.isEmpty { isBlank = false }
                if index == position {
                    kept = Self.text(raw, position: index, problem: &problem)
                } else if problem == nil, !Self.isPlain(raw) {
                    _ = Self.text(raw, position: index, problem: &problem)
                }
            }
        }
        let count = spans.count
        consume(end)
        return CSVRowSketch(line: end.line, lastLine: end.lastLine, cellCount: count, problem: problem, isBlank: isBlank, cell: kept)
    }

    /// Calls `body` with each scanned cell's position and bytes, doubled quotes made single.
    private func withCells(_ body: (Int, UnsafeBufferPointer<UInt8>) -> Void) {
        let base = start
        buffer.withUnsafeBufferPointer { bytes in
            for (position, span) in spans.enumerated() {
                Self.withBytes(of: span, base: base, in: bytes) { body(position, $0) }
            }
        }
    }

    /// Calls `body` with the bytes of the scanned cell at `position`, doubled quotes made single.
    private func withCell(_ position: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        let base = start
        buffer.withUnsafeBufferPointer { Self.withBytes(of: spans[position], base: base, in: $0, body) }
    }

    private static func withBytes(of span: CellSpan, base: Int, in bytes: UnsafeBufferPointer<UInt8>,
                                  _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        let raw = UnsafeBufferPointer(rebasing: bytes[(base + span.from)..<(base + span.to)])
        guard span.escaped else { return body(raw) }
        var unescaped: [UInt8] = []
        unescaped.reserveCapacity(raw.count)
        var index = raw.startIndex
        while index < raw.endIndex {
            unescaped.append(raw[index])
            index += raw[index] == UInt8(ascii: "\"") ? 2 : 1
        }
        unescaped.withUnsafeBufferPointer(body)
    }

    /// Moves past the scanned row.
    private func consume(_ end: RowEnd) {
        start += end.consumed
        line += end.lineFeeds
    }

    /// Whether `cell` is ASCII without a NUL byte, which `text` takes as it is.
    private static func isPlain(_ cell: UnsafeBufferPointer<UInt8>) -> Bool { ByteWords.isASCIIWithoutNUL(cell) }

    /// The text of the cell at `position`; a NUL byte or invalid UTF-8 (replaced) sets `problem` unless it is set.
    private static func text(_ cell: UnsafeBufferPointer<UInt8>, position: Int, problem: inout CSVRowProblem?) -> String {
        if isPlain(cell) { return String(decoding: cell, as: UTF8.self) }
        if cell.contains(0) {
            problem = problem ?? CSVRowProblem(reason: "text holds a NUL byte (0x00)", cell: position,
                                                allowed: "text without NUL bytes, which no QuickBooks file may hold")
        }
        if let text = String(validating: cell, as: UTF8.self) { return text }
        if !cell.contains(0), Windows1252.reads(cell) {
            let shown = Windows1252.decode(Data(cell)).text
            problem = problem ?? CSVRowProblem(reason: "text \"\(shown.count > 40 ? String(shown.prefix(40)) + "…" : shown)\" is not UTF-8",
                                                cell: position, allowed: "UTF-8 text", windows1252: true)
        }
        problem = problem ?? CSVRowProblem(reason: "text is not valid UTF-8", cell: position, allowed: "UTF-8 text")
        return String(decoding: cell, as: UTF8.self)
    }
}
