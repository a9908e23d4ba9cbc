import Foundation

/// What running the same command again would do, in plain words, said at the
/// end of every `convert` and `from-quickbooks` run: the ledger is the only
/// state a run leaves, and the user is told what it makes of a second run.
enum RerunNote {
    /// After `convert`. `ledger`: its path as shown (nil without one); `batch`: the batch recorded;
    /// `latest`: the latest batch before the run; `output`: the output folder as shown; `keptBatch`: when a
    /// run with nothing new left the earlier files of the output folder in place, the batch that wrote them (0: unknown).
    static func convert(ledger: String?, batch: Int64?, latest: Int64?, nothingNew: Bool, output: String, keptBatch: Int64?) -> String {
        guard let ledger else {
            return "no ledger: running it again writes every record again (import the files of one run only)"
        }
        if let batch {
            return "batch \(batch) recorded in ledger \(ledger): running the same export again writes nothing new "
                + "(only what is added or changed since, and what failed once fixed)"
        }
        guard nothingNew else { return "no batch recorded in ledger \(ledger)" }
        let head = latest.map { "nothing new since batch \($0)" } ?? "nothing to write"
        let place = keptBatch.map { kept in
            "; \(output) still holds the files and report of \(kept > 0 ? "batch \(kept)" : "an earlier run"), left as they were "
                + "(--replace replaces them only with new ones)"
        } ?? " (the report is in \(output)/report)"
        let every = latest.map { "every record is already in a batch of ledger \(ledger) (latest: batch \($0)), or fails or is skipped again" }
            ?? "every record fails or is skipped"
        return "\(head): no QuickBooks file written and no batch recorded\(place); \(every); running it again does the same. "
            + "To write everything again, run with --no-ledger or another --ledger"
    }

    /// After `from-quickbooks`, as `convert` (`keptEarlier`: a run that sent nothing left the earlier Run a Call files in place).
    static func fromQuickBooks(ledger: String?, batch: Int64?, nothingNew: Bool, output: String, keptEarlier: Bool) -> String {
        if nothingNew {
            let place = keptEarlier ? "; \(output) still holds the files and report of an earlier run, left as they were (--replace replaces them only with new ones)"
                : " (the report is in \(output)/report)"
            return "nothing new to send to Run a Call: no Run a Call file written and no batch recorded\(place); running the same lists again does the same"
        }
        guard let ledger else { return "no ledger: running it again sends every record again (import the files of one run only)" }
        return "batch \(batch.map(String.init) ?? "") recorded in ledger \(ledger): running the same lists again sends nothing new (\"Already sent in batch\")"
    }
}
