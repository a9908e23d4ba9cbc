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
            Console.json(String(decoding: try LedgerHistory.json(batches), as: UTF8.self))
            return
        }
        if batches.isEmpty { Console.line("no batch yet") }
        for batch in batches {
            Console.line("batch \(batch.id)  \(batch.startedAt)  \(batch.records) records  → \(batch.output)")
            for action in batch.actions {
                Console.line("  \(action.what): \(action.count)\(action.total.map { ", total \($0)" } ?? "")")
            }
            if batch.requests > 0 {
                Console.line("  qbXML requests \(batch.requests): QuickBooks answered \(batch.answered) (\(batch.refused) refused), "
                    + "\(batch.inDoubt) in doubt (handed out, no answer yet), \(batch.waiting) waiting")
            }
        }
    }
}
