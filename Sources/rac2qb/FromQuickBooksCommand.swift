import ArgumentParser
import Foundation
import RunACallQuickBooks

/// `rac2qb from-quickbooks`: QuickBooks customer and item lists → Run a Call import files.
struct FromQuickBooksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "from-quickbooks",
        abstract: "QuickBooks customer and item lists (IIF, qbXML, QuickBooks Online CSV) → Run a Call import files and the sync report (QBO → Run a Call).")

    @Argument(help: "QuickBooks list files: IIF list exports, qbXML CustomerQueryRs / ItemQueryRs responses, QuickBooks Online list CSVs, or a .zip of them.")
    var lists: [String]

    @Option(help: "The output folder.")
    var out: String

    @Option(help: "The config file (default: rac2qb.yml in the current folder, then in the export folder).")
    var config: String?

    @Option(help: "A Run a Call export whose customers and items Run a Call already has (none is sent back as new).")
    var export: [String] = []

    @Option(help: "The ledger (default: the config's ledger, rac2qb-ledger.sqlite next to the config).")
    var ledger: String?

    @Flag(name: .customLong("no-ledger"), help: "Run without a ledger: nothing is known of earlier runs.")
    var noLedger = false

    @Flag(help: "Use the built-in defaults (the seed's recommended values) when no config file is found.")
    var defaults = false

    @Flag(help: "Replace the Run a Call files an earlier run left in --out.")
    var replace = false

    @Flag(help: "Print the summary as JSON on standard output.")
    var json = false

    @Flag(help: "Do not name the config and the ledger on standard error.")
    var quiet = false

    func validate() throws {
        if lists.isEmpty { throw ValidationError("name at least one QuickBooks list file") }
        if noLedger, ledger != nil { throw ValidationError("--ledger and --no-ledger exclude each other") }
    }

    func run() throws {
        let output = try outputFolder(out)
        let exports = export.map { URL(fileURLWithPath: $0) }
        let configuration = try ConfigurationLocator.load(explicit: config, exportPaths: exports, defaults: defaults)
        let ledgerURL = noLedger ? nil : ledger.map(LedgerFile.resolved) ?? configuration.ledgerURL
        RunAnnouncement.announce(configuration, ledger: ledgerURL, quiet: quiet)
        let result = try FromQuickBooks.run(FromQuickBooksOptions(
            listPaths: lists.map { URL(fileURLWithPath: $0) }, configuration: configuration, outputDirectory: output,
            exportPaths: exports, ledger: ledgerURL, replace: replace))
        for message in result.recovered { Console.line("rac2qb: ledger: \(message)", to: .error) }
        try print(result)
        // At the end, what a re-run does: said unless --quiet, and always when nothing was new (it tells why no file was written).
        if !quiet || result.nothingNew {
            Console.line("rac2qb: \(result.rerun)", to: .error)
        }
        throw ExitCode(result.exitStatus)
    }

    private func print(_ result: FromQuickBooksResult) throws {
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
            let run = RunJSON(summary: result.summary, rerun: result.rerun, nothingNew: result.nothingNew, batch: result.batch)
            Console.json(String(decoding: try encoder.encode(run), as: UTF8.self))
            return
        }
        for entity in [EntityType.customer, .item] {
            guard let counts = result.summary.counts[entity.rawValue] else { continue }
            let parts = RowStatus.allCases.map { "\(counts[$0.rawValue] ?? 0) \($0.rawValue.lowercased())" }
            Console.line("\(entity.rawValue)s: \(parts.joined(separator: ", "))")
        }
        for note in result.summary.notes { Console.line("note: \(note)") }
        if !result.failures.groups.isEmpty {
            Console.line("\nfailures:")
            for group in result.failures.groups {
                Console.line("  \(group.error) (\(group.count)) — fix: \(group.fix)")
                for line in group.examples { Console.line("    \(line)") }
            }
        }
        Console.line("\nwritten under \(out): \(FileListText.joined(result.files))")
    }
}
