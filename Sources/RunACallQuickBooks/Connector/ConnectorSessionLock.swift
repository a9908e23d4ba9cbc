import Foundation

/// Held while a Web Connector session is open on a ledger (`<ledger>.connector.lock`
/// beside the file the ledger's path leads to), so that a second session, from
/// this service or another one on the same ledger, is told `busy`. The system
/// releases it when the holder ends, even killed.
public final class ConnectorSessionLock: @unchecked Sendable {
    private var descriptor: Int32?

    /// Takes the lock without waiting; nil when another session holds it.
    public init?(ledger: URL) throws {
        let file = LedgerFile.resolved(ledger.path).appendingPathExtension("connector.lock")
        let descriptor: Int32
        do {
            descriptor = try SystemCalls.openForLocking(file.path)
            guard try SystemCalls.tryLock(descriptor) else {
                SystemCalls.close(descriptor)
                return nil
            }
        } catch {
            throw FatalError(.unwritableOutput, "\(file.path): the Web Connector's session lock cannot be taken: "
                + "\(OutputFailure.words(errno: error.errno, path: file.path))")
        }
        self.descriptor = descriptor
    }

    deinit { release() }

    /// Ends the session's hold.
    public func release() {
        guard let descriptor else { return }
        SystemCalls.close(descriptor)
        self.descriptor = nil
    }
}
