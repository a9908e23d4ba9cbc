import Foundation
internal import CLibXML2

/// Validates qbXML documents against Intuit's qbXML XSD in-process with
/// libxml2, streaming the document (no tree is built, so any size works).
public final class QBXMLSchemaValidator: @unchecked Sendable {
    /// The schema's entry point inside its folder.
    public static let entryPoint = "qbxmlops130.xsd"

    private let schema: xmlSchemaPtr
    private let lock = NSLock()

    /// Loads the schema from a folder holding `qbxmlops130.xsd` and its includes.
    public init(schemaDirectory: URL) throws {
        let path = schemaDirectory.appendingPathComponent(Self.entryPoint).path
        guard FileManager.default.fileExists(atPath: path) else {
            throw FatalError(.usage, "\(path): the qbXML schema is not there (give --schema DIR or RAC2QB_QBXML_SCHEMA)")
        }
        xmlInitParser()
        let collector = ErrorCollector()
        guard let parser = xmlSchemaNewParserCtxt(path) else { throw FatalError(.usage, "\(path): cannot open the schema") }
        defer { xmlSchemaFreeParserCtxt(parser) }
        xmlSchemaSetParserStructuredErrors(parser, ErrorCollector.handler, Unmanaged.passUnretained(collector).toOpaque())
        guard let schema = withExtendedLifetime(collector, { xmlSchemaParse(parser) }) else {
            throw FatalError(.usage, "\(path): the schema does not compile: \(collector.messages.prefix(3).joined(separator: "; "))")
        }
        self.schema = schema
    }

    deinit { xmlSchemaFree(schema) }

    /// The schema errors of a file, as `file:line: message`; empty when valid.
    public func validate(file: URL) -> [String] {
        lock.lock()
        defer { lock.unlock() }
        let collector = ErrorCollector()
        guard let context = xmlSchemaNewValidCtxt(schema) else { return ["\(file.path): cannot create a validation context"] }
        defer { xmlSchemaFreeValidCtxt(context) }
        xmlSchemaSetValidStructuredErrors(context, ErrorCollector.handler, Unmanaged.passUnretained(collector).toOpaque())
        let result = withExtendedLifetime(collector) { xmlSchemaValidateFile(context, file.path, 0) }
        if result != 0 && collector.messages.isEmpty { return ["\(file.path): not valid (libxml2 code \(result))"] }
        return collector.messages.map { "\(file.lastPathComponent):\($0)" }
    }
}

/// Gathers libxml2's structured errors.
private final class ErrorCollector {
    var messages: [String] = []

    static let handler: xmlStructuredErrorFunc = { userData, error in
        guard let userData, let error else { return }
        let collector = Unmanaged<ErrorCollector>.fromOpaque(userData).takeUnretainedValue()
        let message = error.pointee.message.map { String(cString: $0) }?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "error"
        collector.messages.append("\(error.pointee.line): \(message)")
    }
}
