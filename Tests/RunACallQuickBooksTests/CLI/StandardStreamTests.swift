import Foundation
import Testing
@testable import RunACallQuickBooks
@testable import RunACallSupport

/// The built binary with its standard streams closed, full or fed hostile text:
/// it never traps, never loses its output without a word, and never lets a
/// control character of an input reach the terminal raw.
@Suite struct StandardStreamTests {
    /// Runs the binary through `sh -c`, with the redirections `shell` adds; returns the shell's exit status and its streams.
    static func shell(_ redirections: String, _ arguments: [String]) throws -> (status: Int32, output: String, error: String) {
        let binary = try #require(CommandLineTests.binary, "the rac2qb binary is built with the tests")
        return try CommandLineTests.execute(URL(fileURLWithPath: "/bin/sh"), ["-c", "\"$0\" \"$@\" \(redirections)", binary.path] + arguments)
    }

    static func convertSamples() throws -> [String] {
        ["convert", "samples/export", "--config", "samples/rac2qb.yml", "--out", try TestPaths.temporaryFolder().path, "--no-ledger"]
    }

    @Test func aClosedStandardErrorIsNotATrap() throws {
        let result = try Self.shell("2>&-", try Self.convertSamples())
        #expect(result.status == 1, "the samples' own exit status, not a signal (SIGILL is 132)")
        #expect(result.output.contains("invoices: 21 success, 1 failed, 2 skipped"))
    }

    @Test func aFullStandardOutputIsExitThreeAndSaid() throws {
        let result = try Self.shell("> /dev/full", try Self.convertSamples())
        #expect(result.status == 3)
        #expect(result.error.contains("standard output could not be written (no space left on device)"))
    }

    @Test func aClosedStandardOutputIsExitThreeAndSaid() throws {
        let result = try Self.shell(">&-", try Self.convertSamples())
        #expect(result.status == 3)
        #expect(result.error.contains("standard output could not be written"))
    }

    @Test func controlCharactersOfAnArgumentAreEscaped() throws {
        let result = try Self.shell("", ["preview", "samples/export", "--config", "samples/rac2qb.yml", "--no-ledger",
                                         "--invoice", "\u{1B}]0;pwned\u{07}\u{1B}[2J\u{9B}31m"])
        #expect(result.status == 2)
        #expect(!result.error.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" || (0x7F...0x9F).contains($0.value) })
        #expect(result.error.contains("\\u{1B}]0;pwned\\u{7}\\u{1B}[2J\\u{9B}31m"))
    }

    @Test func escapingKeepsLineBreaksAndTheJSONWay() {
        #expect(Console.escaped("a\u{1B}[2J\tb\nc\u{7F}") == "a\\u{1B}[2J\\u{9}b\nc\\u{7F}")
        #expect(Console.escaped("{\"a\":\"\u{9B}\"}", json: true) == "{\"a\":\"\\u009B\"}")
        #expect(Console.escaped("plain — text") == "plain — text")
    }
}
