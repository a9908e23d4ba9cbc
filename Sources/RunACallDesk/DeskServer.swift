import Foundation
import Hummingbird
import Logging
import NIOCore
import RunACallConnector
import RunACallQuickBooks

/// `rac2qb serve`: the desk's HTTP server on this computer's loopback address
/// only. Every route is a thin view over the library the command line uses.
/// With a Web Connector service, the desk also serves it at `/qbwc` (QBWC
/// signs in with its own password there, not with the desk's cookie), so
/// that the batches page shows the queue as QuickBooks takes it.
public struct DeskServer: Sendable {
    public let settings: DeskSettings
    public let secrets: DeskSecrets
    public let connector: ConnectorService?

    public init(settings: DeskSettings, secrets: DeskSecrets = DeskSecrets(), connector: ConnectorService? = nil) {
        self.settings = settings
        self.secrets = secrets
        self.connector = connector
    }

    /// The only address the desk binds.
    public static let loopback = "127.0.0.1"

    /// Serves until the task is cancelled or the process gets SIGINT/SIGTERM;
    /// `listening` is told the bound port once the socket is open.
    public func run(listening: @escaping @Sendable (Int) async -> Void) async throws {
        let port = ListeningPort()
        var logger = Logger(label: "rac2qb.desk")
        logger.logLevel = .critical
        let router = Router(context: DeskContext.self)
        router.add(middleware: DeskErrors())
        router.add(middleware: DeskLateAccess(secrets: secrets, port: port, soapPath: connector.map { _ in ConnectorRoutes<DeskContext>.path }))
        DeskRoutes(settings: settings, secrets: secrets).add(to: router)
        if let connector {
            ConnectorRoutes<DeskContext>(service: connector, address: { "http://\(Self.loopback):\(port.current)\(ConnectorRoutes<DeskContext>.path)" })
                .add(to: router)
        }
        defer { connector?.stop() }
        let application = Application(
            router: router,
            configuration: .init(address: .hostname(Self.loopback, port: settings.port), serverName: nil),
            onServerRunning: { channel in
                let bound = channel.localAddress?.port ?? 0
                port.set(bound)
                await listening(bound)
            },
            logger: logger)
        try await application.runService()
    }
}

/// The request context: the upload cap rides on it.
struct DeskContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    init(source: ApplicationRequestContextSource) { coreContext = .init(source: source) }
    var maxUploadSize: Int { 1 << 20 }
}

/// The port, known only once the socket is bound (port 0 picks one).
final class ListeningPort: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func set(_ port: Int) { lock.withLock { value = port } }
    var current: Int { lock.withLock { value } }
}

/// `DeskAccess` built on the bound port, which middleware added before the
/// server starts cannot know yet.
struct DeskLateAccess: RouterMiddleware {
    typealias Context = DeskContext
    let secrets: DeskSecrets
    let port: ListeningPort
    /// The Web Connector's address, when the desk serves it.
    let soapPath: String?

    func handle(_ request: Request, context: DeskContext, next: (Request, DeskContext) async throws -> Response) async throws -> Response {
        let access = DeskAccess<DeskContext>(secrets: secrets, origin: DeskOrigin(port: port.current), soapPath: soapPath)
        return try await access.handle(request, context: context, next: next)
    }
}
