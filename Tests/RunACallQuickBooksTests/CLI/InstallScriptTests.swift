import Foundation
import Testing
@testable import RunACallQuickBooks

/// README's one-step install: `scripts/install.sh PREFIX` from the clone builds a release binary and puts it in PREFIX/bin.
/// A release build takes minutes, so the test runs under `CI=true` only and says SKIPPED otherwise.
@Suite struct InstallScriptTests {
    @Test func theInstallScriptPutsARunnableBinaryInPrefixBin() throws {
        guard TestPaths.isCI else {
            print("SKIPPED: scripts/install.sh (a release build, minutes long) is tried under CI=true only")
            return
        }
        let prefix = try TestPaths.temporaryFolder().appendingPathComponent("prefix")
        let script = TestPaths.packageRoot.appendingPathComponent("scripts/install.sh").path
        let install = try Self.run("/bin/bash", [script, prefix.path])
        #expect(install.status == 0, "\(install.output)")
        let binary = prefix.appendingPathComponent("bin/rac2qb").path
        #expect(install.output.contains("installed \(binary) (\(ToolVersion.current))"))
        let version = try Self.run(binary, ["--version"])
        #expect(version.status == 0 && version.output == "\(ToolVersion.current)\n")
        #if os(Linux)
        let libraries = try Self.run("/usr/bin/ldd", [binary])
        #expect(libraries.status == 0)
        #expect(!libraries.output.contains("libswiftCore") && !libraries.output.contains("libFoundation"),
                "the Swift runtime is linked in: it runs without the toolchain\n\(libraries.output)")
        #endif
    }

    /// Runs a program; standard output and error together.
    static func run(_ program: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        process.currentDirectoryURL = TestPaths.packageRoot
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }
}
