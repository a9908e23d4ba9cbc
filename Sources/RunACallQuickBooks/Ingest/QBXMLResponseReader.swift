import Foundation

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
        var current: (response: QBResponse, depth: Int)?
        var sawResponses = false
        try XMLStream.read(url, label: url.path) { event, path, node in
            switch event {
            case .start(let name, let isEmpty):
                if name == "QBXMLMsgsRs" { sawResponses = true }
                guard current == nil, path.last == "QBXMLMsgsRs", name.hasSuffix("Rs") else { return }
                let response = QBResponse(
                    requestID: node.attribute("requestID") ?? "", kind: name,
                    statusCode: Int(node.attribute("statusCode") ?? "") ?? -1,
                    severity: node.attribute("statusSeverity") ?? "", message: node.attribute("statusMessage") ?? "",
                    line: node.line)
                if isEmpty { try body(response) } else { current = (response, path.count) }
            case .text(let text):
                guard current != nil, let element = path.last, path.count >= 2 else { return }
                let parent = path[path.count - 2]
                guard parent.hasSuffix("Ret") || parent.hasSuffix("Rs") else { return }
                switch element {
                case "TxnID" where current?.response.txnID == nil: current?.response.txnID = text
                case "ListID" where current?.response.listID == nil: current?.response.listID = text
                case "EditSequence" where current?.response.editSequence == nil: current?.response.editSequence = text
                default: break
                }
            case .end:
                if let (response, depth) = current, depth == path.count {
                    try body(response)
                    current = nil
                }
            }
        }
        guard sawResponses else {
            throw FatalError(.unreadableInput, "\(url.path): no <QBXMLMsgsRs> element: not a qbXML response file (a request file has <QBXMLMsgsRq>)")
        }
    }
}
