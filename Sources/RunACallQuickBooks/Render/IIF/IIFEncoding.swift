import Foundation

/// How IIF text is written: Windows-1252, CRLF, tab separated, values that
/// cannot break a row (no tab, line break, `"` or `;`).
enum IIFEncoding {
    /// A cell value: Desktop-safe text with the characters that break IIF rows replaced.
    static func cell(_ text: String?) -> String {
        guard let text else { return "" }
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

    /// A row: cells joined by tabs, CRLF ended, encoded as Windows-1252.
    static func row(_ cells: [String]) -> Data {
        let line = cells.joined(separator: "\t") + "\r\n"
        return line.data(using: .windowsCP1252, allowLossyConversion: true) ?? Data()
    }
}
