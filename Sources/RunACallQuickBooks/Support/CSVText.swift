import Foundation

/// RFC 4180 output: cells quoted when they hold a comma, quote or line break.
enum CSVText {
    /// One cell, quoted when needed.
    static func cell(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A text cell a spreadsheet will never evaluate: a leading `=`, `+`, `-`,
    /// `@`, tab or carriage return gets a `'` in front.
    static func safeText(_ text: String?) -> String {
        guard let text else { return "" }
        guard let first = text.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) else { return text }
        return "'" + text
    }

    /// A row: cells quoted as needed, joined by commas, CRLF ended (RFC 4180).
    static func row(_ cells: [String]) -> String {
        cells.map(cell).joined(separator: ",") + "\r\n"
    }
}
