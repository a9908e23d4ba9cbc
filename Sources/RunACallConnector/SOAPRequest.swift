import Foundation
internal import CLibXML2

/// A SOAP 1.1 call of the Web Connector: the operation (the element in the
/// body, namespace `http://developer.intuit.com/`) and its parameters by name.
/// Parsed with libxml2 without network access, DTD loading or entity
/// substitution; a body that declares a DOCTYPE (the carrier of XXE and of
/// entity expansion) is refused before it is parsed.
struct SOAPRequest: Equatable {
    static let envelopeNamespace = "http://schemas.xmlsoap.org/soap/envelope/"
    static let intuitNamespace = "http://developer.intuit.com/"

    /// Why a body is not a Web Connector call; said in the SOAP fault.
    struct Refusal: Error, Equatable {
        let reason: String
    }

    let operation: String
    let parameters: [String: String]

    init(operation: String, parameters: [String: String]) {
        self.operation = operation
        self.parameters = parameters
    }

    init(_ body: [UInt8]) throws(Refusal) {
        if Self.contains(body, Array("<!DOCTYPE".utf8)) || Self.contains(body, Array("<!ENTITY".utf8)) {
            throw Refusal(reason: "a DOCTYPE or an entity declaration is never taken (no DTD, no entities)")
        }
        xmlInitParser()
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOBLANKS.rawValue)
        guard !body.isEmpty, let document = body.withUnsafeBufferPointer({ buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: body.count) {
                xmlReadMemory($0, Int32(body.count), "request.xml", nil, options)
            }
        }) else { throw Refusal(reason: "the body is not well-formed XML") }
        defer { xmlFreeDoc(document) }
        guard document.pointee.intSubset == nil else { throw Refusal(reason: "a DOCTYPE is never taken") }
        guard let envelope = xmlDocGetRootElement(document), Self.name(envelope) == "Envelope",
              Self.namespace(envelope) == Self.envelopeNamespace else {
            throw Refusal(reason: "not a SOAP 1.1 envelope (\(Self.envelopeNamespace))")
        }
        guard let soapBody = Self.children(envelope).first(where: { Self.name($0) == "Body" && Self.namespace($0) == Self.envelopeNamespace }),
              let call = Self.children(soapBody).first else {
            throw Refusal(reason: "the SOAP envelope has no Body with an operation")
        }
        guard Self.namespace(call) == Self.intuitNamespace else {
            throw Refusal(reason: "the operation \(Self.name(call)) is not in the namespace \(Self.intuitNamespace)")
        }
        operation = Self.name(call)
        var parameters: [String: String] = [:]
        for parameter in Self.children(call) {
            parameters[Self.name(parameter)] = Self.text(parameter)
        }
        self.parameters = parameters
    }

    private static func contains(_ bytes: [UInt8], _ needle: [UInt8]) -> Bool {
        guard bytes.count >= needle.count else { return false }
        for start in 0...(bytes.count - needle.count) where bytes[start] == needle[0] {
            if Array(bytes[start..<(start + needle.count)]) == needle { return true }
        }
        return false
    }

    private static func children(_ node: xmlNodePtr) -> [xmlNodePtr] {
        var result: [xmlNodePtr] = []
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE { result.append(current) }
            child = current.pointee.next
        }
        return result
    }

    private static func name(_ node: xmlNodePtr) -> String { node.pointee.name.map { String(cString: $0) } ?? "" }

    private static func namespace(_ node: xmlNodePtr) -> String? { node.pointee.ns?.pointee.href.map { String(cString: $0) } }

    private static func text(_ node: xmlNodePtr) -> String {
        guard let value = xmlNodeGetContent(node) else { return "" }
        defer { rac2qb_xmlFree(value) }
        return String(cString: value)
    }
}
