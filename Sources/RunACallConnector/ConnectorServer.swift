import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOCore
import NIOSSL

/// `rac2qb connector`: the Web Connector service. Without TLS it listens on
/// this computer's loopback address only (QBWC accepts `http://localhost` for
/// a service on its own computer); with a certificate and its key it serves
/// HTTPS, on another address too (QBWC wants HTTPS for any other host).
public struct ConnectorServer: Sendable {
    /// The only address served without TLS.
    public static let loopback = "127.0.0.1"

    /// A PEM certificate (chain) and its private key.
    public struct TLSFiles: Sendable {
        public let certificate: String
        public let key: String
        public init(certificate: String, key: String) {
            self.certificate = certificate
            self.key = key
        }
    }

    /// Why the server cannot start as asked.
    public struct Refusal: Error, CustomStringConvertible {
        public let description: String
    }

    public let service: ConnectorService
    public let port: Int
    public let host: String
    public let tls: TLSFiles?

    /// A server on `host` (`127.0.0.1` unless `tls` is given: another address is refused without it).
    public init(service: ConnectorService, port: Int, host: String = Self.loopback, tls: TLSFiles? = nil) throws {
        guard tls != nil || host == Self.loopback || host == "localhost" else {
            throw Refusal(description: "--listen \(host) needs --tls-cert and --tls-key: without TLS the service listens on \(Self.loopback) only")
        }
        self.service = service
        self.port = port
        self.host = host == "localhost" ? Self.loopback : host
        self.tls = tls
    }

    /// Serves until the task is cancelled or the process gets SIGINT/SIGTERM; `listening` is told
    /// the full `/qbwc` address once the socket is open.
    public func run(listening: @escaping @Sendable (String) async -> Void) async throws {
        let bound = BoundAddress()
        var logger = Logger(label: "rac2qb.connector")
        logger.logLevel = .critical
        let router = Router(context: BasicRequestContext.self)
        ConnectorRoutes<BasicRequestContext>(service: service, address: { bound.value }).add(to: router)
        let scheme = tls == nil ? "http" : "https"
        let host = self.host
        let application = Application(
            router: router,
            server: try serverBuilder(),
            configuration: .init(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in
                let shown = host.contains(":") ? "[\(host)]" : host
                let address = "\(scheme)://\(shown):\(channel.localAddress?.port ?? 0)\(ConnectorRoutes<BasicRequestContext>.path)"
                bound.set(address)
                await listening(address)
            },
            logger: logger)
        defer { service.stop() }
        try await application.runService()
    }

    /// Plain HTTP/1.1, or HTTP/1.1 over TLS with the certificate and key read from their PEM files.
    private func serverBuilder() throws -> HTTPServerBuilder {
        guard let tls else { return .http1() }
        let certificates: [NIOSSLCertificate]
        let key: NIOSSLPrivateKey
        do {
            certificates = try NIOSSLCertificate.fromPEMFile(tls.certificate)
        } catch {
            throw Refusal(description: "\(tls.certificate): not a PEM certificate (\(error)); give the certificate file QBWC's computer trusts")
        }
        do {
            key = try NIOSSLPrivateKey(file: tls.key, format: .pem)
        } catch {
            throw Refusal(description: "\(tls.key): not a PEM private key (\(error)); give the key of the certificate, unencrypted")
        }
        guard !certificates.isEmpty else { throw Refusal(description: "\(tls.certificate): holds no certificate") }
        let configuration = TLSConfiguration.makeServerConfiguration(certificateChain: certificates.map { .certificate($0) },
                                                                    privateKey: .privateKey(key))
        return try .tls(.http1(), tlsConfiguration: configuration)
    }
}

/// The address, known once the socket is bound.
private final class BoundAddress: @unchecked Sendable {
    private let lock = NSLock()
    private var address = ""
    func set(_ value: String) { lock.withLock { address = value } }
    var value: String { lock.withLock { address } }
}
