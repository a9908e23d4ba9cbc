import Foundation
internal import CLibXML2

/// QuickBooks' answers to the lookup queries of the Web Connector, read with
/// libxml2 (no network, no DTD, no entity substitution).
struct QBXMLQueryAnswers {
    /// One record a query found.
    struct Found {
        /// `InvoiceRet`, `CustomerRet`…
        var element: String
        var txnID: String?
        var listID: String?
        var editSequence: String?
        var memo: String?
    }

    struct Answer {
        var statusCode: Int
        var found: [Found]
    }

    /// Answers by requestID.
    private(set) var answers: [String: Answer] = [:]

    init(_ text: String) throws {
        xmlInitParser()
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty, let document = bytes.withUnsafeBufferPointer({ buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                xmlReadMemory($0, Int32(bytes.count), "response.xml", nil, Int32(XML_PARSE_NONET.rawValue))
            }
        }) else {
            throw FatalError(.unreadableInput, "QuickBooks' answer to the lookups is not well-formed XML")
        }
        defer { xmlFreeDoc(document) }
        guard document.pointee.intSubset == nil, let root = xmlDocGetRootElement(document) else {
            throw FatalError(.unreadableInput, "QuickBooks' answer to the lookups holds a DOCTYPE or no element")
        }
        for messages in QBXMLRequestScanner.elements(root) where QBXMLRequestScanner.name(messages) == "QBXMLMsgsRs" {
            for response in QBXMLRequestScanner.elements(messages) {
                let id = QBXMLRequestScanner.attribute(response, "requestID") ?? ""
                let code = Int(QBXMLRequestScanner.attribute(response, "statusCode") ?? "") ?? -1
                let found = QBXMLRequestScanner.elements(response).map { ret -> Found in
                    var found = Found(element: QBXMLRequestScanner.name(ret))
                    for field in QBXMLRequestScanner.elements(ret) {
                        let value = QBXMLRequestScanner.text(field)
                        switch QBXMLRequestScanner.name(field) {
                        case "TxnID": found.txnID = value
                        case "ListID": found.listID = value
                        case "EditSequence": found.editSequence = value
                        case "Memo": found.memo = value
                        default: break
                        }
                    }
                    return found
                }
                answers[id] = Answer(statusCode: code, found: found)
            }
        }
    }
}
