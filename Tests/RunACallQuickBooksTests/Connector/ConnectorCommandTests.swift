import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import RunACallConnector
@testable import RunACallQuickBooks
@testable import RunACallSupport

/// `rac2qb connector qwc` and `rac2qb connector`, run as the built binary.
@Suite struct ConnectorCommandTests {
    static func binaryRun(_ arguments: [String], in folder: URL, password: String?) throws -> (status: Int32, output: String, error: String) {
        try CommandLineTests.run(arguments, in: folder, environment: password.map { ["RAC2QB_CONNECTOR_PASSWORD": $0] } ?? [:])
    }

    @Test func qwcWritesTheFileQBWCAddsAndKeepsItsGUIDs() throws {
        let folder = try TestPaths.temporaryFolder()
        let ledger = folder.appendingPathComponent("ledger.sqlite").path
        let first = try Self.binaryRun(["connector", "qwc", "--out", "rac2qb.qwc", "--user", "accountant", "--ledger", ledger, "--quiet"],
                                       in: folder, password: "pass words")
        #expect(first.status == 0, "\(first.error)")
        let document = try TestXML.document(contentsOf: folder.appendingPathComponent("rac2qb.qwc"))
        func value(_ name: String) -> String? { (try? document.nodes(forXPath: "/QBWCXML/\(name)"))?.first?.stringValue }
        #expect(value("AppName") == "rac2qb")
        #expect(value("AppURL") == "http://localhost:8765/qbwc")
        #expect(value("UserName") == "accountant")
        #expect(value("QBType") == "QBFS")
        #expect(value("IsReadOnly") == "false")
        #expect(value("Scheduler/RunEveryNMinutes") == "15")
        let guid = try Regex(#"^\{[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}\}$"#)
        let owner = try #require(value("OwnerID")), file = try #require(value("FileID"))
        #expect(owner.wholeMatch(of: guid) != nil && file.wholeMatch(of: guid) != nil && owner != file)

        let again = try Self.binaryRun(["connector", "qwc", "--out", "rac2qb.qwc", "--user", "accountant", "--ledger", ledger],
                                       in: folder, password: nil)
        #expect(again.status == 3 && again.error.contains("never replaced"), "\(again.error)")
        let second = try Self.binaryRun(["connector", "qwc", "--out", "other.qwc", "--user", "accountant", "--ledger", ledger,
                                         "--url", "https://books.example/qbwc"], in: folder, password: nil)
        #expect(second.status == 0)
        let other = try String(contentsOf: folder.appendingPathComponent("other.qwc"), encoding: .utf8)
        #expect(other.contains(owner) && other.contains(file), "the GUIDs are made once and kept in the ledger")
        #expect(other.contains("<AppURL>https://books.example/qbwc</AppURL>"))
        #expect(try !Data(contentsOf: URL(fileURLWithPath: ledger)).contains(Data("pass words".utf8)))
        let plain = try Self.binaryRun(["connector", "qwc", "--out", "x.qwc", "--user", "a", "--ledger", ledger, "--url", "http://books.example/qbwc"],
                                       in: folder, password: nil)
        #expect(plain.status == 2, "QBWC takes plain http only for localhost")
    }

    @Test func connectorPrintsItsURLFirstOnLoopbackAndRefusesOtherAddresses() throws {
        let folder = try TestPaths.temporaryFolder()
        let ledger = folder.appendingPathComponent("ledger.sqlite")
        _ = try ConnectorQueueTests.october(ledger)
        let noUser = try Self.binaryRun(["connector", "--ledger", ledger.path, "--port", "0"], in: folder, password: "pw")
        #expect(noUser.status == 2 && noUser.error.contains("connector qwc"), "\(noUser.error)")
        _ = try Self.binaryRun(["connector", "qwc", "--out", "a.qwc", "--user", "u", "--ledger", ledger.path], in: folder, password: "pw")
        let elsewhere = try Self.binaryRun(["connector", "--ledger", ledger.path, "--listen", "0.0.0.0"], in: folder, password: "pw")
        #expect(elsewhere.status == 2 && elsewhere.error.contains("127.0.0.1 only"), "\(elsewhere.error)")

        let executable = try #require(CommandLineTests.binary)
        let process = Process()
        process.executableURL = executable
        process.arguments = ["connector", "--ledger", ledger.path, "--port", "0", "--quiet"]
        process.currentDirectoryURL = folder
        var environment = ProcessInfo.processInfo.environment
        environment["RAC2QB_CONNECTOR_PASSWORD"] = "pw"
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        var line = Data()
        while !line.contains(0x0A) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        let first = String(decoding: line, as: UTF8.self).components(separatedBy: "\n")[0]
        let match = try #require(first.wholeMatch(of: try Regex(#"^rac2qb connector: http://127\.0\.0\.1:(\d+)/qbwc$"#)), "first line: \(first)")
        let port = try #require(Int(match.output[1].substring ?? ""))
        #if os(Linux)
        #expect(try ServeCommandTests.listeningAddresses(port: port) == ["0100007F"])
        #endif
        process.terminate()
        process.waitUntilExit()
    }

    /// Without RAC2QB_CONNECTOR_PASSWORD and no password kept, `rac2qb connector` asks for it: from a pipe, its first line.
    @Test func connectorTakesThePasswordFromStandardInputWhenNoneIsSet() throws {
        let folder = try TestPaths.temporaryFolder()
        let ledger = folder.appendingPathComponent("ledger.sqlite")
        _ = try ConnectorQueueTests.october(ledger)
        _ = try Self.binaryRun(["connector", "qwc", "--out", "a.qwc", "--user", "u", "--ledger", ledger.path], in: folder, password: nil)
        let process = Process()
        process.executableURL = try #require(CommandLineTests.binary)
        process.arguments = ["connector", "--ledger", ledger.path, "--port", "0", "--quiet"]
        process.currentDirectoryURL = folder
        process.environment = ProcessInfo.processInfo.environment.filter { $0.key != "RAC2QB_CONNECTOR_PASSWORD" }
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        try input.fileHandleForWriting.write(contentsOf: Data("typed at the prompt\n".utf8))
        var data = Data()
        while !data.contains(0x0A) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            data.append(chunk)
        }
        let line = String(decoding: data, as: UTF8.self)
        #expect(line.hasPrefix("rac2qb connector: http://127.0.0.1:"), "\(line)")
        process.terminate()
        process.waitUntilExit()
        let kept = try #require(try ConnectorQueue(ledger: ledger).settings()[ConnectorSettings.passwordKey].flatMap(PasswordHash.init(stored:)))
        #expect(kept.matches("typed at the prompt") && !kept.matches("typed at the prompt\n"))

        let other = folder.appendingPathComponent("other.sqlite").path
        _ = try Self.binaryRun(["connector", "qwc", "--out", "b.qwc", "--user", "u", "--ledger", other], in: folder, password: nil)
        let empty = Process()
        empty.executableURL = process.executableURL
        empty.arguments = ["connector", "--ledger", other, "--port", "0"]
        empty.currentDirectoryURL = folder
        empty.environment = process.environment
        empty.standardInput = FileHandle.nullDevice
        let error = Pipe()
        empty.standardOutput = FileHandle.nullDevice
        empty.standardError = error
        try empty.run()
        let words = String(decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        empty.waitUntilExit()
        #expect(empty.terminationStatus == 2 && words.contains("type it when rac2qb connector asks"), "\(words)")
    }
}
