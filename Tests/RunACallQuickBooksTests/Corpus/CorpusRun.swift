import Foundation
import Testing

/// One run of the built `rac2qb` binary for a corpus case: how it ended and what it printed.
struct CorpusRun: Sendable {
    /// How the process ended.
    enum Ending: Equatable, Sendable {
        case exited(Int32)
        case signalled(Int32)
        case timedOut
    }

    /// The longest a case may run before it is stopped and failed.
    static let timeLimit: TimeInterval = 30

    /// At most this many runs at once: the corpus shares two cores with the rest of `swift test`.
    static let slots = RunSlots(count: 4)

    let ending: Ending
    let output: String
    let error: String

    /// Standard output and standard error together, in that order.
    var printed: String { output + "\n" + error }

    /// Runs `rac2qb arguments` in `folder`, with no qbXML schema in its environment,
    /// its output in files (no pipe can fill up), stopped after `timeLimit`.
    static func run(_ arguments: [String], in folder: URL, logs: URL) async throws -> CorpusRun {
        let executable = try #require(CommandLineTests.binary, "the rac2qb binary is built with the tests")
        await slots.take()
        do {
            let run = try await launch(executable, arguments, in: folder, logs: logs)
            await slots.give()
            return run
        } catch {
            await slots.give()
            throw error
        }
    }

    private static func launch(_ executable: URL, _ arguments: [String], in folder: URL, logs: URL) async throws -> CorpusRun {
        let outputFile = logs.appendingPathComponent("stdout-\(UUID().uuidString)")
        let errorFile = logs.appendingPathComponent("stderr-\(UUID().uuidString)")
        try Data().write(to: outputFile)
        try Data().write(to: errorFile)
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = folder
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "RAC2QB_QBXML_SCHEMA")
        process.environment = environment
        process.standardOutput = try FileHandle(forWritingTo: outputFile)
        process.standardError = try FileHandle(forWritingTo: errorFile)
        process.standardInput = FileHandle.nullDevice
        let timedOut = try await withCheckedThrowingContinuation { (done: CheckedContinuation<Bool, Error>) in
            let finish = Finish(done)
            process.terminationHandler = { _ in finish.resume(.success(false)) }
            do { try process.run() } catch { finish.resume(.failure(error)); return }
            DispatchQueue.global().asyncAfter(deadline: .now() + timeLimit) {
                guard process.isRunning else { return }
                kill(process.processIdentifier, SIGKILL)
                finish.resume(.success(true))
            }
        }
        if timedOut { process.waitUntilExit() }
        let ending: Ending = timedOut ? .timedOut
            : process.terminationReason == .uncaughtSignal ? .signalled(process.terminationStatus) : .exited(process.terminationStatus)
        return CorpusRun(ending: ending,
                         output: String(decoding: try Data(contentsOf: outputFile), as: UTF8.self),
                         error: String(decoding: try Data(contentsOf: errorFile), as: UTF8.self))
    }
}

/// Resumes a continuation once, with whichever comes first: the process's end, the time limit
/// (`true`: timed out) or the failure to start it.
private final class Finish: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<Bool, Error>?

    init(_ continuation: CheckedContinuation<Bool, Error>) { self.continuation = continuation }

    func resume(_ result: Result<Bool, Error>) {
        lock.lock()
        let pending = continuation
        continuation = nil
        lock.unlock()
        pending?.resume(with: result)
    }
}

/// A counting semaphore for async code: `take` waits while every slot is taken.
actor RunSlots {
    private var free: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(count: Int) { free = count }

    func take() async {
        if free > 0 { free -= 1; return }
        await withCheckedContinuation { waiting.append($0) }
    }

    func give() {
        if waiting.isEmpty { free += 1 } else { waiting.removeFirst().resume() }
    }
}
