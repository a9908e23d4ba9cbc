import ArgumentParser
import Foundation
import RunACallQuickBooks

/// `--config` and `--ledger` for the commands that work on an existing ledger (history, ingest, undo).
struct LedgerOptions: ParsableArguments {
    @Option(help: "The config file (default: rac2qb.yml in the current folder).")
    var config: String?

    @Option(help: "The ledger (default: the config's ledger, next to the config).")
    var ledger: String?

    @Flag(help: "Do not name the config and the ledger on standard error.")
    var quiet = false

    /// The config: `--config`, else `rac2qb.yml` here; with `--ledger` alone none is needed (the built-in defaults).
    func configuration() throws -> Configuration {
        if config == nil, ledger != nil, !FileManager.default.fileExists(atPath: ConfigurationLocator.fileName) {
            return Configuration()
        }
        return try ConfigurationLocator.load(explicit: config, exportPaths: [], defaults: false)
    }

    /// The ledger file, which must exist; names it and the config on standard error (unless `--quiet`).
    func existingLedger() throws -> URL {
        let configuration = try configuration()
        let url: URL
        if let ledger {
            url = LedgerFile.resolved(ledger)
        } else {
            guard let configured = configuration.ledgerURL else {
                throw FatalError(.usage, "the config sets no ledger; name one with --ledger")
            }
            url = configured
        }
        RunAnnouncement.announce(configuration, ledger: url, quiet: quiet)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw FatalError(.usage, "\(url.path): no ledger yet (convert writes one)")
        }
        return url
    }
}
