import Foundation

/// The one way rac2qb writes to standard output and standard error: every
/// text goes through here, written with write(2) through `SystemCalls` (never
/// Foundation's `FileHandle`, which traps on a closed descriptor).
///
/// Text from inputs (an invoice id, a list name, a file name, a byte echoed
/// by `validate`) may hold control characters: `ESC]0;…` would retitle the
/// user's terminal, `ESC[2J` clear it. Every C0 control (but the line break),
/// DEL and every C1 control is shown escaped, `\u{1B}`, whether the stream
/// is a terminal or a pipe. Files keep their text as it is.
///
/// A write to standard output that fails (a full disk, a closed pipe) is
/// remembered: the command then ends with exit status 3 and says so on
/// standard error (`failureOfOutput`). A closed standard error is not an error:
/// what would go there is dropped.
public enum Console {
    /// Where a text goes.
    public enum Stream: Sendable {
        case output, error

        var descriptor: Int32 { self == .output ? 1 : 2 }
    }

    private final class State: @unchecked Sendable {
        let lock = NSLock()
        var outputFailure: Int32?
        var closed: Set<Int32> = []
    }

    private static let state = State()

    /// Call first: reserves a closed standard descriptor (0, 1, 2) on the null device, so that no file
    /// the run opens takes its number and receives the console's text, and ignores SIGPIPE, so that a
    /// closed pipe is a failed write rather than a killed process.
    public static func prepare() {
        for descriptor: Int32 in [0, 1, 2] where SystemCalls.reserveIfClosed(descriptor) {
            state.lock.withLock { _ = state.closed.insert(descriptor) }
        }
        SystemCalls.ignoreBrokenPipes()
    }

    /// Writes `text`, its control characters escaped, and a line break.
    public static func line(_ text: String = "", to stream: Stream = .output) {
        write(escaped(text) + "\n", to: stream)
    }

    /// Writes `text`, its control characters escaped, as it is (no line break added).
    public static func text(_ text: String, to stream: Stream = .output) {
        write(escaped(text), to: stream)
    }

    /// Writes a JSON document (its control characters are already `\u00XX` but DEL and C1, escaped here the JSON way) and a line break.
    public static func json(_ text: String, to stream: Stream = .output) {
        write(escaped(text, json: true) + "\n", to: stream)
    }

    /// Writes the progress line over the last one: a carriage return, the line escaped, the rest of the old line erased.
    public static func progress(_ text: String) {
        write("\r" + escaped(text) + "\u{1B}[K", to: .error)
    }

    /// Ends the progress line.
    public static func endProgress() { write("\n", to: .error) }

    /// Why standard output could not take what was written (its errno), if it could not.
    public static var failureOfOutput: Int32? { state.lock.withLock { state.outputFailure } }

    /// The words for a failed standard output, to print on standard error.
    public static func outputFailureMessage(_ code: Int32) -> String {
        "rac2qb: standard output could not be written (\(OutputFailure.words(errno: code))): what it shows is incomplete; "
            + "files written under --out and the ledger are complete. Send standard output to a file on a disk with room, or to the terminal."
    }

    /// `text` with every control character but the line break shown as `\u{XX}` (`\u00XX` with `json`).
    public static func escaped(_ text: String, json: Bool = false) -> String {
        guard text.unicodeScalars.contains(where: isEscaped) else { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            guard isEscaped(scalar) else { result.append(scalar); continue }
            let hex = String(scalar.value, radix: 16, uppercase: true)
            let escape = json ? "\\u" + String(repeating: "0", count: 4 - hex.count) + hex : "\\u{\(hex)}"
            result.append(contentsOf: escape.unicodeScalars)
        }
        return String(result)
    }

    private static func isEscaped(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value < 0x20 && scalar != "\n") || (0x7F...0x9F).contains(scalar.value)
    }

    private static func write(_ text: String, to stream: Stream) {
        let closed = state.lock.withLock { state.closed.contains(stream.descriptor) }
        if closed {
            if stream == .output { state.lock.withLock { if state.outputFailure == nil { state.outputFailure = EBADF } } }
            return
        }
        do {
            try SystemCalls.writeAll(stream.descriptor, Array(text.utf8))
        } catch {
            guard stream == .output else { return }
            state.lock.withLock { if state.outputFailure == nil { state.outputFailure = error.errno } }
        }
    }
}
