import Foundation

/// What an output folder holds before a run publishes into it: the
/// QuickBooks files an earlier run left there, which a run never removes or
/// overwrites unless the user says `--replace`.
enum OutputFolder {
    /// The folders of QuickBooks files (the report is not one).
    static let quickBooksFolders = ["iif", "qbo-csv", "qbxml"]

    /// Whether a path relative to the output folder is a QuickBooks file.
    static func isQuickBooksFile(_ relative: String) -> Bool {
        quickBooksFolders.contains { relative.hasPrefix("\($0)/") }
    }

    /// The QuickBooks files of our names in `folder`, relative to it, sorted.
    static func quickBooksFiles(in folder: URL) -> [String] {
        quickBooksFolders.flatMap { sub in
            ((try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent(sub).path)) ?? [])
                .filter(Staging.isOurs).map { "\(sub)/\($0)" }
        }.sorted()
    }

    /// Stops (exit 2) when `folder` holds QuickBooks files and `replace` is false,
    /// naming the batch that wrote them (when the ledger knows) and what to do
    /// (`canReplace`: whether the command offers `--replace`; `check` does not, its report would replace theirs).
    static func refuseEarlierFiles(in folder: URL, ledger: Ledger?, replace: Bool, canReplace: Bool) throws {
        let files = quickBooksFiles(in: folder)
        guard !replace, !files.isEmpty else { return }
        let path = folder.standardizedFileURL.path
        let batch = try ledger?.batches().last { $0.output == path }?.id
        let whose = batch.map { "QuickBooks files of batch \($0)" } ?? "QuickBooks files an earlier run wrote"
        let shown = files.prefix(5).joined(separator: ", ") + (files.count > 5 ? ", … \(files.count - 5) more" : "")
        throw FatalError(.usage, "--out \(folder.path) already holds \(whose) (\(shown)); a run never replaces them. "
            + "Import them into QuickBooks if that is not done yet, then run again with another --out"
            + (canReplace ? ", or give --replace to replace them. " : ". ") + "Nothing was written.")
    }
}
