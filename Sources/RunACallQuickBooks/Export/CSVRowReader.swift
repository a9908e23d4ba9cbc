import Foundation

/// One CSV row: its cells and the line it starts on.
struct CSVRow {
    let line: Int
    let cells: [String]
}

/// An RFC 4180 reader: comma separated, quoted cells may hold commas,
/// doubled quotes and line breaks; CRLF or LF line ends; a UTF-8 BOM is skipped.
final class CSVRowReader {
    private let reader: ByteReader
    let fileName: String

    init(url: URL) throws {
        reader = try ByteReader(url: url)
        fileName = url.lastPathComponent
    }

    /// The next row, or nil at the end. A malformed row throws `CSVRowError`
    /// after consuming it, so that reading can go on.
    func next() throws -> CSVRow? {
        guard reader.peek() != nil else { return nil }
        let line = reader.line
        var cells: [[UInt8]] = []
        var cell: [UInt8] = []
        var problem: String?
        while true {
            guard let byte = reader.next() else {
                cells.append(cell)
                break
            }
            if byte == UInt8(ascii: "\"") && cell.isEmpty {
                try readQuoted(into: &cell, startLine: line)
                while let after = reader.peek(), after != UInt8(ascii: ","), after != 0x0A, after != 0x0D {
                    problem = problem ?? "text after a closing quote"
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
                return try finish(cells, line: line, problem: problem)
            case 0x0A:
                cells.append(cell)
                return try finish(cells, line: line, problem: problem)
            case UInt8(ascii: "\""):
                problem = problem ?? "a quote inside an unquoted cell (quote the whole cell and double the quote)"
                cell.append(byte)
            default:
                cell.append(byte)
            }
        }
        return try finish(cells, line: line, problem: problem)
    }

    private func finish(_ cells: [[UInt8]], line: Int, problem: String?) throws -> CSVRow {
        if let problem { throw CSVRowError(line: line, reason: problem) }
        let texts = cells.compactMap { String(validating: $0, as: UTF8.self) }
        guard texts.count == cells.count else { throw CSVRowError(line: line, reason: "text is not valid UTF-8") }
        return CSVRow(line: line, cells: texts)
    }

    private func readQuoted(into cell: inout [UInt8], startLine: Int) throws {
        while true {
            guard let byte = reader.next() else {
                throw FatalError(.unreadableInput, "\(fileName):\(startLine): a quoted cell is never closed")
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

/// A malformed CSV row: the row is failed, the file goes on.
struct CSVRowError: Error {
    let line: Int
    let reason: String
}
