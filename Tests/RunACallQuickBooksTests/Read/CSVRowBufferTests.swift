import Foundation
import Testing
@testable import RunACallQuickBooks
@testable import RunACallSupport
@testable import RunACallRead

/// The CSV row reader scans a buffer that it refills from the file: a row, a quoted cell,
/// a doubled quote or a CRLF cut by the buffer's end reads as if the file were read at once.
/// (The reader first reads 4,096 bytes whatever its chunk size: the header is longer, so that
/// the rows after it are read a chunk at a time.)
@Suite struct CSVRowBufferTests {
    private static let longColumn = String(repeating: "c", count: 4_100)

    private struct ReadRow: Equatable {
        let line: Int
        let lastLine: Int
        let cells: [String]
        let problem: String?
    }

    private func rows(of url: URL, chunkSize: Int) throws -> [ReadRow] {
        let reader = try CSVRowReader(url: url, chunkSize: chunkSize)
        var rows: [ReadRow] = []
        while let row = try reader.next() {
            rows.append(ReadRow(line: row.line, lastLine: row.lastLine, cells: row.cells,
                                problem: row.problem.map { "\($0.cell): \($0.reason)" }))
        }
        return rows
    }

    @Test func rowsReadTheSameWhereverTheBufferEnds() throws {
        let text = "\u{FEFF}a,b,\(Self.longColumn)\r\n1,\"x, \"\"y\"\"\nz\",\r\r\n,,\"\"\n2,a\"b,\"q\"tail\n\n3,\u{E9}t\u{E9},\"\"\"\"\r4,\"\",\u{0}\n5,end,x"
        let url = try Conversion.export(["t.csv": text]).appendingPathComponent("t.csv")
        let expected = [
            ReadRow(line: 1, lastLine: 1, cells: ["a", "b", Self.longColumn], problem: nil),
            ReadRow(line: 2, lastLine: 3, cells: ["1", "x, \"y\"\nz", ""], problem: nil),
            ReadRow(line: 3, lastLine: 3, cells: [""], problem: nil),
            ReadRow(line: 4, lastLine: 4, cells: ["", "", ""], problem: nil),
            ReadRow(line: 5, lastLine: 5, cells: ["2", "a\"b", "q"], problem: "1: a quote inside an unquoted cell"),
            ReadRow(line: 6, lastLine: 6, cells: [""], problem: nil),
            ReadRow(line: 7, lastLine: 7, cells: ["3", "\u{E9}t\u{E9}", "\""], problem: nil),
            ReadRow(line: 7, lastLine: 7, cells: ["4", "", "\u{0}"], problem: "2: text holds a NUL byte (0x00)"),
            ReadRow(line: 8, lastLine: 8, cells: ["5", "end", "x"], problem: nil),
        ]
        for chunkSize in [1, 2, 3, 5, 8, 13, 1 << 20] {
            #expect(try rows(of: url, chunkSize: chunkSize) == expected, "chunk size \(chunkSize)")
        }
    }

    @Test func aQuoteNeverClosedNamesItsLinesWhereverTheBufferEnds() throws {
        let url = try Conversion.export(["t.csv": "a,\(Self.longColumn)\n1,\"open\n\"\"still\n"]).appendingPathComponent("t.csv")
        for chunkSize in [1, 2, 3, 7, 1 << 20] {
            let reader = try CSVRowReader(url: url, chunkSize: chunkSize)
            reader.columnNames = ["a", "long"]
            _ = try reader.next()
            do {
                _ = try reader.next()
                Issue.record("a quote never closed was read as a row (chunk size \(chunkSize))")
            } catch let error as FatalError {
                #expect(error.description == "t.csv:2: a quoted cell (column long) opens on line 2 and is never closed, so the rest of the file (lines 2–3) would be one cell; allowed: a quote that opens a cell closes it (a quote inside a cell is written \"\")", "chunk size \(chunkSize)")
            }
        }
    }

    /// The id pass's sketch of a row (its cell count, problem, blankness and one cell) is what the full read of the
    /// same row gives, for plain rows read eight bytes at a time (a delimiter at every offset of a word) and for rows
    /// with a NUL byte, a byte past ASCII or invalid UTF-8 in a cell other than the kept one, wherever the buffer ends.
    @Test func aSketchIsWhatTheFullReadGivesWhateverTheRowHolds() throws {
        var lines = ["id,a,b,\(Self.longColumn)"]
        for length in 0..<20 {
            let filler = String(repeating: "x", count: length)
            lines.append("INV-\(length),\(filler),\"\(filler)\"\"\(filler)\",\(filler)")
            lines.append("\(filler),\(filler)\u{E9}\(filler),\(filler)\u{0}\(filler),end\r")
            lines.append("K\(length),\(filler)\u{FF}\(filler),\(filler),\"\(filler)\n\(filler)\"")
            lines.append(",,,")
            lines.append(String(repeating: ",", count: length))
        }
        let url = try Conversion.export(["t.csv": lines.joined(separator: "\n") + "\n"]).appendingPathComponent("t.csv")
        for chunkSize in [1, 7, 1 << 20] {
            for position in [0, 1, 3, 9] {
                let full = try CSVRowReader(url: url, chunkSize: chunkSize)
                let sketches = try CSVRowReader(url: url, chunkSize: chunkSize)
                var count = 0
                while let row = try full.next() {
                    let sketch = try #require(try sketches.nextSketch(keeping: position))
                    #expect(sketch.line == row.line && sketch.lastLine == row.lastLine && sketch.cellCount == row.cells.count)
                    #expect(sketch.problem.map { "\($0.cell): \($0.reason)" } == row.problem.map { "\($0.cell): \($0.reason)" }, "line \(row.line)")
                    #expect(sketch.isBlank == row.cells.allSatisfy(\.isEmpty), "line \(row.line)")
                    #expect(sketch.cell == (row.cells.indices.contains(position) ? row.cells[position] : nil), "line \(row.line)")
                    if row.cells.contains(where: { $0.contains("\u{0}") }) {
                        #expect(row.problem?.reason == "text holds a NUL byte (0x00)", "line \(row.line): a NUL byte anywhere in a cell")
                    }
                    count += 1
                }
                #expect(try sketches.nextSketch(keeping: position) == nil)
                #expect(count == lines.count)
            }
        }
    }
}
