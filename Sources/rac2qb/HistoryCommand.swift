import ArgumentParser
import Foundation
import RunACallQuickBooks

struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history", abstract: "The batches the ledger holds: when, where written, and how many records.")

    @OptionGroup var location: LedgerOptions

    func run() throws {
        let url = try location.existingLedger()
        let batches = try LedgerHistory.batches(in: url)
        if batches.isEmpty { print("no batch yet") }
        for batch in batches {
            print("batch \(batch.id)  \(batch.startedAt)  \(batch.records) records  → \(batch.output)")
        }
    }
}
