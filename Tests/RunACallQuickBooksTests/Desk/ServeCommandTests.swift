import Foundation
import Testing
@testable import RunACallQuickBooks

/// `rac2qb serve` as a user starts it: the real binary, its first line, the address it binds, how it stops.
@Suite struct ServeCommandTests {
    /// Starts `rac2qb serve` in `folder` and reads its first line.
    static func start(in folder: URL, _ arguments: [String] = []) throws -> (process: Process, firstLine: String) {
        let executable = try #require(CommandLineTests.binary, "the rac2qb binary is built with the tests")
        let process = Process()
        process.executableURL = executable
        process.arguments = ["serve"] + arguments
        process.currentDirectoryURL = folder
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var line = Data()
        let handle = output.fileHandleForReading
        while !line.contains(0x0A) {
            let chunk = handle.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        return (process, String(decoding: line, as: UTF8.self).components(separatedBy: "\n")[0])
    }

    @Test func itPrintsItsTokenURLFirstBindsLoopbackOnlyAndStopsOnSIGTERM() throws {
        let folder = try TestPaths.temporaryFolder()
        let (process, line) = try Self.start(in: folder)
        defer { if process.isRunning { process.terminate() } }
        let pattern = try Regex(#"^rac2qb desk: http://127\.0\.0\.1:(\d+)/\?token=([0-9a-f]{64})$"#)
        let match = try #require(line.wholeMatch(of: pattern), "first line: \(line)")
        let port = try #require(Int(match.output[1].substring ?? ""))
        #expect(port > 0)

        #if os(Linux)
        // Every listening socket of this port is on 127.0.0.1 (0100007F in /proc/net/tcp), none on another address or on IPv6 any.
        let listening = try Self.listeningAddresses(port: port)
        #expect(listening == ["0100007F"], "listening on \(listening)")
        #endif

        let (second, secondLine) = try Self.start(in: folder)
        defer { if second.isRunning { second.terminate() } }
        let secondToken = try #require(secondLine.wholeMatch(of: pattern)?.output[2].substring)
        #expect(secondToken != match.output[2].substring, "a new token each start")

        process.terminate()
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 0)
    }

    @Test func aPortOutOfRangeIsAUsageError() throws {
        let result = try CommandLineTests.run(["serve", "--port", "70000"])
        #expect(result.status == 2)
        #expect(result.error.contains("--port"))
    }

    /// The local addresses (hex, as /proc/net/tcp and tcp6 write them) listening on `port`.
    static func listeningAddresses(port: Int) throws -> [String] {
        let hexPort = String(format: "%04X", port)
        var found: [String] = []
        for table in ["/proc/net/tcp", "/proc/net/tcp6"] {
            guard let text = try? String(contentsOfFile: table, encoding: .utf8) else { continue }
            for line in text.split(separator: "\n").dropFirst() {
                let fields = line.split(separator: " ")
                guard fields.count > 3, fields[3] == "0A" else { continue }
                let local = fields[1].split(separator: ":")
                if local.count == 2, local[1] == hexPort { found.append(String(local[0])) }
            }
        }
        return found
    }
}
