import Foundation
internal import CLibXML2

/// One request of a qbXML request file, as the Web Connector hands it out.
struct ScannedRequest {
    /// `InvoiceAddRq`, `TxnVoidRq`…
    var element: String
    var requestID: String
    /// The request element as XML, its `useMacro` references to earlier documents already replaced by TxnIDs.
    var xml: String
    /// The record's own fields that identify it in QuickBooks: `RefNumber`, `Name`, `Memo`, `TxnDate`.
    var fields: [String: String]
}

/// Reads the requests of a qbXML request file one at a time with libxml2's
/// streaming reader (no network, no DTD, no entity substitution), so a file of
/// any size is read in constant memory.
enum QBXMLRequestScanner {
    /// The qbXML version the file declares (`<?qbxml version="13.0"?>`), and each request `wanted` takes, in file
    /// order; `defines` is told every request's macro (`defMacro`, wanted or not). `body` returns false to stop.
    /// `macro` gives the TxnID for a macro used by a request, when known.
    static func scan(_ url: URL, wanted: (String) -> Bool, defines: (_ macro: String, _ requestID: String) -> Void,
                     macro: (String) throws -> String?, _ body: (ScannedRequest) throws -> Bool) throws -> String? {
        xmlInitParser()
        let options = Int32(XML_PARSE_NONET.rawValue)
        guard let reader = xmlReaderForFile(url.path, nil, options) else {
            throw FatalError(.unreadableInput, "\(url.path): cannot be opened as XML")
        }
        defer { xmlFreeTextReader(reader) }
        var version: String?
        var depth: [String] = []
        var status = xmlTextReaderRead(reader)
        while status != 0 {
            guard status == 1 else {
                throw FatalError(.unreadableInput, "\(url.path):\(xmlTextReaderGetParserLineNumber(reader)): not well-formed XML")
            }
            let type = xmlTextReaderNodeType(reader)
            let name = xmlTextReaderConstLocalName(reader).map { String(cString: $0) } ?? ""
            switch type {
            case 10: // a DOCTYPE: never in a request file rac2qb wrote
                throw FatalError(.unreadableInput, "\(url.path): holds a DOCTYPE; rac2qb request files have none")
            case 7 where name == "qbxml":
                let value = xmlTextReaderConstValue(reader).map { String(cString: $0) } ?? ""
                version = value.components(separatedBy: "\"").dropFirst().first
            case 1 where depth == ["QBXML", "QBXMLMsgsRq"]:
                guard let node = xmlTextReaderExpand(reader) else {
                    throw FatalError(.unreadableInput, "\(url.path):\(xmlTextReaderGetParserLineNumber(reader)): not well-formed XML")
                }
                let requestID = Self.attribute(node, "requestID") ?? ""
                if let record = Self.record(node, name: name), let defined = Self.attribute(record, "defMacro") { defines(defined, requestID) }
                if wanted(requestID) {
                    guard try body(try Self.request(node, name: name, macro: macro)) else { return version }
                }
                // On to the next sibling, past this request's subtree.
                status = xmlTextReaderNext(reader)
                continue
            case 1:
                if xmlTextReaderIsEmptyElement(reader) != 1 { depth.append(name) }
            case 15:
                depth.removeLast()
            default:
                break
            }
            status = xmlTextReaderRead(reader)
        }
        return version
    }

    /// A request element copied out of the reader's document, its foreign macros replaced.
    private static func request(_ node: xmlNodePtr, name: String, macro: (String) throws -> String?) throws -> ScannedRequest {
        guard let document = xmlNewDoc("1.0"), let copy = xmlDocCopyNode(node, document, 1) else {
            throw FatalError(.unreadableInput, "a qbXML request could not be copied (out of memory)")
        }
        defer { xmlFreeDoc(document) }
        xmlDocSetRootElement(document, copy)
        var request = ScannedRequest(element: name, requestID: Self.attribute(copy, "requestID") ?? "", xml: "", fields: [:])
        let record = Self.record(copy, name: name) ?? copy
        for child in Self.elements(record) {
            let childName = Self.name(child)
            if ["RefNumber", "Name", "Memo", "TxnDate", "TxnID", "ListID", "EditSequence"].contains(childName) {
                request.fields[childName] = Self.text(child)
            }
        }
        try Self.replaceMacros(in: copy, macro: macro)
        request.xml = Self.serialized(copy, document)
        return request
    }

    /// The record element of a request (`InvoiceAdd` inside `InvoiceAddRq`); nil when it has none (`TxnVoidRq`).
    private static func record(_ request: xmlNodePtr, name: String) -> xmlNodePtr? {
        guard let first = elements(request).first, name.hasSuffix("Rq"), Self.name(first) == String(name.dropLast(2)) else { return nil }
        return first
    }

    /// Replaces each `useMacro` reference whose TxnID `macro` knows with that TxnID.
    private static func replaceMacros(in node: xmlNodePtr, macro: (String) throws -> String?) throws {
        for child in elements(node) {
            if let name = attribute(child, "useMacro") {
                if let txnID = try macro(name) {
                    xmlUnsetProp(child, "useMacro")
                    xmlNodeSetContent(child, txnID)
                }
            }
            try replaceMacros(in: child, macro: macro)
        }
    }

    static func elements(_ node: xmlNodePtr) -> [xmlNodePtr] {
        var result: [xmlNodePtr] = []
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE { result.append(current) }
            child = current.pointee.next
        }
        return result
    }

    static func name(_ node: xmlNodePtr) -> String { node.pointee.name.map { String(cString: $0) } ?? "" }

    static func attribute(_ node: xmlNodePtr, _ name: String) -> String? {
        guard let value = xmlGetProp(node, name) else { return nil }
        defer { rac2qb_xmlFree(value) }
        return String(cString: value)
    }

    static func text(_ node: xmlNodePtr) -> String {
        guard let value = xmlNodeGetContent(node) else { return "" }
        defer { rac2qb_xmlFree(value) }
        return String(cString: value)
    }

    static func serialized(_ node: xmlNodePtr, _ document: xmlDocPtr) -> String {
        guard let buffer = xmlBufferCreate() else { return "" }
        defer { xmlBufferFree(buffer) }
        xmlNodeDump(buffer, document, node, 0, 0)
        return xmlBufferContent(buffer).map { String(cString: $0) } ?? ""
    }
}
