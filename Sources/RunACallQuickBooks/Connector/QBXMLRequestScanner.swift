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

/// Where a scan of a qbXML request file ended: the version the file declares, and the byte offset just past the
/// last request it read (where the next scan resumes).
struct ScanEnd: Equatable {
    var version: String?
    var offset: Int64
}

/// Reads the requests of a qbXML request file one at a time with libxml2's push parser (no network, no DTD, no
/// entity substitution), each request's subtree freed once read, so a file of any size is read in constant memory.
/// A scan can resume at the byte offset where an earlier one ended (between two requests of the file): the
/// parser is then handed the document's opening elements and the file from that offset, so handing out a
/// document costs what its own requests cost, not the file before them.
enum QBXMLRequestScanner {
    /// Each request `wanted` takes, in file order from byte `offset` (0, or where an earlier scan ended: `version`
    /// is then the version that scan read); `defines` is told every request's macro (`defMacro`, wanted or not).
    /// `body` gets the request and the byte offset where it starts (a scan may resume there), and returns false to
    /// stop after it. `macro` gives the TxnID for a macro used by a request, when known.
    static func scan(_ url: URL, from offset: Int64 = 0, version: String? = nil, wanted: (String) throws -> Bool,
                     defines: (_ macro: String, _ requestID: String) -> Void, macro: (String) throws -> String?,
                     _ body: (ScannedRequest, _ start: Int64) throws -> Bool) throws -> ScanEnd {
        xmlInitParser()
        let handle: FileHandle
        do {
            handle = try FileHandle(forReadingFrom: url)
            try handle.seek(toOffset: UInt64(offset))
        } catch {
            throw FatalError(.unreadableInput, "\(url.path): cannot be read (\(error.localizedDescription))")
        }
        defer { try? handle.close() }
        let opening = offset == 0 ? "" : "<?xml version=\"1.0\" encoding=\"utf-8\"?><QBXML><QBXMLMsgsRq>"
        return try withoutActuallyEscaping(wanted) { wanted in
            try withoutActuallyEscaping(defines) { defines in
                try withoutActuallyEscaping(macro) { macro in
                    try withoutActuallyEscaping(body) { body in
                        let state = PushScan(url: url, offset: offset, opening: opening, version: version) { node, name, start in
                            let requestID = Self.attribute(node, "requestID") ?? ""
                            if let record = Self.record(node, name: name), let defined = Self.attribute(record, "defMacro") { defines(defined, requestID) }
                            guard try wanted(requestID) else { return true }
                            return try body(try Self.request(node, name: name, macro: macro), start)
                        }
                        return try state.run(handle)
                    }
                }
            }
        }
    }

    /// A request element read by the parser, its foreign macros replaced (the element is freed after).
    private static func request(_ node: xmlNodePtr, name: String, macro: (String) throws -> String?) throws -> ScannedRequest {
        var request = ScannedRequest(element: name, requestID: Self.attribute(node, "requestID") ?? "", xml: "", fields: [:])
        let record = Self.record(node, name: name) ?? node
        for child in Self.elements(record) {
            let childName = Self.name(child)
            if ["RefNumber", "Name", "Memo", "TxnDate", "TxnID", "ListID", "EditSequence"].contains(childName) {
                request.fields[childName] = Self.text(child)
            }
        }
        try Self.replaceMacros(in: node, macro: macro)
        request.xml = Self.serialized(node, node.pointee.doc)
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
