import ArgumentParser
import Foundation
import RunACallConnector
import RunACallQuickBooks

/// `rac2qb connector`: the QuickBooks Web Connector service over the ledger's qbXML batches (web-connector.md).
struct ConnectorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "connector",
        abstract: "Serve the ledger's qbXML batches to QuickBooks Web Connector (QuickBooks Desktop pulls them itself).",
        discussion: """
        Serves the QBWC protocol at /qbwc on 127.0.0.1. Add the service in QuickBooks Web Connector with the file \
        `rac2qb connector qwc` writes. The password QBWC sends is RAC2QB_CONNECTOR_PASSWORD, or typed when the service asks for it (on a terminal, not shown; \
        else the first line of standard input), kept in the ledger as a salted hash.
        """,
        subcommands: [ConnectorQWCCommand.self])

    static let defaultPort = 8765

    @Option(help: "The port (default 8765; 0 picks a free one).")
    var port: Int = Self.defaultPort

    @OptionGroup var location: LedgerOptions

    @Option(help: "Another address to listen on; needs --tls-cert and --tls-key (QBWC wants HTTPS for any host but localhost).")
    var listen: String?

    @Option(name: .customLong("tls-cert"), help: "The TLS certificate (PEM): the service speaks HTTPS.")
    var tlsCert: String?

    @Option(name: .customLong("tls-key"), help: "The TLS private key (PEM) for --listen.")
    var tlsKey: String?

    @Option(name: .customLong("max-requests"), help: "The most requests in one qbXML document handed to QuickBooks (default 100).")
    var maxRequests: Int = 100

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port: \(port) is not a port; allowed: 0 to 65535") }
        guard maxRequests > 0 else { throw ValidationError("--max-requests: \(maxRequests) is not allowed; give a number of requests above 0") }
        if (tlsCert == nil) != (tlsKey == nil) { throw ValidationError("--tls-cert and --tls-key go together: give both, or neither") }
        if let listen, tlsCert == nil, ![ConnectorServer.loopback, "localhost"].contains(listen) {
            throw ValidationError("--listen \(listen) needs --tls-cert and --tls-key (QBWC wants HTTPS for any host but localhost); "
                + "without them the service listens on \(ConnectorServer.loopback) only")
        }
    }

    func run() throws {
        let ledger = try location.existingLedger()
        let queue = ConnectorQueue(ledger: ledger)
        var password = ProcessInfo.processInfo.environment["RAC2QB_CONNECTOR_PASSWORD"].flatMap { $0.isEmpty ? nil : $0 }
        if password == nil, !ConnectorSettings.hasPassword(try queue.settings()) {
            password = SecretPrompt.read("The password QuickBooks Web Connector will send (not shown): ")
        }
        let settings = try ConnectorSettings.prepare(queue, user: nil, password: password)
        guard ConnectorSettings.user(settings) != nil else {
            throw FatalError(.usage, "\(ledger.path): no Web Connector user yet. Run rac2qb connector qwc --out rac2qb.qwc --user NAME first, "
                + "and add that file in QuickBooks Web Connector.")
        }
        guard ConnectorSettings.hasPassword(settings) else {
            throw FatalError(.usage, "no Web Connector password: set RAC2QB_CONNECTOR_PASSWORD in the environment, or type it when rac2qb connector asks "
                + "(the password you give QBWC), then start again.")
        }
        let tls = tlsCert.flatMap { cert in tlsKey.map { ConnectorServer.TLSFiles(certificate: cert, key: $0) } }
        let server: ConnectorServer
        do {
            server = try ConnectorServer(service: ConnectorService(ledger: ledger, maxRequests: maxRequests), port: port,
                                         host: listen ?? ConnectorServer.loopback, tls: tls)
        } catch let refusal as ConnectorServer.Refusal {
            throw FatalError(.usage, "\(refusal.description). Nothing was served.")
        }
        let outcome = ConnectorOutcome()
        let done = DispatchSemaphore(value: 0)
        Task {
            do {
                try await server.run { address in
                    Console.line("rac2qb connector: \(address)")
                }
            } catch {
                outcome.failure = error
            }
            done.signal()
        }
        done.wait()
        if let refusal = outcome.failure as? ConnectorServer.Refusal { throw FatalError(.usage, "\(refusal.description). Nothing was served.") }
        if let failure = outcome.failure { throw FatalError(.unwritableOutput, "the Web Connector service stopped: \(failure)") }
    }
}

/// `rac2qb connector qwc`: the file to add in QuickBooks Web Connector.
struct ConnectorQWCCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "qwc",
        abstract: "Write the .qwc file to add rac2qb in QuickBooks Web Connector, and record its user in the ledger.")

    @Option(help: "The .qwc file to write (never replaced).")
    var out: String

    @Option(help: "The user name QBWC sends (recorded in the ledger).")
    var user: String

    @Option(help: "The service's address (default http://localhost:8765/qbwc).")
    var url: String?

    @OptionGroup var location: LedgerOptions

    func validate() throws {
        guard !user.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("--user: give the user name QBWC will send") }
        if let url, !(url.hasPrefix("https://") || url.hasPrefix("http://localhost:") || url.hasPrefix("http://localhost/")) {
            throw ValidationError("--url \(url): QBWC takes https:// addresses, or http://localhost on its own computer")
        }
    }

    func run() throws {
        let configuration = try location.configuration()
        let ledger: URL
        if let path = location.ledger {
            ledger = LedgerFile.resolved(path)
        } else if let configured = configuration.ledgerURL {
            ledger = configured
        } else {
            throw FatalError(.usage, "the config sets no ledger; name one with --ledger")
        }
        let file = URL(fileURLWithPath: out)
        guard !FileManager.default.fileExists(atPath: file.path) else {
            throw FatalError(.unwritableOutput, "\(file.path): already exists and is never replaced; remove it (and the application in QBWC), or name another --out.")
        }
        let queue = ConnectorQueue(ledger: ledger)
        let password = ProcessInfo.processInfo.environment["RAC2QB_CONNECTOR_PASSWORD"].flatMap { $0.isEmpty ? nil : $0 }
        let settings = try ConnectorSettings.prepare(queue, user: user, password: password)
        let qwc = QWCFile(appURL: url ?? QWCFile.defaultURL(port: ConnectorCommand.defaultPort), userName: user,
                          ownerID: ConnectorSettings.ownerID(settings), fileID: ConnectorSettings.fileID(settings))
        guard FileManager.default.createFile(atPath: file.path, contents: Data(qwc.text.utf8)) else {
            throw FatalError(.unwritableOutput, "\(file.path): cannot be written; check the folder exists and can be written.")
        }
        Console.line("rac2qb connector qwc: \(file.path) (user \(user), \(qwc.appURL)); ledger \(ledger.path)")
        if !ConnectorSettings.hasPassword(settings) {
            Console.line("rac2qb connector asks for the password QBWC will send when it starts (or set RAC2QB_CONNECTOR_PASSWORD): QBWC asks for it once.")
        }
    }
}

/// How the server task ended, handed back to the waiting command.
private final class ConnectorOutcome: @unchecked Sendable {
    var failure: (any Error)?
}
