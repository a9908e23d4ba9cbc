import Foundation
import Testing
@testable import RunACallQuickBooks
@testable import RunACallSupport
@testable import RunACallRender

/// The report's bytes are appended without a String per row; they must be the
/// bytes `JSONEncoder` and `CSVText.row` write.
struct ByteBufferTests {
    static let hostile: [String] = (0..<128).map { String(UnicodeScalar(UInt8($0))) } + [
        "", "plain", "Jane \"JJ\" O'Neil, Jr.", "a/b\\c", "=SUM(A1)", "-150.00", "+1 555", "@home", "\tTab", "\r\nline",
        "café ☕️ 田中 太郎", "\u{2028}\u{2029}", "\u{7F}\u{80}\u{FFFD}", "e\u{301}\"\u{301}", "👩‍👩‍👧 & <b>", "x\u{0}y",
    ]

    @Test func jsonStringsAreWhatJSONEncoderWrites() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        for text in Self.hostile {
            var buffer = ByteBuffer()
            buffer.appendJSONString(text)
            let expected = try encoder.encode([text])
            #expect(Data([UInt8(ascii: "[")] + buffer.bytes + [UInt8(ascii: "]")]) == expected, "\(text.unicodeScalars.map { $0.value })")
        }
    }

    @Test func csvRowsAreWhatCSVTextWrites() {
        let plain = Self.hostile.filter { $0 != "e\u{301}\"\u{301}" }
        for cells in [plain, ["a", "b,c", "\"q\""], [""], ["-12", "-x", "=1+2"]] {
            var buffer = ByteBuffer()
            buffer.appendCSVRow(cells)
            #expect(buffer.bytes == Array(CSVText.row(cells).utf8))
        }
    }

    @Test func aQuoteBeforeACombiningMarkIsDoubledToo() {
        var buffer = ByteBuffer()
        buffer.appendCSVRow(["e\u{301}\"\u{301}", "x"])
        #expect(String(decoding: buffer.bytes, as: UTF8.self) == "\"e\u{301}\"\"\u{301}\",x\r\n", "RFC 4180: every quote in a quoted cell is doubled")
    }

    @Test func htmlEscapesTheFourCharactersAndKeepsTheRest() {
        var buffer = ByteBuffer()
        buffer.appendEscapedHTML("Tom & \"Jerry\" <b>café</b> e\u{301}\"\u{301}")
        #expect(String(decoding: buffer.bytes, as: UTF8.self) == "Tom &amp; &quot;Jerry&quot; &lt;b&gt;café&lt;/b&gt; e\u{301}&quot;\u{301}",
                "a quote is escaped even when a combining mark follows it")
    }
}
