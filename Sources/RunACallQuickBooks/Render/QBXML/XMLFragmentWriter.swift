import Foundation
internal import CLibXML2

/// Writes one XML element tree with libxml2's text writer into memory, so
/// each qbXML request is rendered (and escaped) by libxml2 and then appended
/// to the part file that holds it.
final class XMLFragmentWriter {
    private let buffer: xmlBufferPtr
    private let writer: xmlTextWriterPtr

    init() {
        buffer = xmlBufferCreate()
        writer = xmlNewTextWriterMemory(buffer, 0)
        xmlTextWriterSetIndent(writer, 1)
        xmlTextWriterSetIndentString(writer, "  ")
    }

    deinit {
        xmlFreeTextWriter(writer)
        xmlBufferFree(buffer)
    }

    /// Opens an element with attributes.
    func start(_ name: String, _ attributes: KeyValuePairs<String, String> = [:]) {
        xmlTextWriterStartElement(writer, name)
        for (key, value) in attributes { xmlTextWriterWriteAttribute(writer, key, value) }
    }

    /// Closes the innermost open element.
    func end() { xmlTextWriterEndElement(writer) }

    /// `<name>text</name>`, nothing when `text` is nil or empty.
    func element(_ name: String, _ text: String?) {
        guard let text, !text.isEmpty else { return }
        xmlTextWriterWriteElement(writer, name, text)
    }

    /// `<name>text</name>`, or with `clearing` `<name></name>` when `text` is nil or empty (a Mod clears the field).
    func element(_ name: String, _ text: String?, clearing: Bool) {
        guard clearing, text?.isEmpty ?? true else { return element(name, text) }
        start(name)
        xmlTextWriterFullEndElement(writer)
    }

    /// A reference, or with `clearing` `<name><FullName></FullName></name>` when `fullName` is nil or empty.
    func reference(_ name: String, _ fullName: String?, clearing: Bool) {
        guard clearing, fullName?.isEmpty ?? true else { return reference(name, fullName) }
        start(name)
        element("FullName", nil, clearing: true)
        end()
    }

    /// `<name attribute="value"/>`.
    func empty(_ name: String, _ attributes: KeyValuePairs<String, String>) {
        start(name, attributes)
        xmlTextWriterFullEndElement(writer)
    }

    /// `<name><FullName>text</FullName></name>`, nothing when `fullName` is nil.
    func reference(_ name: String, _ fullName: String?) {
        guard let fullName, !fullName.isEmpty else { return }
        start(name)
        element("FullName", fullName)
        end()
    }

    /// The rendered bytes, every tag line indented by `indent` spaces (line
    /// breaks inside text are left alone) and every
    /// non-ASCII character written as a character reference (`&#233;`), as
    /// QuickBooks Desktop's parser wants.
    func finish(indent: Int) -> Data {
        xmlTextWriterFlush(writer)
        let count = Int(xmlBufferLength(buffer))
        guard count > 0, let content = xmlBufferContent(buffer) else { return Data() }
        let bytes = UnsafeBufferPointer(start: content, count: count)
        let padding = [UInt8](repeating: 0x20, count: indent)
        var output = [UInt8]()
        output.reserveCapacity(count + count / 4)
        var index = 0
        var lineStart = true
        while index < count {
            if lineStart {
                var probe = index
                while probe < count, bytes[probe] == 0x20 { probe += 1 }
                if probe < count, bytes[probe] == UInt8(ascii: "<") { output.append(contentsOf: padding) }
                lineStart = false
            }
            var runEnd = index
            while runEnd < count, bytes[runEnd] < 0x80, bytes[runEnd] != 0x0A { runEnd += 1 }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<runEnd]))
            index = runEnd
            guard index < count else { break }
            let byte = bytes[index]
            if byte == 0x0A {
                output.append(byte)
                lineStart = true
                index += 1
                continue
            }
            let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
            var scalar = UInt32(byte) & (length == 4 ? 0x07 : length == 3 ? 0x0F : 0x1F)
            for offset in 1..<length where index + offset < count {
                scalar = scalar << 6 | (UInt32(bytes[index + offset]) & 0x3F)
            }
            output.append(contentsOf: Array("&#\(scalar);".utf8))
            index += length
        }
        return Data(output)
    }
}
