import ArgumentParser
import Foundation
import RunACallQuickBooks

struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "The batches the ledger holds: when, where written, what they did (counts and totals) and QuickBooks' answers.")

    @OptionGroup var location: LedgerOptions

    @Flag(help: "Print the batches as JSON on standard output.")
    var json = false

    func run() throws {
        let batches = try LedgerHistory.batches(in: location.existingLedger())
        if json {
            FileHandle.standardOutput.write(try LedgerHistory.json(batches) + Data("\n".utf8))
            return
        }
        if batches.isEmpty { print("no batch yet") }
        for batch in batches {
            print("batch \(batch.id)  \(batch.startedAt)  \(batch.records) records  → \(batch.output)")
            for action in batch.actions {
                print("  \(action.what): \(action.count)\(action.total.map { ", total \($0)" } ?? "")")
            }
            if batch.answered > 0 { print("  QuickBooks answered \(batch.answered) (\(batch.refused) refused)") }
        }
    }
}
