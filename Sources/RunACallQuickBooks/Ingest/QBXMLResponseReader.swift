import Foundation
internal import CLibXML2

/// One response of a qbXML response document: the `*Rs` element QuickBooks
/// answered one request with, its status, and the identity of what it made.
struct QBResponse: Equatable {
    /// The request's requestID, echoed by QuickBooks.
    var requestID: String
    /// The response element (`InvoiceAddRs`, `TxnVoidRs`…).
    var kind: String
    var statusCode: Int
    /// `Info`, `Warn` or `Error`.
    var severity: String
    var message: String
    var txnID: String?
    var listID: String?
    var editSequence: String?
    /// The line of the response in its file.
    var line: Int

    /// QuickBooks refused the request (severity `Error`); warnings and "no match" are not refusals.
    var isError: Bool { severity.caseInsensitiveCompare("Error") == .orderedSame }
}

/// Reads the qbXML responses QuickBooks (through the Web Connector or the
/// SDK) returned for a request file, with libxml2's streaming reader, so a
/// response file of any size fits. Responses are not schema-validated:
/// QuickBooks returns values newer than the 13.0 schema knows.
enum QBXMLResponseReader {
    static func read(_ url: URL, _ body: (QBResponse) throws -> Void) throws {
        xmlInitParser()
        guard let reader = xmlReaderForFile(url.path, nil, Int32(XML_PARSE_NONET.rawValue)) else {
            throw FatalError(.unreadableInput, "\(url.path): cannot be opened as XML")
        }
        defer { xmlFreeTextReader(reader) }
        var path: [String] = []
        var current: (response: QBResponse, depth: Int)?
        var sawResponses = false
        while true {
            let status = xmlTextReaderRead(reader)
            if status == 0 { break }
            guard status == 1 else {
                throw FatalError(.unreadableInput, "\(url.path):\(xmlTextReaderGetParserLineNumber(reader)): not well-formed XML")
            }
            let name = xmlTextReaderConstLocalName(reader).map { String(cString: $0) } ?? ""
            switch xmlTextReaderNodeType(reader) {
            case 1: // element
                let isEmpty = xmlTextReaderIsEmptyElement(reader) == 1
                if name == "QBXMLMsgsRs" { sawResponses = true }
                if current == nil, path.last == "QBXMLMsgsRs", name.hasSuffix("Rs") {
                    let response = QBResponse(
                        requestID: attribute(reader, "requestID") ?? "", kind: name,
                        statusCode: Int(attribute(reader, "statusCode") ?? "") ?? -1,
                        severity: attribute(reader, "statusSeverity") ?? "", message: attribute(reader, "statusMessage") ?? "",
                        line: Int(xmlGetLineNo(xmlTextReaderCurrentNode(reader))))
                    if isEmpty { try body(response) } else { current = (response, path.count) }
                }
                if !isEmpty { path.append(name) }
            case 3, 4: // text, CDATA
                guard current != nil, let element = path.last, path.count >= 2 else { continue }
                let parent = path[path.count - 2]
                guard parent.hasSuffix("Ret") || parent.hasSuffix("Rs") else { continue }
                let text = xmlTextReaderConstValue(reader).map { String(cString: $0) }?
                    .trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
                switch element {
                case "TxnID" where current?.response.txnID == nil: current?.response.txnID = text
                case "ListID" where current?.response.listID == nil: current?.response.listID = text
                case "EditSequence" where current?.response.editSequence == nil: current?.response.editSequence = text
                default: break
                }
            case 15: // end of element
                path.removeLast()
                if let (response, depth) = current, depth == path.count {
                    try body(response)
                    current = nil
                }
            default: break
            }
        }
        guard sawResponses else {
            throw FatalError(.unreadableInput, "\(url.path): no <QBXMLMsgsRs> element: not a qbXML response file (a request file has <QBXMLMsgsRq>)")
        }
    }

    private static func attribute(_ reader: xmlTextReaderPtr, _ name: String) -> String? {
        guard xmlTextReaderMoveToAttribute(reader, name) == 1 else { return nil }
        defer { xmlTextReaderMoveToElement(reader) }
        return xmlTextReaderConstValue(reader).map { String(cString: $0) }
    }
}
