import Foundation
import RunACallQuickBooks

/// Prints a run's summary and failures for a person (or as JSON with --json).
enum SummaryPrinter {
    static func print(_ result: ConversionResult, json: Bool, outputDirectory: String?) throws {
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
            let run = RunJSON(summary: result.summary, rerun: result.rerun, nothingNew: result.nothingNew, batch: result.batch)
            Console.json(String(decoding: try encoder.encode(run), as: UTF8.self))
            return
        }
        let summary = result.summary
        for entity in EntityType.allCases {
            guard let counts = summary.counts[entity.rawValue] else { continue }
            let parts = RowStatus.allCases.map { "\(counts[$0.rawValue] ?? 0) \($0.rawValue.lowercased())" }
            Console.line("\(entity.rawValue)s: \(parts.joined(separator: ", "))")
        }
        let warnings = summary.warnings.values.reduce(0, +)
        if warnings > 0 {
            Console.line("warnings: \(warnings) record(s) written with a caveat (renamed, shortened, a default used, a by-hand step): see the report's warning column")
        }
        for (entity, count) in summary.created.sorted(by: { $0.key < $1.key }) {
            Console.line("created on behalf of other records: \(count) \(entity)(s)")
        }
        Console.line("invoice totals: billed in export \(summary.billedInExport), failed \(summary.billedFailed), skipped \(summary.billedSkipped), earlier batches \(summary.billedEarlierBatches)")
        for (format, total) in summary.writtenTotals.sorted(by: { $0.key < $1.key }) {
            Console.line("  written to \(format): \(total) (\(summary.writtenInvoices[format] ?? 0) invoices)")
        }
        if summary.qboDiscountsByHand != .zero {
            Console.line("  of the qbo-csv total, discounts to enter by hand: \(summary.qboDiscountsByHand) (qbo-csv/discounts-to-enter.csv)")
        }
        if summary.payoutNetInExport != .zero || summary.paymentsWritten != .zero || summary.refundsWritten != .zero {
            Console.line("payments written \(summary.paymentsWritten), refunds written \(summary.refundsWritten)")
            Console.line("payouts: net in export \(summary.payoutNetInExport), deposits written \(summary.depositsWritten), failed \(summary.payoutNetFailed), skipped \(summary.payoutNetSkipped)")
        }
        if summary.depositedFromEarlierBatches != .zero {
            Console.line("  of the deposits, payments − refunds earlier batches wrote: \(summary.depositedFromEarlierBatches)")
        }
        if summary.paymentsWaitingForPayout != .zero || summary.refundsWaitingForPayout != .zero {
            Console.line("waiting for a Stripe payout no export held yet: payments \(summary.paymentsWaitingForPayout) (in Undeposited Funds), refunds \(summary.refundsWaitingForPayout)")
        }
        if summary.balanceDueInExport != .zero || summary.receivableWritten != .zero {
            let comparison = !summary.balancesChecked ? " (not compared: no payments file)"
                : summary.customersNotReconciled.isEmpty ? "" : ", differing for \(summary.customersNotReconciled.count) customer(s)"
            Console.line("customer balances: balance_due \(summary.balanceDueInExport), receivable in QuickBooks \(summary.receivableWritten)" + comparison)
        }
        for note in summary.notes { Console.line("note: \(note)") }
        for note in summary.absenceNotes { Console.line(note) }
        let totals = summary.reconciles && summary.depositsReconcile ? "yes" : "NO"
        if let why = summary.notReconciledBecause {
            Console.line("reconciled: NO: \(why)")
        } else if !summary.balancesChecked {
            Console.line("reconciled: invoices \(totals); customer balances not checked (no payments file)")
        } else if !summary.customersNotReconciled.isEmpty {
            Console.line("reconciled: invoices \(totals); customer balances NO (\(summary.customersNotReconciled.count) customer(s) differ)")
        } else {
            Console.line("reconciled: \(totals)")
        }
        let groups = result.failures.groups
        if !groups.isEmpty {
            Console.line("\nfailures:")
            for group in groups {
                Console.line("  \(group.error) (\(group.count)) — fix: \(group.fix)")
                for line in group.examples { Console.line("    \(line)") }
                if group.count > group.examples.count { Console.line("    … \(group.count - group.examples.count) more in the report") }
            }
        }
        if let outputDirectory { Console.line("\nwritten under \(outputDirectory): \(FileListText.joined(result.files))") }
    }
}

/// What `--json` prints: the summary's members, then what running the same command again would do
/// (`rerun`, in the words standard error gives), whether nothing was new, and the batch recorded (null: none).
struct RunJSON: Encodable {
    let summary: ReportSummary
    let rerun: String?
    let nothingNew: Bool
    let batch: Int64?

    private enum CodingKeys: String, CodingKey {
        case rerun, nothingNew = "nothing_new", batch
    }

    func encode(to encoder: any Encoder) throws {
        try summary.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(rerun, forKey: .rerun)
        try container.encode(nothingNew, forKey: .nothingNew)
        try container.encode(batch, forKey: .batch)
    }
}
