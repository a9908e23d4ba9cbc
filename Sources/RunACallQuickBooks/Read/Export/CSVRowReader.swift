import Foundation

/// One CSV row: its cells, the lines it spans, and why it is malformed (nil when it is not).
struct CSVRow {
    let line: Int
    let cells: [String]
    /// The line the row ends on: past `line` when a quoted cell holds line breaks.
    let lastLine: Int
    let problem: CSVRowProblem?
}

/// Why a row cannot be read as written: `cell` is the position of the cell
/// at fault, `allowed` what that cell may hold.
struct CSVRowProblem {
    let reason: String
    let cell: Int
    let allowed: String
}

/// An RFC 4180 reader: comma separated, quoted cells may hold commas,
/// doubled quotes and line breaks; CRLF or LF line ends; a UTF-8 BOM is skipped.
/// It scans a large buffer of the file byte by byte and makes a `String` only
/// of each finished cell, so that memory stays bounded by the largest row.
final class CSVRowReader {
    private let handle: FileHandle
    let fileName: String
    /// The header's column names, once the reader of the file knows them, so that an error names the column.
    var columnNames: [String] = []

    /// The bytes read and not yet consumed start at `start`; `buffer[start...]` is kept across refills.
    private var buffer: [UInt8] = []
    private var start = 0
    private var exhausted = false
    /// The 1-based line of `buffer[start]`.
    private var line = 1
    private static let chunkSize = 1 << 20

    init(url: URL, name: String? = nil) throws {
        fileName = name ?? url.lastPathComponent
        handle = try FileHandle(forReadingFrom: url)
        refill()
        if let encoding = WideTextSniffer.encoding(of: buffer) {
            throw WideTextSniffer.refusal(fileName, encoding: encoding)
        }
        if buffer.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
    }

    deinit { try? handle.close() }

    /// Appends the next chunk of the file to the unconsumed bytes; false at the end of the file.
    @discardableResult
    private func refill() -> Bool {
        guard !exhausted else { return false }
        let data = handle.readData(ofLength: Self.chunkSize)
        if data.isEmpty {
            exhausted = true
            return false
        }
        if start > 0 {
            buffer.removeSubrange(0..<start)
            start = 0
        }
        buffer.append(contentsOf: data)
        return true
    }

    /// Where one cell lies in the buffer, relative to the row's first byte.
    private struct CellSpan {
        var from: Int
        var to: Int
        /// Quoted with doubled quotes inside, which stand for one quote each.
        var escaped = false
    }

    /// The next row, or nil at the end. A malformed row (a NUL byte or invalid
    /// UTF-8 in a cell, a stray quote) comes back with its `problem` (its cells
    /// read as far as they go, invalid UTF-8 replaced),
    /// so that reading can go on. A quote never closed throws `.unreadableInput`:
    /// the rest of the file would be one cell.
    func next() throws -> CSVRow? {
        if start >= buffer.count, !refill() { return nil }
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), lf: UInt8 = 0x0A, cr: UInt8 = 0x0D
        let firstLine = line
        var lineFeeds = 0
        var spans: [CellSpan] = []
        var problem: CSVRowProblem?
        // Offsets are relative to `start`, so they survive a refill that moves the row to the buffer's front.
        var index = 0
        var cellStart = 0
        /// Set after a closing quote: the cell is done, bytes up to the delimiter are skipped.
        var closed: CellSpan?
        func end(at offset: Int) {
            spans.append(closed ?? CellSpan(from: cellStart, to: offset))
            closed = nil
        }
        while true {
            if start + index >= buffer.count, !refill() {
                end(at: index)
                return finish(spans, line: firstLine, lastLine: firstLine + lineFeeds, problem: problem, consumed: index, lineFeeds: lineFeeds)
            }
            let byte = buffer[start + index]
            if closed != nil, byte != comma, byte != lf, byte != cr {
                problem = problem ?? CSVRowProblem(reason: "text after a closing quote", cell: spans.count,
                                                    allowed: "a quoted cell ends with its quote, then a comma or the line end")
                index += 1
                continue
            }
            switch byte {
            case comma:
                end(at: index)
                index += 1
                cellStart = index
            case lf:
                end(at: index)
                lineFeeds += 1
                return finish(spans, line: firstLine, lastLine: firstLine + lineFeeds - 1, problem: problem, consumed: index + 1, lineFeeds: lineFeeds)
            case cr:
                if start + index + 1 >= buffer.count { refill() }
                if start + index + 1 < buffer.count, buffer[start + index + 1] == lf {
                    end(at: index)
                    lineFeeds += 1
                    return finish(spans, line: firstLine, lastLine: firstLine + lineFeeds - 1, problem: problem, consumed: index + 2, lineFeeds: lineFeeds)
                }
                end(at: index)
                return finish(spans, line: firstLine, lastLine: firstLine + lineFeeds, problem: problem, consumed: index + 1, lineFeeds: lineFeeds)
            case quote where index == cellStart:
                closed = try readQuoted(from: index + 1, lineFeeds: &lineFeeds, startLine: firstLine + lineFeeds, column: spans.count)
                index = closed!.to + 1
            case quote:
                problem = problem ?? CSVRowProblem(reason: "a quote inside an unquoted cell", cell: spans.count,
                                                    allowed: "quote the whole cell and double the quote")
                index += 1
            default:
                index += 1
            }
        }
    }

    /// Reads a quoted cell's content from `from` (just past its opening quote) to its closing quote,
    /// counting the line feeds it holds.
    private func readQuoted(from: Int, lineFeeds: inout Int, startLine: Int, column: Int) throws -> CellSpan {
        var span = CellSpan(from: from, to: from)
        var index = from
        while true {
            if start + index >= buffer.count, !refill() {
                let endsWithLineFeed = index > from && buffer.last == 0x0A
                let lastLine = line + lineFeeds - (endsWithLineFeed ? 1 : 0)
                let name = columnNames.indices.contains(column) ? " (column \(columnNames[column]))" : ""
                throw FatalError(.unreadableInput, "\(fileName):\(startLine): a quoted cell\(name) opens on line \(startLine) and is never closed, so the rest of the file (lines \(startLine)–\(lastLine)) would be one cell; allowed: a quote that opens a cell closes it (a quote inside a cell is written \"\")")
            }
            let byte = buffer[start + index]
            if byte == UInt8(ascii: "\"") {
                if start + index + 1 >= buffer.count { refill() }
                if start + index + 1 < buffer.count, buffer[start + index + 1] == UInt8(ascii: "\"") {
                    span.escaped = true
                    index += 2
                    continue
                }
                span.to = index
                return span
            }
            if byte == 0x0A { lineFeeds += 1 }
            index += 1
        }
    }

    private func finish(_ spans: [CellSpan], line: Int, lastLine: Int, problem: CSVRowProblem?, consumed: Int, lineFeeds: Int) -> CSVRow {
        var problem = problem
        let base = start
        let cells = buffer.withUnsafeBufferPointer { bytes in
            spans.enumerated().map { position, span in
                var cell = UnsafeBufferPointer(rebasing: bytes[(base + span.from)..<(base + span.to)])
                var unescaped: [UInt8] = []
                if span.escaped {
                    unescaped.reserveCapacity(cell.count)
                    var index = cell.startIndex
                    while index < cell.endIndex {
                        unescaped.append(cell[index])
                        index += cell[index] == UInt8(ascii: "\"") ? 2 : 1
                    }
                }
                return unescaped.withUnsafeBufferPointer { kept in
                    if span.escaped { cell = kept }
                    var plain = true
                    for byte in cell where byte == 0 || byte >= 0x80 {
                        plain = false
                        break
                    }
                    if plain { return String(decoding: cell, as: UTF8.self) }
                    if cell.contains(0) {
                        problem = problem ?? CSVRowProblem(reason: "text holds a NUL byte (0x00)", cell: position,
                                                            allowed: "text without NUL bytes, which no QuickBooks file may hold")
                    }
                    if let text = String(validating: cell, as: UTF8.self) { return text }
                    problem = problem ?? CSVRowProblem(reason: "text is not valid UTF-8", cell: position, allowed: "UTF-8 text")
                    return String(decoding: cell, as: UTF8.self)
                }
            }
        }
        start += consumed
        self.line += lineFeeds
        return CSVRow(line: line, cells: cells, lastLine: lastLine, problem: problem)
    }
}
