import Foundation
internal import CLibXML2

/// Writes qbXML requests with libxml2's text writer into one reusable memory buffer: libxml2 renders
/// and escapes every tag and text, and its ASCII output encoding writes every non-ASCII character as
/// a character reference (`&#233;`), as QuickBooks Desktop's parser wants.
///
/// Requests sit two levels deep in their document (`QBXML`, `QBXMLMsgsRq`), so each tag line starts
/// with `requestIndent` spaces more than its depth's two per level. The writer puts every line break
/// and indent in place itself, one raw write per tag line (libxml2's own indentation writes a string
/// per level and cannot start at 4 spaces).
final class XMLFragmentWriter {
    /// The spaces before every tag line of a request, besides two per level of depth.
    static let requestIndent = 4

    private let buffer: xmlBufferPtr
    private let writer: xmlTextWriterPtr
    /// A line break followed by the spaces of the deepest tag line written so far.
    private var lineBreak: [UInt8] = [0x0A]
    /// The number of open elements.
    private var depth = 0
    /// Whether the innermost open element holds an element yet (its closing tag then gets a line of its own).
    private var innermostHasChildren = false

    init() {
        buffer = xmlBufferCreate()
        writer = xmlNewTextWriter(xmlOutputBufferCreateBuffer(buffer, xmlFindCharEncodingHandler("ASCII")))
    }

    deinit {
        xmlFreeTextWriter(writer)
        xmlBufferFree(buffer)
    }

    /// Opens an element with attributes.
    func start(_ name: String, _ attributes: KeyValuePairs<String, String> = [:]) {
        startTagLine()
        name.withXMLChars { xmlTextWriterStartElement(writer, $0) }
        for (key, value) in attributes {
            key.withXMLChars { key in value.withXMLChars { xmlTextWriterWriteAttribute(writer, key, $0) } }
        }
        depth += 1
        innermostHasChildren = false
    }

    /// Closes the innermost open element.
    func end() {
        depth -= 1
        if innermostHasChildren { writeIndent(breakingLine: true) }
        xmlTextWriterEndElement(writer)
        closed()
    }

    /// `<name>text</name>`, nothing when `text` is nil or empty.
    func element(_ name: String, _ text: String?) {
        guard let text, !text.isEmpty else { return }
        startTagLine()
        if text.utf8.contains(0x0A) { return multilineElement(name, text) }
        name.withXMLChars { name in text.withXMLChars { xmlTextWriterWriteElement(writer, name, $0) } }
        closed()
    }

    /// `<name>text</name>` for a text with line breaks: when its last line is blank (spaces only) the
    /// closing tag starts a tag line, so the request indent goes before it, after the text's spaces.
    private func multilineElement(_ name: String, _ text: String) {
        name.withXMLChars { xmlTextWriterStartElement(writer, $0) }
        text.withXMLChars { xmlTextWriterWriteString(writer, $0) }
        if text.utf8.reversed().prefix(while: { $0 != 0x0A }).allSatisfy({ $0 == 0x20 }) {
            writeSpaces(Self.requestIndent)
        }
        xmlTextWriterEndElement(writer)
        closed()
    }

    /// `<name>text</name>`, or with `clearing` `<name></name>` when `text` is nil or empty (a Mod clears the field).
    func element(_ name: String, _ text: String?, clearing: Bool) {
        guard clearing, text?.isEmpty ?? true else { return element(name, text) }
        empty(name, [:])
    }

    /// A reference, or with `clearing` `<name><FullName></FullName></name>` when `fullName` is nil or empty.
    func reference(_ name: String, _ fullName: String?, clearing: Bool) {
        guard clearing, fullName?.isEmpty ?? true else { return reference(name, fullName) }
        start(name)
        element("FullName", nil, clearing: true)
        end()
    }

    /// `<name attribute="value"></name>`.
    func empty(_ name: String, _ attributes: KeyValuePairs<String, String>) {
        start(name, attributes)
        depth -= 1
        xmlTextWriterFullEndElement(writer)
        closed()
    }

    /// `<name><FullName>text</FullName></name>`, nothing when `fullName` is nil.
    func reference(_ name: String, _ fullName: String?) {
        guard let fullName, !fullName.isEmpty else { return }
        start(name)
        element("FullName", fullName)
        end()
    }

    /// The bytes of the requests written since the last `finish`, each ending with a line break;
    /// the buffer starts empty again.
    func finish() -> Data {
        xmlTextWriterFlush(writer)
        let count = Int(xmlBufferLength(buffer))
        guard count > 0, let content = xmlBufferContent(buffer) else { return Data() }
        let data = Data(bytes: content, count: count)
        xmlBufferEmpty(buffer)
        return data
    }

    /// Begins the line of a start tag: a line break unless it opens the request, then the indent.
    private func startTagLine() {
        writeIndent(breakingLine: depth > 0)
    }

    /// After an element's closing tag: its parent holds an element; a closed request ends its line.
    private func closed() {
        innermostHasChildren = true
        if depth == 0 { writeBytes(count: 1, breakingLine: true) }
    }

    /// The indent of a tag line at the current depth, after a line break when `breakingLine`.
    private func writeIndent(breakingLine: Bool) {
        writeBytes(count: Self.requestIndent + 2 * depth + (breakingLine ? 1 : 0), breakingLine: breakingLine)
    }

    private func writeSpaces(_ count: Int) {
        writeBytes(count: count, breakingLine: false)
    }

    /// Writes `count` bytes of a line break and spaces as they are, without the line break unless `breakingLine`.
    private func writeBytes(count: Int, breakingLine: Bool) {
        let offset = breakingLine ? 0 : 1
        if lineBreak.count < count + offset {
            lineBreak.append(contentsOf: repeatElement(0x20, count: count + offset - lineBreak.count))
        }
        lineBreak.withUnsafeBufferPointer { bytes in
            _ = xmlTextWriterWriteRawLen(writer, bytes.baseAddress! + offset, Int32(count))
        }
    }
}

private extension String {
    /// Calls `body` with the text as a nul-terminated UTF-8 string, without a copy on the heap.
    @discardableResult
    func withXMLChars<Result>(_ body: (UnsafePointer<xmlChar>) -> Result) -> Result {
        withCString { body(UnsafeRawPointer($0).assumingMemoryBound(to: xmlChar.self)) }
    }
}
