import ArgumentParser
import Foundation
import RunACallQuickBooks

struct UndoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "undo",
        abstract: "Undo the latest batch: a qbXML file of deletes for what QuickBooks' responses identify, a list of the rest to undo by hand; the ledger forgets the batch.",
        discussion: """
        Writes undo/batch-N.xml (TxnDelRq and ListDelRq, transactions before the list entries they use) and \
        undo/batch-N.csv (every record of the batch and what to do) into --out, by default the folder the \
        batch was written to. Only the latest batch can be undone: later batches may pay, update or void what \
        an earlier one wrote. Import the deletes (or delete by hand) before the next convert, which writes the \
        batch's records again. With --dry-run, undo only prints every record of the batch and what to do: it \
        writes no file and the ledger keeps the batch.
        """)

    @OptionGroup var location: LedgerOptions

    @Argument(help: "The batch to undo (default: the latest; see rac2qb history).")
    var batch: Int64?

    @Option(help: "Where to write undo/ (default: the batch's output folder).")
    var out: String?

    @Flag(help: "Print every record of the batch and what undoing it takes; write no file and keep the batch in the ledger.")
    var dryRun = false

    @Flag(help: "Forget the batch without asking (needed when standard input is not a terminal).")
    var yes = false

    func run() throws {
        let ledger = try location.existingLedger()
        let version = try location.configuration().output.qbxmlVersion
        guard let latest = try LedgerHistory.batches(in: ledger).last else {
            throw FatalError(.usage, "\(ledger.path): the ledger holds no batch")
        }
        let batch = batch ?? latest.id
        if !dryRun, !yes, batch == latest.id, !(try confirmed(latest)) {
            Console.line("nothing undone: the ledger still holds batch \(batch)")
            return
        }
        let plan = try BatchUndo.undo(batch: batch, ledger: ledger, output: try out.map(outputFolder),
                                      qbxmlVersion: version, dryRun: dryRun)
        let byRequest = plan.steps.filter { $0.kind == .qbxml }.count
        Console.line("batch \(plan.batch): \(plan.steps.count) records, \(byRequest) deleted by qbXML request, \(plan.steps.count - byRequest) by hand")
        for step in plan.steps where dryRun || step.kind == .byHand { Console.line("  \(step.entity) \(step.sourceID): \(step.instruction)") }
        if dryRun {
            Console.line("dry run: nothing written, and the ledger still holds batch \(plan.batch); without --dry-run, undo writes "
                  + "\(FileListText.joined(plan.files)) under \(plan.folder.path) and the ledger forgets the batch")
            return
        }
        Console.line("written under \(plan.folder.path): \(FileListText.joined(plan.files))")
        Console.line("the ledger forgot batch \(plan.batch): import the deletes (or delete by hand) before the next convert, which writes its records again")
    }

    /// Asks on a terminal whether to forget `batch`; without a terminal `--yes` is required.
    private func confirmed(_ batch: LedgerHistory.Batch) throws -> Bool {
        guard isatty(STDIN_FILENO) == 1 else {
            throw FatalError(.usage, "undo forgets batch \(batch.id) from the ledger (the next convert writes its \(batch.records) records again): give --yes to confirm, or --dry-run to see the list without undoing anything")
        }
        Console.text("Forget batch \(batch.id) (\(batch.startedAt), \(batch.records) records, written to \(batch.output))? The next convert writes its records again. [y/N] ")
        let answer = readLine()?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
        return answer == "y" || answer == "yes"
    }
}
