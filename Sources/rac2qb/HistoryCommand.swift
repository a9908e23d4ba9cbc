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
        if batches.isEmpty { print("no batch yet") }
        for batch in batches {
            print("batch \(batch.id)  \(batch.startedAt)  \(batch.records) records  → \(batch.output)")
            let totals = Dictionary(batch.totals.map { ($0.what, $0.total) }, uniquingKeysWith: { first, _ in first })
            for (what, count) in batch.counts {
                print("  \(what): \(count)\(totals[what].map { ", total \($0)" } ?? "")")
            }
            if batch.answered > 0 { print("  QuickBooks answered \(batch.answered) (\(batch.refused) refused)") }
        }
    }
}
