import ArgumentParser
import Foundation
import RunACallQuickBooks

struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Read the qbXML responses QuickBooks returned for our requests into the ledger.",
        discussion: """
        Each response is matched to the record it answers by its requestID. Done requests give the ledger \
        QuickBooks' TxnID / ListID / EditSequence (later edits, voids and payments then use them); refused \
        ones are marked failed in QuickBooks, with QuickBooks' message and a fix, and the next convert writes \
        them again. Nothing is trusted: an answer of another kind than its request, a done answer without a \
        TxnID (ListID for list entries) or with one over 36 characters, and an answer that contradicts the one \
        ingested before (another TxnID: QuickBooks holds the record twice) change nothing and are told. Exit status \
        1 when QuickBooks refused a request or an answer was not taken; 2 for a --batch the ledger does not hold.
        """)

    @OptionGroup var location: LedgerOptions

    @Argument(help: "qbXML response files (QBXMLMsgsRs), as the Web Connector or the SDK returned them.")
    var responses: [String]

    @Option(help: "Match requestIDs in this batch only (default: the latest batch that wrote each).")
    var batch: Int64?

    @Flag(help: "Print the outcome as JSON.")
    var json = false

    func run() throws {
        let files = responses.map { URL(fileURLWithPath: $0) }
        try InputKind.requireTaken(files, by: .ingest)
        let result = try ResponseIngest.ingest(files, ledger: location.existingLedger(), batch: batch)
        if json {
            try printJSON(result)
        } else {
            let done = result.done.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
            Console.line("done in QuickBooks: \(done.isEmpty ? "nothing" : done)")
            for row in result.rows {
                let record = row.entity.map { "\($0) \(row.sourceID ?? "") (batch \(row.batch ?? 0))" } ?? row.requestID
                Console.line("\(row.outcome.rawValue): \(record) [\(row.source)]: \(row.message)")
                if !row.fix.isEmpty { Console.line("  fix: \(row.fix)") }
            }
        }
        if result.exitStatus != 0 { throw ExitCode(result.exitStatus) }
    }

    private func printJSON(_ result: ResponseIngest.Result) throws {
        Console.json(String(decoding: try result.json(), as: UTF8.self))
    }
}
