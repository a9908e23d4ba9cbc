import Foundation
import Hummingbird
import Logging
import NIOCore

/// `rac2qb connector`: the Web Connector service on this computer's loopback
/// address (QBWC accepts `http://localhost` for a service on its own computer).
public struct ConnectorServer: Sendable {
    /// The only address served without TLS.
    public static let loopback = "127.0.0.1"

    public let service: ConnectorService
    public let port: Int

    public init(service: ConnectorService, port: Int) {
        self.service = service
        self.port = port
    }

    /// Serves until the task is cancelled or the process gets SIGINT/SIGTERM; `listening` is told
    /// the full `/qbwc` address once the socket is open.
    public func run(listening: @escaping @Sendable (String) async -> Void) async throws {
        let bound = BoundAddress()
        var logger = Logger(label: "rac2qb.connector")
        logger.logLevel = .critical
        let router = Router(context: BasicRequestContext.self)
        ConnectorRoutes<BasicRequestContext>(service: service, address: { bound.value }).add(to: router)
        let application = Application(
            router: router,
            configuration: .init(address: .hostname(Self.loopback, port: port), serverName: nil),
            onServerRunning: { channel in
                let address = "http://\(Self.loopback):\(channel.localAddress?.port ?? 0)\(ConnectorRoutes<BasicRequestContext>.path)"
                bound.set(address)
                await listening(address)
            },
            logger: logger)
        defer { Task { await service.stop() } }
        try await application.runService()
    }
}

/// The address, known once the socket is bound.
private final class BoundAddress: @unchecked Sendable {
    private let lock = NSLock()
    private var address = ""
    func set(_ value: String) { lock.withLock { address = value } }
    var value: String { lock.withLock { address } }
}
