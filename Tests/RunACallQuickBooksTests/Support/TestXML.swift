import CLibXML2
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Foundation's `XMLDocument` for the tests, made from text that libxml2 found well formed first.
///
/// On Linux, `XMLDocument(data:)` does not check what libxml2 gave back: on text that is not well-formed XML
/// (an empty answer, a cut-off file) it dereferences a null document and the whole test run dies. Foundation's
/// `XMLParser` is no guard (it takes some of that text). Asking libxml2 first turns it into one test's failure
/// that names the source, libxml2's error and the text.
enum TestXML {
    struct NotWellFormed: Error, CustomStringConvertible {
        let description: String
    }

    /// The document of `data`, read from `source` (a file, an answer); throws `NotWellFormed` when it is not XML.
    static func document(_ data: Data, from source: String) throws -> XMLDocument {
        if let problem = problem(in: data) {
            let text = String(decoding: data.prefix(200), as: UTF8.self)
            throw NotWellFormed(description: "\(source) is not well-formed XML (\(problem), \(data.count) bytes): \(text)")
        }
        return try XMLDocument(data: data)
    }

    /// The document of the file at `url`.
    static func document(contentsOf url: URL) throws -> XMLDocument {
        try document(Data(contentsOf: url), from: url.path)
    }

    /// libxml2's words for why `data` is not a well-formed document (no network, no entity substitution); nil when it is.
    private static func problem(in data: Data) -> String? {
        guard !data.isEmpty else { return "no text at all" }
        xmlInitParser()
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
        let document = data.withUnsafeBytes { bytes in
            xmlReadMemory(bytes.baseAddress!.assumingMemoryBound(to: CChar.self), Int32(bytes.count), "test.xml", nil, options)
        }
        guard let document else {
            guard let error = xmlGetLastError(), let message = error.pointee.message else { return "libxml2 gave no reason" }
            return "line \(error.pointee.line): \(String(cString: message).trimmingCharacters(in: .whitespacesAndNewlines))"
        }
        xmlFreeDoc(document)
        return nil
    }
}
