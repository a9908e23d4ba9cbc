import Foundation

/// Runs the library's synchronous, possibly long work on a thread of its own,
/// so that neither the server's event loops nor Swift's cooperative pool wait on it.
enum BlockingWork {
    static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread { continuation.resume(with: Result { try work() }) }
            thread.stackSize = 8 << 20
            thread.start()
        }
    }
}
