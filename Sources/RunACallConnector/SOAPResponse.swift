import Foundation
internal import CLibXML2

/// SOAP 1.1 answers of the service, written with libxml2's writer (every
/// value escaped by it): `<operationResponse><operationResult>…`.
enum SOAPResponse {
    /// The result of an operation: a string, an int, or a string array (`authenticate`).
    enum Result {
        case string(String)
        case int(Int)
        case strings([String])
    }

    static func envelope(operation: String, result: Result) -> String {
        write { writer in
            xmlTextWriterStartElementNS(writer, nil, "\(operation)Response", SOAPRequest.intuitNamespace)
            xmlTextWriterStartElement(writer, "\(operation)Result")
            switch result {
            case .string(let text): xmlTextWriterWriteString(writer, text)
            case .int(let number): xmlTextWriterWriteString(writer, String(number))
            case .strings(let texts):
                for text in texts { xmlTextWriterWriteElement(writer, "string", text) }
            }
            xmlTextWriterEndElement(writer)
            xmlTextWriterEndElement(writer)
        }
    }

    /// A SOAP fault: `soap:Client` for a call that is not one, `soap:Server` for a failure of the service.
    static func fault(client: Bool, _ message: String) -> String {
        write { writer in
            xmlTextWriterStartElementNS(writer, "soap", "Fault", nil)
            xmlTextWriterWriteElement(writer, "faultcode", client ? "soap:Client" : "soap:Server")
            xmlTextWriterWriteElement(writer, "faultstring", message)
            xmlTextWriterEndElement(writer)
        }
    }

    private static func write(_ body: (xmlTextWriterPtr) -> Void) -> String {
        xmlInitParser()
        guard let buffer = xmlBufferCreate() else { return "" }
        defer { xmlBufferFree(buffer) }
        guard let writer = xmlNewTextWriterMemory(buffer, 0) else { return "" }
        xmlTextWriterStartDocument(writer, "1.0", "utf-8", nil)
        xmlTextWriterStartElementNS(writer, "soap", "Envelope", SOAPRequest.envelopeNamespace)
        xmlTextWriterWriteAttributeNS(writer, "xmlns", "xsi", nil, "http://www.w3.org/2001/XMLSchema-instance")
        xmlTextWriterWriteAttributeNS(writer, "xmlns", "xsd", nil, "http://www.w3.org/2001/XMLSchema")
        xmlTextWriterStartElementNS(writer, "soap", "Body", nil)
        body(writer)
        xmlTextWriterEndDocument(writer)
        xmlFreeTextWriter(writer)
        return xmlBufferContent(buffer).map { String(cString: $0) } ?? ""
    }
}
