import Foundation
import RunACallSupport

/// How IIF text is written: Windows-1252, CRLF, tab separated, values that
/// cannot break a row (no tab, line break, `"` or `;`).
public enum IIFEncoding {
    /// A cell value: Desktop-safe text with the characters that break IIF rows replaced.
    public static func cell(_ text: String?) -> String {
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
    private static func isPlainCell(_ text: String) -> Bool { text.withUTF8Bytes(isPlainCell) }

    private static func isPlainCell(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        var last: UInt8 = 0
        for byte in text {
            guard byte >= 0x20 && byte < 0x7F && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: ";") else { return false }
            if last == 0 && byte == 0x20 { return false }
            last = byte
        }
        return last != 0x20
    }

    /// A row: cells joined by tabs, CRLF ended, encoded as Windows-1252.
    public static func row(_ cells: [String]) -> Data {
        var rows = IIFRows()
        rows.row(cells)
        return Data(rows.bytes)
    }
}

/// IIF rows in the making, as bytes: cells appended one by one, joined by tabs;
/// each row CRLF ended and encoded as Windows-1252 (`IIFEncoding.row`).
/// ASCII is the same in Windows-1252, so a row of ASCII cells is kept as it is.
struct IIFRows: RowBuilder {
    private(set) var bytes: [UInt8] = []
    /// Where the row being written starts in `bytes`.
    private var rowStart = 0
    /// Whether the row being written has a cell yet.
    private var rowHasCell = false

    /// Appends a cell of the row being written, as it is (the caller cleans it, `IIFEncoding.cell`).
    mutating func cell(_ text: String) {
        separate()
        bytes.appendUTF8(text)
    }

    /// Appends an amount cell (`129.00`, `-20.50`).
    mutating func cell(_ amount: Money) {
        separate()
        amount.append(to: &bytes)
    }

    /// Ends the row being written: CRLF, and the row re-encoded as Windows-1252 when it is not ASCII.
    mutating func endRow() {
        let highBits = bytes[rowStart...].withUnsafeBufferPointer { row in row.reduce(0, |) }
        if highBits < 0x80 {
            bytes.append(contentsOf: [0x0D, 0x0A])
        } else if let latin1 = Self.latin1(bytes[rowStart...]) {
            bytes.replaceSubrange(rowStart..., with: latin1)
            bytes.append(contentsOf: [0x0D, 0x0A])
        } else {
            let line = String(decoding: bytes[rowStart...], as: UTF8.self) + "\r\n"
            bytes.removeSubrange(rowStart...)
            bytes.append(contentsOf: line.data(using: .windowsCP1252, allowLossyConversion: true) ?? Data())
        }
        rowStart = bytes.count
        rowHasCell = false
    }

    /// The Windows-1252 bytes of UTF-8 text whose characters past ASCII are all in U+00A0...U+00FF,
    /// where Windows-1252 is Latin-1 (one byte, the character's number); nil for any other text.
    private static func latin1(_ utf8: ArraySlice<UInt8>) -> [UInt8]? {
        var result: [UInt8] = []
        result.reserveCapacity(utf8.count)
        var index = utf8.startIndex
        while index < utf8.endIndex {
            let byte = utf8[index]
            if byte < 0x80 {
                result.append(byte)
                index += 1
                continue
            }
            guard byte == 0xC2 || byte == 0xC3, index + 1 < utf8.endIndex else { return nil }
            let character = (byte & 0x1F) << 6 | (utf8[index + 1] & 0x3F)
            guard character >= 0xA0 else { return nil }
            result.append(character)
            index += 2
        }
        return result
    }

    /// A tab before every cell but the row's first.
    private mutating func separate() {
        if rowHasCell { bytes.append(0x09) }
        rowHasCell = true
    }
}
