import Foundation

/// RFC 4180 output: cells quoted when they hold a comma, quote or line break.
/// Every CSV a person or a spreadsheet opens (the QuickBooks Online files, the
/// report, the worksheets, the undo list) is written with `row`, which guards
/// every cell the same way; the run's own temporary files, read back by
/// `CSVRowReader`, are written with `CSVRows(guarding: false)`, cells kept as they are.
public enum CSVText {
    /// The header row of a worksheet meant for people (the report, the payment application, the discounts to
    /// enter, the import checklist, the undo list): after a UTF-8 byte order mark, so that Excel on Windows reads
    /// it as UTF-8 (outputs.md). The files QuickBooks imports have none: they start with `row(columns)`.
    public static func worksheetHeader(_ columns: [String]) -> String { "\u{FEFF}" + row(columns) }

    /// The characters that make a spreadsheet read a cell as a formula.
    static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]
    /// `formulaStarts` by ASCII byte (all of them are ASCII), so the check costs no hashing.
    private static let formulaStartBytes: [Bool] = (0..<128).map { formulaStarts.contains(Unicode.Scalar(UInt8($0))) }

    /// Whether a spreadsheet would evaluate `text`: it starts with `=`, `+`, `-`, `@`,
    /// tab or carriage return and is not a plain number (`-150.00` is a number, not a formula).
    public static func isFormula(_ text: String) -> Bool {
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
    public static func neutralised(_ text: String) -> String {
        isFormula(text) ? "'" + text : text
    }

    /// A row of a CSV file people open: every cell guarded, quoted as needed,
    /// joined by commas, CRLF ended (RFC 4180).
    public static func row(_ cells: [String]) -> String {
        var rows = CSVRows(guarding: true)
        rows.row(cells)
        return String(decoding: rows.bytes, as: UTF8.self)
    }

    /// Appends `cell`, quoted when it holds a comma, quote or line break (a quote doubled),
    /// after a `'` when `guarding` and a spreadsheet would evaluate it.
    fileprivate static func append(_ cell: String, guarding: Bool, to line: inout [UInt8]) {
        let guarded = guarding && isFormula(cell)
        let quote = UInt8(ascii: "\"")
        var needsQuotes = false
        var hasQuote = false
        var quoteMayJoin = false
        var cell = cell
        cell.withUTF8 { utf8 in
            for index in utf8.indices where utf8[index] <= quote || utf8[index] == UInt8(ascii: ",") {
                switch utf8[index] {
                case quote:
                    hasQuote = true
                    if !isCharacterOfItsOwn(quoteAt: index, in: utf8) { quoteMayJoin = true }
                case UInt8(ascii: ","), 0x0A, 0x0D: needsQuotes = true
                default: break
                }
            }
            guard needsQuotes || hasQuote else {
                if guarded { line.append(UInt8(ascii: "'")) }
                return line.append(contentsOf: utf8)
            }
            line.append(quote)
            if guarded { line.append(UInt8(ascii: "'")) }
            if !hasQuote {
                line.append(contentsOf: utf8)
            } else if !quoteMayJoin {
                // Every quote is a character of its own: Foundation's search would double each too.
                for byte in utf8 {
                    line.append(byte)
                    if byte == quote { line.append(quote) }
                }
            }
        }
        if quoteMayJoin {
            // Foundation's search, as ever: a quote with a combining mark on it is one character, not a quote.
            line.append(contentsOf: cell.replacingOccurrences(of: "\"", with: "\"\"").utf8)
        }
        if needsQuotes || hasQuote { line.append(quote) }
    }
}

extension CSVText {
    /// Whether the quote at `index` of `utf8` is surely a character of its own (a grapheme cluster alone):
    /// what comes before it is ASCII or below U+0600 (no prepended mark, the first is U+0600), and what
    /// comes after it is ASCII, U+0080...U+02FF or U+0400...U+047F (no combining mark, joiner or spacing mark).
    /// A quote beside anything else may be part of a character, which Foundation's search leaves as it is.
    fileprivate static func isCharacterOfItsOwn(quoteAt index: Int, in utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        if index > 0, utf8[index - 1] >= 0x80 {
            var lead = index - 1
            while lead > 0, utf8[lead] & 0xC0 == 0x80 { lead -= 1 }
            guard lead == index - 2, (0xC2...0xD7).contains(utf8[lead]) else { return false }
        }
        guard index + 1 < utf8.count else { return true }
        let next = utf8[index + 1]
        return next < 0x80 || (0xC2...0xCB).contains(next) || (0xD0...0xD1).contains(next)
    }
}

/// CSV rows in the making, as bytes: cells appended one by one, joined by commas,
/// each quoted as needed and, when `guarding`, guarded from formulas (`CSVText.row`).
public struct CSVRows: RowBuilder {
    public private(set) var bytes: [UInt8] = []
    private let guarding: Bool
    /// Whether the row being written has a cell yet.
    private var rowHasCell = false

    /// Rows of a file people open (`guarding`), or of one of the run's temporary files.
    public init(guarding: Bool) { self.guarding = guarding }

    /// Appends a text cell.
    public mutating func cell(_ text: String) {
        separate()
        CSVText.append(text, guarding: guarding, to: &bytes)
    }

    /// Appends an amount cell (`129.00`, `-20.50`), empty for nil: a plain number, neither guarded nor quoted.
    public mutating func cell(_ amount: Money?) {
        separate()
        amount?.append(to: &bytes)
    }

    /// Appends a decimal cell with at least `minimumPlaces` decimals, empty for nil: a plain number, neither guarded nor quoted.
    public mutating func cell(_ value: ExactDecimal?, minimumPlaces: Int) {
        separate()
        value?.append(minimumPlaces: minimumPlaces, to: &bytes)
    }

    /// Ends the row being written (CRLF).
    public mutating func endRow() {
        bytes.append(contentsOf: [0x0D, 0x0A])
        rowHasCell = false
    }

    /// A comma before every cell but the row's first.
    private mutating func separate() {
        if rowHasCell { bytes.append(UInt8(ascii: ",")) }
        rowHasCell = true
    }
}
