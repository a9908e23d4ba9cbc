import Foundation
import Testing
@testable import RunACallRender

/// A text element libxml2 would write as it is goes out as one raw write: the bytes must be libxml2's own.
@Suite struct XMLFragmentWriterTests {
    private static func written(_ texts: [String], raw: Bool) -> Data {
        let writer = XMLFragmentWriter(writesPlainTextsRaw: raw)
        writer.start("CustomerAddRq", ["requestID": "1"])
        for text in texts { writer.element("Name", text) }
        writer.start("BillAddress")
        for text in texts { writer.element("Addr1", text) }
        writer.end()
        writer.end()
        return writer.finish()
    }

    @Test func plainTextsAreWrittenAsLibXML2WritesThem() {
        var texts = (0x01...0x7F).map { "a" + String(UnicodeScalar(UInt8($0))) + "b" }
        texts += ["Jane Smith", "O'Brien & Sons", "quote \"this\"", "<tag>", "tab\there", "Zoë", "line\nbreak", "cr\r", "  padded  ", "1,234.50"]
        let raw = Self.written(texts, raw: true)
        #expect(raw == Self.written(texts, raw: false))
        #expect(String(decoding: raw, as: UTF8.self).contains("<Name>Jane Smith</Name>"))
        #expect(texts.filter(XMLFragmentWriter.needsNoEscaping).count == 92 + 4)
    }
}
