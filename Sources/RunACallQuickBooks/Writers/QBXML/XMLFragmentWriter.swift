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
        let text = String(decoding: UnsafeBufferPointer(start: content, count: count), as: UTF8.self)
        let padding = String(repeating: " ", count: indent)
        var output = ""
        output.reserveCapacity(count + count / 8)
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if index > 0 { output += "\n" }
            if line.drop(while: { $0 == " " }).first == "<" { output += padding }
            for scalar in line.unicodeScalars {
                if scalar.isASCII { output.unicodeScalars.append(scalar) } else { output += "&#\(scalar.value);" }
            }
        }
        return Data(output.utf8)
    }
}
