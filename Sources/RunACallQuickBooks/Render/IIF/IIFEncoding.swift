import Foundation

/// How IIF text is written: Windows-1252, CRLF, tab separated, values that
/// cannot break a row (no tab, line break, `"` or `;`).
enum IIFEncoding {
    /// A cell value: Desktop-safe text with the characters that break IIF rows replaced.
    static func cell(_ text: String?) -> String {
        guard let text else { return "" }
        if isPlainCell(text) { return text }
        return cells.value(for: text, cleaned)
    }

    /// Recent results of `cell` for text that needs cleaning.
    private static let cells = TextMemo()

    private static func cleaned(_ text: String) -> String {
        var result = ""
        for scalar in QuickBooksText.desktop(text).unicodeScalars {
            switch scalar {
            case "\t", "\n", "\r": result.unicodeScalars.append(" ")
            case "\"": continue
            case ";": result.unicodeScalars.append(",")
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result.trimmingCharacters(in: .whitespaces)
    }

    /// Whether `cell` keeps `text` as it is: printable ASCII without `"` or `;`, no space at either end.
    private static func isPlainCell(_ text: String) -> Bool {
        var last: UInt8 = 0
        for byte in text.utf8 {
            guard byte >= 0x20 && byte < 0x7F && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: ";") else { return false }
            if last == 0 && byte == 0x20 { return false }
            last = byte
        }
        return last != 0x20
    }

    /// A row: cells joined by tabs, CRLF ended, encoded as Windows-1252.
    /// ASCII is the same in Windows-1252, so a row of ASCII cells is copied as it is.
    static func row(_ cells: [String]) -> Data {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(cells.reduce(2) { $0 + $1.utf8.count + 1 })
        for (position, cell) in cells.enumerated() {
            if position > 0 { bytes.append(0x09) }
            bytes.append(contentsOf: cell.utf8)
        }
        var highBits: UInt8 = 0
        for byte in bytes { highBits |= byte }
        guard highBits < 0x80 else { return windows1252(cells) }
        bytes.append(contentsOf: [0x0D, 0x0A])
        return Data(bytes)
    }

    private static func windows1252(_ cells: [String]) -> Data {
        let line = cells.joined(separator: "\t") + "\r\n"
        return line.data(using: .windowsCP1252, allowLossyConversion: true) ?? Data()
    }
}
