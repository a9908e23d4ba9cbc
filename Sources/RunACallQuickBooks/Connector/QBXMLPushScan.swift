import Foundation
internal import CLibXML2

/// One scan of a qbXML request file by libxml2's push parser: the parser's
/// own tree builder (SAX2) with its element handlers wrapped, so that each
/// request (an element of `QBXML/QBXMLMsgsRq`) is handed over as soon as its
/// end tag is read, with the exact byte offsets where it starts and ends, and
/// freed after. No network, no DTD (a DOCTYPE is refused), no entity substitution.
final class PushScan {
    /// Takes a request element (freed after), its name and the byte offset where it starts; false stops the scan.
    typealias Handler = (_ request: xmlNodePtr, _ name: String, _ start: Int64) throws -> Bool

    private let url: URL
    /// The file offset of the first byte handed to the parser (negative by the opening elements given before a resumed scan's bytes).
    private let base: Int64
    private let handler: Handler
    private var version: String?
    /// The file offset just past the last request read (where the scan began, before the first).
    private var lastEnd: Int64
    private var depth = 0
    /// The names of the two outer elements (`QBXML`, `QBXMLMsgsRq`).
    private var outer: [String] = []
    private var stopped = false
    private var failure: Error?
    private var originalStart: startElementNsSAX2Func?
    private var originalEnd: endElementNsSAX2Func?

    /// The text given to the parser before the file's bytes (the opening elements, for a scan resumed mid-file).
    private let opening: String

    /// A scan of the file from byte `offset` (where `handle` stands), the parser given `opening` first.
    init(url: URL, offset: Int64, opening: String, version: String?, handler: @escaping Handler) {
        self.url = url
        self.opening = opening
        base = offset - Int64(opening.utf8.count)
        self.version = version
        lastEnd = offset
        self.handler = handler
    }

    /// Parses the opening, then the file from where `handle` stands to its end or until the handler stops.
    func run(_ handle: FileHandle) throws -> ScanEnd {
        guard let context = xmlCreatePushParserCtxt(nil, nil, nil, 0, url.path) else {
            throw FatalError(.unreadableInput, "\(url.path): the XML parser could not start (out of memory)")
        }
        defer {
            if let document = context.pointee.myDoc { xmlFreeDoc(document) }
            xmlFreeParserCtxt(context)
        }
        xmlCtxtUseOptions(context, Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue))
        install(context)
        return try withExtendedLifetime(self) {
            try push(context, Data(opening.utf8), terminate: false)
            while !stopped {
                let chunk: Data
                do { chunk = try handle.read(upToCount: 1 << 16) ?? Data() } catch {
                    throw FatalError(.unreadableInput, "\(url.path): cannot be read (\(error.localizedDescription))")
                }
                if chunk.isEmpty { break }
                try push(context, chunk, terminate: false)
            }
            if !stopped { try push(context, Data(), terminate: true) }
            if let failure { throw failure }
            return ScanEnd(version: version, offset: lastEnd)
        }
    }

    private func push(_ context: xmlParserCtxtPtr, _ bytes: Data, terminate: Bool) throws {
        guard !bytes.isEmpty || terminate else { return }
        let code = bytes.withUnsafeBytes { buffer in
            xmlParseChunk(context, buffer.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(buffer.count), terminate ? 1 : 0)
        }
        guard !stopped else { return }
        if code != 0 {
            throw FatalError(.unreadableInput, "\(url.path): not well-formed XML (near byte \(base + Int64(xmlByteConsumed(context))))")
        }
    }

    private func stop(_ context: xmlParserCtxtPtr, _ error: Error? = nil) {
        failure = failure ?? error
        stopped = true
        xmlStopParser(context)
    }

    private static func scan(_ pointer: UnsafeMutableRawPointer?) -> (PushScan, xmlParserCtxtPtr)? {
        guard let context = pointer?.assumingMemoryBound(to: xmlParserCtxt.self), let state = context.pointee._private else { return nil }
        return (Unmanaged<PushScan>.fromOpaque(state).takeUnretainedValue(), context)
    }

    /// Wraps the tree builder's element handlers, and reads the `qbxml` processing instruction and any DOCTYPE.
    private func install(_ context: xmlParserCtxtPtr) {
        context.pointee._private = Unmanaged.passUnretained(self).toOpaque()
        let sax = context.pointee.sax!
        originalStart = sax.pointee.startElementNs
        originalEnd = sax.pointee.endElementNs
        sax.pointee.startElementNs = { pointer, name, prefix, uri, namespaceCount, namespaces, attributeCount, defaulted, attributes in
            guard let (scan, _) = PushScan.scan(pointer) else { return }
            scan.originalStart?(pointer, name, prefix, uri, namespaceCount, namespaces, attributeCount, defaulted, attributes)
            scan.depth += 1
            if scan.depth <= 2 { scan.outer.append(name.map { String(cString: $0) } ?? "") }
        }
        sax.pointee.endElementNs = { pointer, name, prefix, uri in
            guard let (scan, context) = PushScan.scan(pointer) else { return }
            scan.originalEnd?(pointer, name, prefix, uri)
            defer { scan.depth -= 1 }
            guard scan.depth == 3, scan.outer == ["QBXML", "QBXMLMsgsRq"], let parent = context.pointee.node, let request = parent.pointee.last else { return }
            scan.ended(request, name: name.map { String(cString: $0) } ?? "", parent: parent, context: context)
        }
        sax.pointee.processingInstruction = { pointer, target, data in
            guard let (scan, _) = PushScan.scan(pointer), scan.depth == 0, let target, String(cString: target) == "qbxml", let data else { return }
            scan.version = String(cString: data).components(separatedBy: "\"").dropFirst().first
        }
        sax.pointee.internalSubset = { pointer, _, _, _ in
            guard let (scan, context) = PushScan.scan(pointer) else { return }
            scan.stop(context, FatalError(.unreadableInput, "\(scan.url.path): holds a DOCTYPE; rac2qb request files have none"))
        }
    }

    /// A request's end tag was read: hands it over, then frees what the parent holds (the request, the blanks between).
    private func ended(_ request: xmlNodePtr, name: String, parent: xmlNodePtr, context: xmlParserCtxtPtr) {
        let end = base + Int64(xmlByteConsumed(context))
        let start = lastEnd
        lastEnd = end
        do {
            if try !handler(request, name, start) { stop(context) }
        } catch {
            stop(context, error)
        }
        var child = parent.pointee.children
        while let current = child {
            child = current.pointee.next
            xmlUnlinkNode(current)
            xmlFreeNode(current)
        }
    }
}
