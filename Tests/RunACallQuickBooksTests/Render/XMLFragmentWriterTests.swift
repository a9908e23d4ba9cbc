import Foundation
import Testing
@testable import RunACallRender

/// What libxml2 would write as it is goes out as raw writes (a plain text element, the tags of an element without
/// attributes): the bytes must be libxml2's own.
@Suite struct XMLFragmentWriterTests {
    private static func written(_ texts: [String], raw: Bool) -> Data {
        let writer = XMLFragmentWriter(writesPlainPartsRaw: raw)
        writer.start("CustomerAddRq", ["requestID": "1"])
        for text in texts { writer.element("Name", text) }
        writer.start("BillAddress")
        for text in texts { writer.element("Addr1", text) }
        writer.end()
        writer.end()
        return writer.finish()
    }

    /// Elements without attributes in every place: empty, inside and around elements with attributes, holding
    /// texts libxml2 escapes, texts outside ASCII, texts ending in a blank line; requests with and without attributes.
    private static func nested(raw: Bool) -> Data {
        let writer = XMLFragmentWriter(writesPlainPartsRaw: raw)
        writer.start("InvoiceAddRq", ["requestID": "1"])
        writer.start("InvoiceAdd")
        writer.start("Empty")
        writer.end()
        writer.empty("DataExt", ["owner": "0"])
        writer.empty("Cleared", [:])
        writer.reference("CustomerRef", "O'Brien & Sons")
        writer.reference("ClassRef", nil, clearing: true)
        writer.start("Outer", ["kind": "a&b"])
        writer.start("Inner")
        writer.element("Memo", "Zoë's \"first\"")
        writer.element("Other", "two lines\n   ")
        writer.start("Deeper")
        writer.end()
        writer.end()
        writer.start("Attributed", ["x": "1"])
        writer.end()
        writer.end()
        writer.element("Plain", "1,234.50")
        writer.end()
        writer.end()
        writer.start("NoAttributes")
        writer.element("Plain", "x")
        writer.end()
        writer.start("EmptyRequest")
        writer.end()
        writer.element("Alone", "<tag>")
        return writer.finish()
    }

    @Test func tagsWithoutAttributesAreWrittenAsLibXML2WritesThem() {
        let raw = Self.nested(raw: true)
        #expect(raw == Self.nested(raw: false))
        let text = String(decoding: raw, as: UTF8.self)
        #expect(text.contains("<Empty/>") && text.contains("<Cleared></Cleared>") && text.contains("<Deeper/>"))
        #expect(text.contains("<Attributed x=\"1\"/>") && text.contains("<EmptyRequest/>\n"))
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

/// Every way the writer writes, in one request: plain texts (its own bytes), texts libxml2 escapes, characters outside
/// ASCII, a text whose last line is blank, references, an empty element with an attribute, nesting; then a second
/// request after `finish`. The bytes are the ones the writer gave when each piece was its own write to libxml2.
@Suite struct XMLFragmentWriterOrderTests {
    @Test func everyKindOfPieceComesOutInTheOrderWritten() {
        let writer = XMLFragmentWriter()
        writer.start("InvoiceAddRq", ["requestID": "7"])
        writer.start("InvoiceAdd")
        writer.reference("CustomerRef", "O'Brien & Sons")
        writer.element("RefNumber", "1001")
        writer.element("Memo", "Zoë's \"first\" <visit>")
        writer.element("Other", "two lines\n   ")
        writer.empty("DataExt", ["owner": "0"])
        writer.reference("ClassRef", nil, clearing: true)
        writer.start("InvoiceLineAdd")
        writer.reference("ItemRef", "Labor")
        writer.element("Desc", "tab\there")
        writer.element("Amount", "95.00")
        writer.end()
        writer.end()
        writer.end()
        let first = String(decoding: writer.finish(), as: UTF8.self)
        writer.start("InvoiceQueryRq", ["requestID": "8"])
        writer.element("RefNumber", "1001")
        writer.end()
        let second = String(decoding: writer.finish(), as: UTF8.self)
        #expect(first == """
                <InvoiceAddRq requestID="7">
                  <InvoiceAdd>
                    <CustomerRef>
                      <FullName>O'Brien &amp; Sons</FullName>
                    </CustomerRef>
                    <RefNumber>1001</RefNumber>
                    <Memo>Zo&#235;'s &quot;first&quot; &lt;visit&gt;</Memo>
                    <Other>two lines
                   </Other>
                    <DataExt owner="0"></DataExt>
                    <ClassRef>
                      <FullName></FullName>
                    </ClassRef>
                    <InvoiceLineAdd>
                      <ItemRef>
                        <FullName>Labor</FullName>
                      </ItemRef>
                      <Desc>tab\there</Desc>
                      <Amount>95.00</Amount>
                    </InvoiceLineAdd>
                  </InvoiceAdd>
                </InvoiceAddRq>

            """)
        #expect(second == "    <InvoiceQueryRq requestID=\"8\">\n      <RefNumber>1001</RefNumber>\n    </InvoiceQueryRq>\n")
    }
}
