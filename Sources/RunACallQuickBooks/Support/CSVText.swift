import Foundation

/// RFC 4180 output: cells quoted when they hold a comma, quote or line break.
/// Every CSV a person or a spreadsheet opens (the QuickBooks Online files, the
/// report, the worksheets, the undo list) is written with `row`, which guards
/// every cell the same way; the run's own temporary files use `storedRow`.
enum CSVText {
    /// The characters that make a spreadsheet read a cell as a formula.
    static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]
    /// `formulaStarts` by ASCII byte (all of them are ASCII), so the check costs no hashing.
    private static let formulaStartBytes: [Bool] = (0..<128).map { formulaStarts.contains(Unicode.Scalar(UInt8($0))) }

    /// Whether a spreadsheet would evaluate `text`: it starts with `=`, `+`, `-`, `@`,
    /// tab or carriage return and is not a plain number (`-150.00` is a number, not a formula).
    static func isFormula(_ text: String) -> Bool {
        guard let first = text.utf8.first, first < 0x80, formulaStartBytes[Int(first)] else { return false }
        return !isPlainNumber(text)
    }

    /// `-12`, `+3.50`: an optional sign, digits, an optional fraction.
    private static func isPlainNumber(_ text: String) -> Bool {
        var scalars = Substring(text).unicodeScalars
        if let first = scalars.first, first == "-" || first == "+" { scalars.removeFirst() }
        let parts = String(scalars).split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), !parts[0].isEmpty else { return false }
        return parts.allSatisfy { part in !part.isEmpty && part.unicodeScalars.allSatisfy { ("0"..."9").contains($0) } }
    }

    /// The one formula guard: a cell a spreadsheet would evaluate gets a `'` in front.
    static func neutralised(_ text: String) -> String {
        isFormula(text) ? "'" + text : text
    }

    /// A row of a CSV file people open: every cell guarded, quoted as needed,
    /// joined by commas, CRLF ended (RFC 4180).
    static func row(_ cells: [String]) -> String {
        line(cells, guarding: true)
    }

    /// A row of one of the run's temporary files, read back by `CSVRowReader`: cells kept as they are.
    static func storedRow(_ cells: [String]) -> String {
        line(cells, guarding: false)
    }

    /// Cells quoted when they hold a comma, quote or line break (a quote doubled), joined by commas, CRLF ended;
    /// with `guarding`, a cell a spreadsheet would evaluate gets a `'` in front.
    private static func line(_ cells: [String], guarding: Bool) -> String {
        var line: [UInt8] = []
        line.reserveCapacity(cells.reduce(2) { $0 + $1.utf8.count + 3 })
        for (position, cell) in cells.enumerated() {
            if position > 0 { line.append(UInt8(ascii: ",")) }
            append(cell, guarded: guarding && isFormula(cell), to: &line)
        }
        line.append(contentsOf: [0x0D, 0x0A])
        return String(decoding: line, as: UTF8.self)
    }

    /// Appends `cell`, quoted when needed, after a `'` when `guarded`.
    private static func append(_ cell: String, guarded: Bool, to line: inout [UInt8]) {
        let quote = UInt8(ascii: "\"")
        guard cell.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == quote || $0 == 0x0A || $0 == 0x0D }) else {
            if guarded { line.append(UInt8(ascii: "'")) }
            return line.append(contentsOf: cell.utf8)
        }
        line.append(quote)
        if guarded { line.append(UInt8(ascii: "'")) }
        if cell.utf8.contains(where: { $0 >= 0x80 }) {
            // Foundation's search, as ever: a quote with a combining mark on it is one character, not a quote.
            line.append(contentsOf: cell.replacingOccurrences(of: "\"", with: "\"\"").utf8)
        } else {
            for byte in cell.utf8 {
                line.append(byte)
                if byte == quote { line.append(quote) }
            }
        }
        line.append(quote)
    }
}
