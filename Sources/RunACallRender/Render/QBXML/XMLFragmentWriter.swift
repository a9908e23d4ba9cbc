import Foundation
import RunACallRead
internal import CLibXML2

/// Writes qbXML requests with libxml2's text writer into one reusable memory buffer: libxml2 renders
/// and escapes every attribute and every text that needs it; a character outside ASCII goes in as a character
/// reference (`&#233;`), as QuickBooks Desktop's parser wants. What libxml2 would write as it is goes through
/// the same writer as raw bytes, the same bytes without libxml2's element stack and escaped copy: a text
/// element whose text needs no escaping (printable ASCII, none of `<`, `>`, `&`, `"`), as most are, as
/// `<name>text</name>`, and the tags of an element without attributes (`<name>`, `</name>`, or `<name/>` when
/// nothing came between them, as libxml2 closes an empty element).
///
/// Requests sit two levels deep in their document (`QBXML`, `QBXMLMsgsRq`), so each tag line starts
/// with `requestIndent` spaces more than its depth's two per level. The writer puts every line break
/// and indent in place itself (libxml2's own indentation writes a string per level and cannot start at
/// 4 spaces).
///
/// Those indents, tags and plain text elements collect in pending bytes and reach libxml2's writer as one raw
/// write just before its next call (and at `finish`): the bytes and their order are the ones a raw write
/// each would give (libxml2 closes an open start tag with `>` when the raw write comes), in a few
/// calls a request instead of two or three a line.
public final class XMLFragmentWriter {
    /// The spaces before every tag line of a request, besides two per level of depth.
    static let requestIndent = 4

    private let buffer: xmlBufferPtr
    private let writer: xmlTextWriterPtr
    /// A line break followed by spaces, written in pieces when a tag line needs more.
    private let lineBreak: UnsafeMutableBufferPointer<UInt8>
    /// What changes as the writer goes, behind a pointer the writer allocates: a class's stored `var` is
    /// checked for exclusive access at run time on every touch (as costly as the append it guards, and the
    /// writer touches its state several times an element); memory behind a pointer is not.
    private struct State {
        /// The number of open elements.
        var depth = 0
        /// Whether the innermost open element holds an element yet (its closing tag then gets a line of its own).
        var innermostHasChildren = false
        /// Raw bytes (indents, line breaks, plain text elements, tags) not yet handed to libxml2's writer.
        var pending: [UInt8] = []
        /// Whether `pending` ends with a start tag written raw whose `>` is not written yet (`<name`): the next
        /// bytes close it, or `/>` when its element ends with nothing in it.
        var startTagOpen = false
        /// Each open element, innermost last: its name when its tags are written raw, nil when libxml2 opened it.
        var rawNames: [String?] = []
    }

    private let state: UnsafeMutablePointer<State>
    private var depth: Int {
        get { state.pointee.depth }
        set { state.pointee.depth = newValue }
    }
    private var innermostHasChildren: Bool {
        get { state.pointee.innermostHasChildren }
        set { state.pointee.innermostHasChildren = newValue }
    }

    /// Whether a plain text element (`needsNoEscaping`) and the tags of an element without attributes are raw
    /// writes; false only to compare with libxml2's own.
    private let writesPlainPartsRaw: Bool

    public convenience init() { self.init(writesPlainPartsRaw: true) }

    init(writesPlainPartsRaw: Bool) {
        self.writesPlainPartsRaw = writesPlainPartsRaw
        buffer = xmlBufferCreate()
        writer = xmlNewTextWriterMemory(buffer, 0)
        lineBreak = .allocate(capacity: 65)
        lineBreak.initialize(repeating: 0x20)
        lineBreak[0] = 0x0A
        state = .allocate(capacity: 1)
        state.initialize(to: State())
    }

    deinit {
        xmlFreeTextWriter(writer)
        xmlBufferFree(buffer)
        lineBreak.deallocate()
        state.deinitialize(count: 1)
        state.deallocate()
    }

    /// Opens an element with attributes.
    public func start(_ name: String, _ attributes: KeyValuePairs<String, String> = [:]) {
        startTagLine()
        if writesPlainPartsRaw, attributes.isEmpty {
            appendPending(UInt8(ascii: "<"))
            state.pointee.pending.appendUTF8(name)
            state.pointee.startTagOpen = true
            state.pointee.rawNames.append(name)
        } else {
            flushPending()
            name.withXMLChars { xmlTextWriterStartElement(writer, $0) }
            for (key, value) in attributes {
                key.withXMLChars { key in value.withXMLChars { xmlTextWriterWriteAttribute(writer, key, $0) } }
            }
            state.pointee.rawNames.append(nil)
        }
        depth += 1
        innermostHasChildren = false
    }

    /// Closes the innermost open element.
    public func end() {
        depth -= 1
        if innermostHasChildren { writeIndent(breakingLine: true) }
        if let name = state.pointee.rawNames.removeLast() {
            if state.pointee.startTagOpen {
                state.pointee.pending.append(contentsOf: "/>".utf8)
                state.pointee.startTagOpen = false
            } else {
                writeEndTag(name)
            }
        } else {
            flushPending()
            xmlTextWriterEndElement(writer)
        }
        closed()
    }

    /// `</name>` as raw bytes.
    private func writeEndTag(_ name: String) {
        appendPending(UInt8(ascii: "<"))
        state.pointee.pending.append(UInt8(ascii: "/"))
        state.pointee.pending.appendUTF8(name)
        state.pointee.pending.append(UInt8(ascii: ">"))
    }

    /// Appends `byte` to the pending bytes, after the `>` of a start tag written raw and still open.
    private func appendPending(_ byte: UInt8) {
        closeOpenStartTag()
        state.pointee.pending.append(byte)
    }

    /// Writes the `>` of a start tag written raw and still open, before any other byte.
    private func closeOpenStartTag() {
        guard state.pointee.startTagOpen else { return }
        state.pointee.pending.append(UInt8(ascii: ">"))
        state.pointee.startTagOpen = false
    }

    /// `<name>text</name>`, nothing when `text` is nil or empty.
    public func element(_ name: String, _ text: String?) {
        guard let text, !text.isEmpty else { return }
        startTagLine()
        if writesPlainPartsRaw, Self.needsNoEscaping(text) {
            writePlainElement(name, text)
        } else if Self.isASCIILine(text) {
            flushPending()
            name.withXMLChars { name in text.withXMLChars { xmlTextWriterWriteElement(writer, name, $0) } }
        } else {
            flushPending()
            name.withXMLChars { xmlTextWriterStartElement(writer, $0) }
            writeText(text)
            if Self.endsWithBlankLine(text) { writeSpaces(Self.requestIndent) }
            flushPending()
            xmlTextWriterEndElement(writer)
        }
        closed()
    }

    /// Whether libxml2 writes `text` in an element as it is: tabs and printable ASCII but for `<`, `>`, `&` and
    /// `"`, which it escapes (`xmlEncodeSpecialChars`).
    static func needsNoEscaping(_ text: String) -> Bool {
        text.withUTF8Bytes { bytes in
            !bytes.contains { byte in
                (byte < 0x20 && byte != 0x09) || byte >= 0x7F || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
                    || byte == UInt8(ascii: "&") || byte == UInt8(ascii: "\"")
            }
        }
    }

    /// `<name>text</name>` as raw bytes, for a text that `needsNoEscaping` (and a tag name, which is ASCII).
    private func writePlainElement(_ name: String, _ text: String) {
        appendPending(UInt8(ascii: "<"))
        state.pointee.pending.appendUTF8(name)
        state.pointee.pending.append(UInt8(ascii: ">"))
        state.pointee.pending.appendUTF8(text)
        state.pointee.pending.append(contentsOf: "</".utf8)
        state.pointee.pending.appendUTF8(name)
        state.pointee.pending.append(UInt8(ascii: ">"))
    }

    /// Hands the pending raw bytes to libxml2's writer, before any other call to it (closing a start tag written raw first).
    private func flushPending() {
        closeOpenStartTag()
        guard !state.pointee.pending.isEmpty else { return }
        _ = state.pointee.pending.withUnsafeBufferPointer { xmlTextWriterWriteRawLen(writer, $0.baseAddress, Int32($0.count)) }
        state.pointee.pending.removeAll(keepingCapacity: true)
    }

    /// Whether `text` is ASCII without a line break, as nearly every text is: libxml2 then writes its element in one call.
    private static func isASCIILine(_ text: String) -> Bool {
        text.withUTF8Bytes { bytes in !bytes.contains { $0 >= 0x80 || $0 == 0x0A } }
    }

    /// Whether the last line of a text with line breaks is blank (spaces only): the closing tag then
    /// starts a tag line, so the request indent goes before it, after the text's spaces.
    private static func endsWithBlankLine(_ text: String) -> Bool {
        text.utf8.contains(0x0A) && text.utf8.reversed().prefix { $0 != 0x0A }.allSatisfy { $0 == 0x20 }
    }

    /// A text through libxml2's escaping, each character outside ASCII as a character reference (after its
    /// start tag: nothing is pending).
    private func writeText(_ text: String) {
        var run = ""
        for scalar in text.unicodeScalars {
            if scalar.isASCII {
                run.unicodeScalars.append(scalar)
                continue
            }
            writeString(run)
            run = ""
            "&#\(scalar.value);".withXMLChars { xmlTextWriterWriteRaw(writer, $0) }
        }
        writeString(run)
    }

    private func writeString(_ text: String) {
        guard !text.isEmpty else { return }
        text.withXMLChars { xmlTextWriterWriteString(writer, $0) }
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
        if state.pointee.rawNames.removeLast() != nil {
            writeEndTag(name)
        } else {
            xmlTextWriterFullEndElement(writer)
        }
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
    public func finish() -> Data {
        flushPending()
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

    /// Adds `count` bytes of a line break and spaces to the pending bytes, without the line break unless `breakingLine`.
    private func writeBytes(count: Int, breakingLine: Bool) {
        guard count > 0 else { return }
        closeOpenStartTag()
        var start = breakingLine ? 0 : 1
        var remaining = count
        while remaining > 0 {
            let piece = min(remaining, lineBreak.count - start)
            state.pointee.pending.append(contentsOf: UnsafeBufferPointer(rebasing: lineBreak[start..<(start + piece)]))
            remaining -= piece
            start = 1
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
