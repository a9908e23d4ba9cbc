import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import NIOPosix
import NIOSSL
import Testing
@testable import RunACallConnector
@testable import RunACallQuickBooks
@testable import RunACallSupport
@testable import RunACallRender

/// The Web Connector service served in-process on a free loopback port for one
/// test, and a QBWC that calls it over real HTTP as QBWC does: SOAP 1.1
/// envelopes of the Programmer's Guide, with their `SOAPAction` header.
struct RunningConnector {
    static let user = "accountant"
    static let password = "correct horse battery staple"

    let client: TestClient
    let service: ConnectorService
    /// The `Host` header sent, when the server checks it (the desk does).
    var host: String? = nil

    /// Records the user and password in the ledger, serves it, and runs `body` against it.
    static func with<T: Sendable>(ledger: URL, maxRequests: Int = 100, sessionTimeout: TimeInterval = 60,
                                  now: @escaping @Sendable () -> Date = { Date() }, tls: ConnectorServer.TLSFiles? = nil,
                                  clientTLS: TLSConfiguration? = nil,
                                  _ body: @Sendable (RunningConnector) async throws -> T) async throws -> T {
        try await onOwnExecutor {
            try await serve(ledger: ledger, maxRequests: maxRequests, sessionTimeout: sessionTimeout, now: now, tls: tls, clientTLS: clientTLS, body)
        }
    }

    private static func serve<T: Sendable>(ledger: URL, maxRequests: Int, sessionTimeout: TimeInterval, now: @escaping @Sendable () -> Date,
                                           tls: ConnectorServer.TLSFiles?, clientTLS: TLSConfiguration?,
                                           _ body: @Sendable (RunningConnector) async throws -> T) async throws -> T {
        let queue = ConnectorQueue(ledger: ledger)
        try ConnectorSettings.prepare(queue, user: user, password: password)
        let service = ConnectorService(ledger: ledger, maxRequests: maxRequests, sessionTimeout: sessionTimeout, now: now)
        let server = try ConnectorServer(service: service, port: 0, tls: tls)
        let (addresses, continuation) = AsyncStream.makeStream(of: String.self)
        let serving = Task(executorPreference: SerialQueueExecutor.current) { try await server.run { continuation.yield($0) } }
        defer { serving.cancel() }
        var iterator = addresses.makeAsyncIterator()
        let address = try #require(await iterator.next())
        let port = try #require(Int(address.split(separator: ":").last?.split(separator: "/").first ?? ""))
        let client = TestClient(host: ConnectorServer.loopback, port: port, configuration: .init(tlsConfiguration: clientTLS, timeout: .seconds(120), serverName: clientTLS == nil ? nil : "localhost"),
                                eventLoopGroupProvider: .shared(MultiThreadedEventLoopGroup.singleton))
        client.connect()
        do {
            let result = try await body(RunningConnector(client: client, service: service))
            try await client.shutdown()
            return result
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    /// The envelope QBWC posts for `operation` with its parameters, in order.
    static func envelope(_ operation: String, _ parameters: [(String, String)]) -> String {
        let inner = parameters.map { "<\($0.0)>\(escaped($0.1))</\($0.0)>" }.joined()
        return """
        <?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" \
        xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema"><soap:Body>\
        <\(operation) xmlns="http://developer.intuit.com/">\(inner)</\(operation)></soap:Body></soap:Envelope>
        """
    }

    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }

    /// Posts a raw body to /qbwc.
    func post(_ body: String, soapAction: String?) async throws -> TestClient.Response {
        var headers: HTTPFields = [.contentType: "text/xml; charset=utf-8"]
        if let soapAction { headers[HTTPField.Name("SOAPAction")!] = "\"\(soapAction)\"" }
        if let host { headers[HTTPField.Name("Host")!] = host }
        return try await client.post("/qbwc", headers: headers, body: ByteBuffer(string: body))
    }

    /// Calls an operation as QBWC does; the result element's texts (one for a string or an int, each `string` for an array).
    func call(_ operation: String, _ parameters: [(String, String)] = []) async throws -> [String] {
        let response = try await post(Self.envelope(operation, parameters), soapAction: "http://developer.intuit.com/\(operation)")
        #expect(response.status == .ok, "\(operation): \(response.text)")
        let document = try TestXML.document(Data(response.text.utf8), from: "the answer to \(operation)")
        let result = try #require(try document.nodes(forXPath: "//*[local-name()='\(operation)Result']").first as? XMLElement)
        let strings = (result.children ?? []).compactMap { $0 as? XMLElement }.filter { $0.localName == "string" }
        return strings.isEmpty ? [result.stringValue ?? ""] : strings.map { $0.stringValue ?? "" }
    }

    func authenticate(user: String = Self.user, password: String = Self.password) async throws -> (ticket: String, status: String) {
        let result = try await call("authenticate", [("strUserName", user), ("strPassword", password)])
        return (result.first ?? "", result.count > 1 ? result[1] : "")
    }

    func sendRequestXML(_ ticket: String) async throws -> String {
        try await call("sendRequestXML", [("ticket", ticket), ("strHCPResponse", ""), ("strCompanyFileName", "C:\\Books\\Company.qbw"),
                                          ("qbXMLCountry", "US"), ("qbXMLMajorVers", "13"), ("qbXMLMinorVers", "0")])[0]
    }

    func receiveResponseXML(_ ticket: String, response: String, hresult: String = "", message: String = "") async throws -> Int {
        Int(try await call("receiveResponseXML", [("ticket", ticket), ("response", response), ("hresult", hresult), ("message", message)])[0]) ?? -999
    }

    /// One update as QBWC runs it: authenticate, then documents to QuickBooks and answers back until 100 % or an error,
    /// then closeConnection. `lose` drops QuickBooks' answer to the document of that number (1 = the first), as when
    /// QBWC or the network fails after QuickBooks applied it: QBWC then reports a connectionError.
    /// Returns the authenticate status and the percentages.
    @discardableResult
    func update(_ quickBooks: FakeQuickBooks, lose: Int? = nil) async throws -> (status: String, percentages: [Int], requests: [String]) {
        let (ticket, status) = try await authenticate()
        guard status.isEmpty else { return (status, [], []) }
        var percentages: [Int] = []
        var documents: [String] = []
        while true {
            let requests = try await sendRequestXML(ticket)
            guard !requests.isEmpty else {
                _ = try await call("getLastError", [("ticket", ticket)])
                break
            }
            documents.append(requests)
            let file = try TestPaths.temporaryFolder().appendingPathComponent("requests.xml")
            try Data(requests.utf8).write(to: file)
            let response = try quickBooks.process(requests: file)
            if documents.count == lose {
                _ = try await call("connectionError", [("ticket", ticket), ("hresult", "0x80040408"), ("message", "Could not start QuickBooks.")])
                return (status, percentages, documents)
            }
            let percentage = try await receiveResponseXML(ticket, response: response)
            percentages.append(percentage)
            if percentage < 0 { _ = try await call("getLastError", [("ticket", ticket)]) }
            if percentage >= 100 || percentage < 0 { break }
        }
        _ = try await call("closeConnection", [("ticket", ticket)])
        return (status, percentages, documents)
    }
}
