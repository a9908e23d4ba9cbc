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
final class CSVRowReader {
    private let reader: ByteReader
    let fileName: String
    /// The header's column names, once the reader of the file knows them, so that an error names the column.
    var columnNames: [String] = []

    init(url: URL, name: String? = nil) throws {
        fileName = name ?? url.lastPathComponent
        reader = try ByteReader(url: url, name: fileName)
    }

    /// The next row, or nil at the end. A malformed row (a NUL byte or invalid
    /// UTF-8 in a cell, a stray quote) comes back with its `problem` (its cells
    /// read as far as they go, invalid UTF-8 replaced),
    /// so that reading can go on. A quote never closed throws `.unreadableInput`:
    /// the rest of the file would be one cell.
    func next() throws -> CSVRow? {
        guard reader.peek() != nil else { return nil }
        let line = reader.line
        var cells: [[UInt8]] = []
        var cell: [UInt8] = []
        var problem: CSVRowProblem?
        while true {
            guard let byte = reader.next() else {
                cells.append(cell)
                return finish(cells, line: line, lastLine: reader.line, problem: problem)
            }
            if byte == UInt8(ascii: "\"") && cell.isEmpty {
                try readQuoted(into: &cell, startLine: reader.line, column: cells.count)
                while let after = reader.peek(), after != UInt8(ascii: ","), after != 0x0A, after != 0x0D {
                    problem = problem ?? CSVRowProblem(reason: "text after a closing quote", cell: cells.count,
                                                        allowed: "a quoted cell ends with its quote, then a comma or the line end")
                    reader.next()
                }
                continue
            }
            switch byte {
            case UInt8(ascii: ","):
                cells.append(cell)
                cell = []
            case 0x0D:
                if reader.peek() == 0x0A { continue }
                cells.append(cell)
                return finish(cells, line: line, lastLine: reader.line, problem: problem)
            case 0x0A:
                cells.append(cell)
                return finish(cells, line: line, lastLine: reader.line - 1, problem: problem)
            case UInt8(ascii: "\""):
                problem = problem ?? CSVRowProblem(reason: "a quote inside an unquoted cell", cell: cells.count,
                                                allowed: "quote the whole cell and double the quote")
                cell.append(byte)
            default:
                cell.append(byte)
            }
        }
    }

    private func finish(_ cells: [[UInt8]], line: Int, lastLine: Int, problem: CSVRowProblem?) -> CSVRow {
        var problem = problem
        let texts = cells.enumerated().map { position, bytes in
            if bytes.contains(0) {
                problem = problem ?? CSVRowProblem(reason: "text holds a NUL byte (0x00)", cell: position,
                                                    allowed: "text without NUL bytes, which no QuickBooks file may hold")
            }
            if let text = String(validating: bytes, as: UTF8.self) { return text }
            problem = problem ?? CSVRowProblem(reason: "text is not valid UTF-8", cell: position, allowed: "UTF-8 text")
            return String(decoding: bytes, as: UTF8.self)
        }
        return CSVRow(line: line, cells: texts, lastLine: lastLine, problem: problem)
    }

    private func readQuoted(into cell: inout [UInt8], startLine: Int, column: Int) throws {
        while true {
            guard let byte = reader.next() else {
                let lastLine = cell.last == 0x0A ? reader.line - 1 : reader.line
                let name = columnNames.indices.contains(column) ? " (column \(columnNames[column]))" : ""
                throw FatalError(.unreadableInput, "\(fileName):\(startLine): a quoted cell\(name) opens on line \(startLine) and is never closed, so the rest of the file (lines \(startLine)–\(lastLine)) would be one cell; allowed: a quote that opens a cell closes it (a quote inside a cell is written \"\")")
            }
            if byte == UInt8(ascii: "\"") {
                if reader.peek() == UInt8(ascii: "\"") {
                    reader.next()
                    cell.append(byte)
                } else {
                    return
                }
            } else {
                cell.append(byte)
            }
        }
    }
}
