import Foundation
internal import CLibXML2

/// libxml2's streaming reader (`xmlTextReader`) as a series of events, so an
/// XML file of any size is read in constant memory. No network access.
public enum XMLStream {
    public enum Event {
        /// An element opens; an empty one (`<a/>`) has no `end`.
        case start(String, isEmpty: Bool)
        /// Text or CDATA inside the innermost open element, trimmed.
        case text(String)
        case end(String)
    }

    /// The node an event is at: its attributes and line.
    public struct Node {
        fileprivate let reader: xmlTextReaderPtr

        public func attribute(_ name: String) -> String? {
            guard xmlTextReaderMoveToAttribute(reader, name) == 1 else { return nil }
            defer { xmlTextReaderMoveToElement(reader) }
            return xmlTextReaderConstValue(reader).map { String(cString: $0) }
        }

        public var line: Int { Int(xmlGetLineNo(xmlTextReaderCurrentNode(reader))) }
    }

    /// Calls `body` for each event with the names of the open elements: at a `start`
    /// those around it, at a `text` those down to its element, at an `end` those left open.
    /// `label` names the file in errors.
    public static func read(_ url: URL, label: String, _ body: (Event, [String], Node) throws -> Void) throws {
        xmlInitParser()
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
        guard let reader = xmlReaderForFile(url.path, nil, options) else {
            throw FatalError(.unreadableInput, "\(label): cannot be opened as XML")
        }
        defer { xmlFreeTextReader(reader) }
        // libxml2 would print its errors, with the input's raw bytes, on standard error: collect the first instead.
        let errors = ParserErrors()
        xmlTextReaderSetStructuredErrorHandler(reader, ParserErrors.handler, Unmanaged.passUnretained(errors).toOpaque())
        let node = Node(reader: reader)
        var path: [String] = []
        while true {
            let status = xmlTextReaderRead(reader)
            if status == 0 { return }
            guard status == 1 else {
                let cause = errors.first.map { " (\($0))" } ?? ""
                throw FatalError(.unreadableInput, "\(label):\(xmlTextReaderGetParserLineNumber(reader)): not well-formed XML\(cause)")
            }
            let name = xmlTextReaderConstLocalName(reader).map { String(cString: $0) } ?? ""
            switch xmlTextReaderNodeType(reader) {
            case 1: // element
                let isEmpty = xmlTextReaderIsEmptyElement(reader) == 1
                try body(.start(name, isEmpty: isEmpty), path, node)
                if !isEmpty { path.append(name) }
            case 3, 4: // text, CDATA
                let text = xmlTextReaderConstValue(reader).map { String(cString: $0) }?
                    .trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
                try body(.text(text), path, node)
            case 15: // end of element
                path.removeLast()
                try body(.end(name), path, node)
            default: break
            }
        }
    }
}

/// The first error libxml2 reports while reading, kept for the message instead of printed.
private final class ParserErrors {
    var first: String?

    static let handler: xmlStructuredErrorFunc = { userData, error in
        guard let userData, let error else { return }
        let errors = Unmanaged<ParserErrors>.fromOpaque(userData).takeUnretainedValue()
        guard errors.first == nil else { return }
        errors.first = error.pointee.message.map { String(cString: $0) }?.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
