import Foundation

/// Runs the service's synchronous work (password hash, SQLite, ingest) on a
/// thread of its own, so that neither the server's event loops nor Swift's
/// cooperative pool wait on it.
enum ConnectorWork {
    static func run<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            let thread = Thread { continuation.resume(returning: work()) }
            thread.stackSize = 8 << 20
            thread.start()
        }
    }
}
