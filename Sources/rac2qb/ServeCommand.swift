import ArgumentParser
import Foundation
import RunACallConnector
import RunACallDesk
import RunACallQuickBooks

/// `rac2qb serve`: the desk, the month end from a web page on this computer (desk.md).
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "The desk: a web page on this computer only (127.0.0.1) for the whole month end.")

    @Option(help: "The port; 0 or none picks a free one.")
    var port: Int = 0

    @Option(help: "The config file (default: rac2qb.yml in the current folder; the settings page writes it when absent).")
    var config: String?

    @Option(help: "Where the desk keeps uploads and batches (default: rac2qb-desk beside the config).")
    var workspace: String?

    @Option(name: .customLong("max-upload"), help: "The largest upload taken, in bytes (default 1 GiB).")
    var maxUpload: Int = DeskSettings.defaultMaxUpload

    @Flag(help: "Also open the desk in the default browser.")
    var open = false

    @Flag(help: "Print nothing but the desk's address.")
    var quiet = false

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port: \(port) is not a port; allowed: 0 to 65535") }
        guard maxUpload > 0 else { throw ValidationError("--max-upload: \(maxUpload) is not allowed; give a number of bytes above 0") }
    }

    func run() throws {
        let file = URL(fileURLWithPath: config ?? ConfigurationLocator.fileName).standardizedFileURL
        let configuration: Configuration
        if FileManager.default.fileExists(atPath: file.path) {
            configuration = try ConfigurationLoader.load(contentsOf: file)
        } else if config != nil {
            throw FatalError(.usage, "\(file.path): no such config file (start without --config and the settings page writes one)")
        } else {
            configuration = Configuration()
        }
        let settings = DeskSettings(
            port: port, configFile: file, configuration: configuration,
            workspace: workspace.map { URL(fileURLWithPath: $0).standardizedFileURL }, maxUpload: maxUpload)
        let connector = try Self.connector(ledger: configuration.ledgerURL)
        let server = DeskServer(settings: settings, connector: connector)
        let quiet = self.quiet
        let openBrowser = open
        let outcome = ServeOutcome()
        let done = DispatchSemaphore(value: 0)
        Task {
            do {
                try await server.run { port in
                    let address = "http://\(DeskServer.loopback):\(port)/?token=\(server.secrets.startToken)"
                    Console.line("rac2qb desk: \(address)")
                    if connector != nil, !quiet {
                        Console.line("rac2qb connector: http://\(DeskServer.loopback):\(port)/qbwc (QuickBooks Web Connector; the .qwc must name this port)")
                    }
                    if openBrowser { BrowserOpener.open(address) }
                }
            } catch {
                outcome.failure = error
            }
            done.signal()
        }
        done.wait()
        if let failure = outcome.failure { throw FatalError(.unwritableOutput, "the desk stopped: \(failure)") }
    }
}

extension ServeCommand {
    /// The Web Connector service the desk serves beside its pages: when the config's ledger exists and
    /// `rac2qb connector qwc` has given it a user, and a password is kept there or in RAC2QB_CONNECTOR_PASSWORD
    /// (as for `rac2qb connector`); otherwise none.
    static func connector(ledger: URL?) throws -> ConnectorService? {
        guard let ledger, FileManager.default.fileExists(atPath: ledger.path) else { return nil }
        let queue = ConnectorQueue(ledger: ledger)
        guard ConnectorSettings.user(try queue.settings()) != nil else { return nil }
        let password = ProcessInfo.processInfo.environment["RAC2QB_CONNECTOR_PASSWORD"].flatMap { $0.isEmpty ? nil : $0 }
        let settings = try ConnectorSettings.prepare(queue, user: nil, password: password)
        return ConnectorSettings.hasPassword(settings) ? ConnectorService(ledger: ledger) : nil
    }
}

/// How the server task ended, handed back to the waiting command.
private final class ServeOutcome: @unchecked Sendable {
    var failure: (any Error)?
}

/// Opens an address in the default browser (`--open`), without waiting for it.
enum BrowserOpener {
    static func open(_ address: String) {
        #if os(macOS)
        let tool = "/usr/bin/open"
        #elseif os(Windows)
        let tool = "C:\\Windows\\explorer.exe"
        #else
        let tool = "/usr/bin/xdg-open"
        #endif
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = [address]
        try? process.run()
    }
}
