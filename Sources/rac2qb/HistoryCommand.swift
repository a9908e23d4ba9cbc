import ArgumentParser
import Foundation
import RunACallQuickBooks

struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history", abstract: "The batches the ledger holds: when, where written, and how many records.")

    @Option(help: "The config file (default: rac2qb.yml in the current folder).")
    var config: String?

    @Option(help: "The ledger (default: the config's ledger, next to the config).")
    var ledger: String?

    func run() throws {
        let configuration = try ConfigurationLocator.load(explicit: config, exportPaths: [])
        guard let url = ledger.map({ URL(fileURLWithPath: $0) }) ?? configuration.ledgerURL else {
            throw FatalError(.usage, "the config sets no ledger; name one with --ledger")
        }
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw FatalError(.usage, "\(url.path): no ledger yet (convert writes one)")
        }
        let batches = try LedgerHistory.batches(in: url)
        if batches.isEmpty { print("no batch yet") }
        for batch in batches {
            print("batch \(batch.id)  \(batch.startedAt)  \(batch.records) records  → \(batch.output)")
        }
    }
}
