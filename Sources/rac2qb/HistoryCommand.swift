import ArgumentParser
import Foundation
import RunACallQuickBooks

struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "The batches the ledger holds: when, where written, what they did (counts and totals) and QuickBooks' answers.")

    @OptionGroup var location: LedgerOptions

    func run() throws {
        let batches = try LedgerHistory.batches(in: location.existingLedger())
        if batches.isEmpty { Console.line("no batch yet") }
        for batch in batches {
            Console.line("batch \(batch.id)  \(batch.startedAt)  \(batch.records) records  → \(batch.output)")
            for (what, count, total) in batch.actions {
                Console.line("  \(what): \(count)\(total.map { ", total \($0)" } ?? "")")
            }
            if batch.answered > 0 { Console.line("  QuickBooks answered \(batch.answered) (\(batch.refused) refused)") }
        }
    }
}
