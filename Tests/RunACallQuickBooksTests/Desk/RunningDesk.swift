import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOPosix
import Testing
import RunACallConnector
@testable import RunACallDesk
@testable import RunACallQuickBooks
@testable import RunACallDecide
@testable import RunACallRender

/// A desk served in-process on a free loopback port for the length of one
/// test, driven over real HTTP by Hummingbird's test client.
struct RunningDesk {
    let port: Int
    let secrets: DeskSecrets
    let settings: DeskSettings

    /// Known secrets, so that tests can present right and wrong ones.
    static let testSecrets = DeskSecrets(startToken: String(repeating: "a1", count: 32), session: String(repeating: "5e", count: 32),
                                         csrf: String(repeating: "cf", count: 32))

    /// Serves a desk over `configFile` (which need not exist) and runs `body` against it, then stops it.
    static func with<T: Sendable>(configFile: URL? = nil, maxUpload: Int = DeskSettings.defaultMaxUpload, connector: ConnectorService? = nil,
                                  _ body: @Sendable (RunningDesk, TestClient) async throws -> T) async throws -> T {
        try await onOwnExecutor { try await serve(configFile: configFile, maxUpload: maxUpload, connector: connector, body) }
    }

    private static func serve<T: Sendable>(configFile: URL?, maxUpload: Int, connector: ConnectorService?,
                                           _ body: @Sendable (RunningDesk, TestClient) async throws -> T) async throws -> T {
        let folder = try TestPaths.temporaryFolder()
        let file = configFile ?? folder.appendingPathComponent("rac2qb.yml")
        let configuration = FileManager.default.fileExists(atPath: file.path) ? try ConfigurationLoader.load(contentsOf: file) : Configuration()
        let settings = DeskSettings(port: 0, configFile: file, configuration: configuration, workspace: nil, maxUpload: maxUpload)
        let server = DeskServer(settings: settings, secrets: testSecrets, connector: connector)
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let serving = Task(executorPreference: SerialQueueExecutor.current) { try await server.run { continuation.yield($0) } }
        defer { serving.cancel() }
        var iterator = ports.makeAsyncIterator()
        let port = try #require(await iterator.next())
        let desk = RunningDesk(port: port, secrets: testSecrets, settings: settings)
        let client = TestClient(host: DeskServer.loopback, port: port, configuration: .init(timeout: .seconds(120)), eventLoopGroupProvider: .shared(MultiThreadedEventLoopGroup.singleton))
        client.connect()
        do {
            let result = try await body(desk, client)
            try await client.shutdown()
            return result
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    var host: String { "127.0.0.1:\(port)" }
    var origin: String { "http://127.0.0.1:\(port)" }

    /// The headers of a browser that opened the start URL: the right Host and the session cookie.
    var signedIn: HTTPFields { [.hostHeader: host, .cookie: "\(DeskAccess<DeskContext>.cookieName)=\(secrets.session)"] }

    /// `signedIn` plus the Origin and CSRF token every state-changing request needs.
    var changing: HTTPFields {
        var fields = signedIn
        fields[.origin] = origin
        fields[HTTPField.Name("X-CSRF-Token")!] = secrets.csrf
        return fields
    }
}

extension TestClient.Response {
    /// The body as text.
    var text: String { body.map { String(buffer: $0) } ?? "" }

    /// The JSON error code of a refusal (`{"error": {"code": ...}}`).
    var errorCode: String? {
        let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        return (object?["error"] as? [String: Any])?["code"] as? String
    }
}

extension HTTPField.Name {
    /// `Host`, which HTTPTypes keeps as the request's authority; the test client sends it as written.
    static var hostHeader: Self { Self("Host")! }
}

extension RunningDesk {
    /// A `multipart/form-data` body of files (each part named as the browser would send it, `sentName` giving the name
    /// the part carries) and the headers of a state-changing request that sends it.
    func form(_ files: [(sentName: String, contents: URL)]) throws -> (headers: HTTPFields, body: ByteBuffer) {
        let boundary = "rac2qbTestBoundary"
        var body = Data()
        for file in files {
            body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"files\"; filename=\"\(file.sentName)\"\r\n\r\n".utf8))
            body.append(try Data(contentsOf: file.contents))
            body.append(Data("\r\n".utf8))
        }
        body.append(Data("--\(boundary)--\r\n".utf8))
        var headers = changing
        headers[.contentType] = "multipart/form-data; boundary=\(boundary)"
        return (headers, ByteBuffer(bytes: body))
    }
}
