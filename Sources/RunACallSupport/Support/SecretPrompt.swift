import Foundation

/// Asks for a secret (the Web Connector's password) on standard input: on a
/// terminal after a prompt, what is typed not shown; from a pipe or a file,
/// its first line, with no prompt (`printf '%s\n' "$PASSWORD" | rac2qb connector`).
public enum SecretPrompt {
    /// The line read, or nil when the input ended before one (or it is empty).
    /// `input` and `output` are descriptors: standard input and standard error by default.
    public static func read(_ prompt: String, input: Int32 = 0, output: Int32 = 2) -> String? {
        guard SystemCalls.isTerminal(input) else { return nonEmpty(SystemCalls.readLine(input)) }
        try? SystemCalls.writeAll(output, Array(prompt.utf8))
        let hidden = SystemCalls.setEcho(input, false)
        let line = SystemCalls.readLine(input)
        if hidden {
            _ = SystemCalls.setEcho(input, true)
            // The line break typed was not shown either.
            try? SystemCalls.writeAll(output, [0x0A])
        }
        return nonEmpty(line)
    }

    private static func nonEmpty(_ line: String?) -> String? {
        line.flatMap { $0.isEmpty ? nil : $0 }
    }
}
