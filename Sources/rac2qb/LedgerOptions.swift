import ArgumentParser
import Foundation
import RunACallQuickBooks

/// `--config` and `--ledger` for the commands that work on an existing ledger (history, ingest, undo).
struct LedgerOptions: ParsableArguments {
    @Option(help: "The config file (default: rac2qb.yml in the current folder).")
    var config: String?

    @Option(help: "The ledger (default: the config's ledger, next to the config).")
    var ledger: String?

    /// The ledger file, which must exist.
    func existingLedger() throws -> URL {
        let url: URL
        if let ledger {
            url = URL(fileURLWithPath: ledger)
        } else {
            let configuration = try ConfigurationLocator.load(explicit: config, exportPaths: [])
            guard let configured = configuration.ledgerURL else {
                throw FatalError(.usage, "the config sets no ledger; name one with --ledger")
            }
            url = configured
        }
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw FatalError(.usage, "\(url.path): no ledger yet (convert writes one)")
        }
        return url
    }
}
