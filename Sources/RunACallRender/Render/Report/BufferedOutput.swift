import Foundation
import RunACallSupport

/// Bytes of a report file in the making: text appended as UTF-8, escaped for
/// HTML, a CSV row or a JSON string without building a String per row.
public struct ByteBuffer {
    private(set) var bytes: [UInt8] = []

    var count: Int { bytes.count }

    mutating func removeAll() { bytes.removeAll(keepingCapacity: true) }

    mutating func append(_ text: String) { bytes.appendUTF8(text) }

    mutating func append(_ other: ByteBuffer) { bytes.append(contentsOf: other.bytes) }

    /// `text` with `&`, `<`, `>` and `"` written as entities, for an element's text or a quoted attribute.
    mutating func appendEscapedHTML(_ text: String) { appendReplacing(text, Self.htmlEscapes) }

    /// A path or a list of them (`source`, `targets`) escaped as `appendEscapedHTML` does, each `;` ending a line
    /// and a break allowed after `/` and before `#`, so that a narrow column wraps it between names, not inside one.
    mutating func appendEscapedPaths(_ text: String) { appendReplacing(text, Self.pathEscapes) }

    /// `text` as a JSON string, quotes included, escaped as `JSONEncoder` escapes it with `.withoutEscapingSlashes`.
    mutating func appendJSONString(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        appendReplacing(text, Self.jsonEscapes)
        bytes.append(UInt8(ascii: "\""))
    }

    /// What some ASCII bytes are written as; every other byte is written as itself.
    private struct Escapes {
        /// Whether each byte value is written as a replacement.
        let replaced: [Bool]
        /// Each byte value's replacement (empty for none).
        let replacements: [[UInt8]]

        init(_ replacements: [UInt8: String]) {
            replaced = (0..<256).map { replacements[UInt8($0)] != nil }
            self.replacements = (0..<256).map { byte in replacements[UInt8(byte)].map { Array($0.utf8) } ?? [] }
        }
    }

    private static let htmlEscapes = Escapes([UInt8(ascii: "&"): "&amp;", UInt8(ascii: "<"): "&lt;", UInt8(ascii: ">"): "&gt;", UInt8(ascii: "\""): "&quot;"])

    private static let pathEscapes = Escapes([UInt8(ascii: "&"): "&amp;", UInt8(ascii: "<"): "&lt;", UInt8(ascii: ">"): "&gt;",
                                              UInt8(ascii: "\""): "&quot;", UInt8(ascii: ";"): ";<br>", UInt8(ascii: "/"): "/<wbr>",
                                              UInt8(ascii: "#"): "<wbr>#"])

    private static let jsonEscapes: Escapes = {
        var replacements: [UInt8: String] = [UInt8(ascii: "\""): "\\\"", UInt8(ascii: "\\"): "\\\\", 0x08: "\\b", 0x0C: "\\f",
                                             UInt8(ascii: "\n"): "\\n", UInt8(ascii: "\r"): "\\r", UInt8(ascii: "\t"): "\\t"]
        for byte in UInt8(0)..<0x20 where replacements[byte] == nil {
            replacements[byte] = "\\u00" + (byte < 0x10 ? "0" : "") + String(byte, radix: 16)
        }
        return Escapes(replacements)
    }()

    private static let csvQuoteEscapes = Escapes([UInt8(ascii: "\""): "\"\""])

    /// A row of a CSV file people open, as `CSVText.row` writes it: each cell guarded against
    /// formulas (`CSVText.neutralised`), quoted when it holds a comma, quote or line break.
    mutating func appendCSVRow(_ cells: [String]) {
        for (index, cell) in cells.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            let guarded = CSVText.neutralised(cell)
            if Self.needsQuotes(guarded) {
                bytes.append(UInt8(ascii: "\""))
                appendReplacing(guarded, Self.csvQuoteEscapes)
                bytes.append(UInt8(ascii: "\""))
            } else {
                append(guarded)
            }
        }
        bytes.append(contentsOf: [UInt8(ascii: "\r"), UInt8(ascii: "\n")])
    }

    /// Whether a CSV cell of `text` is quoted: it holds a comma, quote or line break.
    private static func needsQuotes(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { utf8 in
            utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }
        }
    }

    /// Appends `text`'s UTF-8, each ASCII byte that `escapes` names written as its replacement
    /// (bytes of other characters are 0x80 or more, so a character is never split).
    private mutating func appendReplacing(_ text: String, _ escapes: Escapes) {
        var text = text
        text.withUTF8 { utf8 in
            escapes.replaced.withUnsafeBufferPointer { replaced in
                var start = 0
                var index = 0
                while index < utf8.count {
                    if replaced[Int(utf8[index])] {
                        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
                        bytes.append(contentsOf: escapes.replacements[Int(utf8[index])])
                        start = index + 1
                    }
                    index += 1
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
            }
        }
    }
}

/// Buffered output to a new file: bytes gather in a buffer written out every 64 KiB.
final class BufferedOutput {
    private let handle: FileHandle
    private var pending = ByteBuffer()

    init(url: URL) throws {
        try FileManager.default.createFile(at: url)
        handle = try FileHandle(forWritingTo: url)
    }

    func write(_ text: String) throws {
        pending.append(text)
        try flushWhenFull()
    }

    /// Lets `body` append to the buffer directly.
    func write(_ body: (inout ByteBuffer) -> Void) throws {
        body(&pending)
        try flushWhenFull()
    }

    private func flushWhenFull() throws {
        if pending.count >= 1 << 16 { try flush() }
    }

    private func flush() throws {
        try handle.write(contentsOf: pending.bytes)
        pending.removeAll()
    }

    func close() throws {
        try flush()
        try handle.close()
    }
}
