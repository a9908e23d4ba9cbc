import Foundation
import Hummingbird
import RunACallQuickBooks

/// `/api/batches`: the ledger's batches (`rac2qb history --json`), each batch's
/// files and zip, and undo of the latest.
struct BatchRoutes: Sendable {
    let settings: DeskSettings
    let workspace: Workspace

    func add(to router: Router<DeskContext>) {
        router.get("/api/batches") { _, _ in
            DeskJSON.response(raw: try await BlockingWork.run { try LedgerHistory.json(try settings.batches()) })
        }
        router.get("/api/batches/:batch/download") { _, context in
            let batch = try await BlockingWork.run { try namedBatch(context.parameters.get("batch")) }
            return try await workspace.zipResponse(of: URL(fileURLWithPath: batch.output), downloadName: "batch-\(batch.id).zip")
        }
        router.get("/api/batches/:batch/files/**") { _, context in
            let batch = try await BlockingWork.run { try namedBatch(context.parameters.get("batch")) }
            let parts = context.parameters.getCatchAll()
            guard let file = ContainedPath.file(parts, in: URL(fileURLWithPath: batch.output)) else {
                return DeskProblem.notFound.response
            }
            return try FileResponse.stream(file, contentType: FileResponse.contentType(of: file.path))
        }
        router.post("/api/batches/:batch/undo") { _, context in
            guard let ledger = settings.existingLedger, let number = Int64(context.parameters.get("batch") ?? "") else {
                return DeskProblem.notFound.response
            }
            guard let latest = try await BlockingWork.run({ try LedgerHistory.batches(in: ledger).last }), latest.id == number else {
                return DeskProblem.notLatestBatch.response
            }
            let version = try settings.currentConfiguration().output.qbxmlVersion
            let plan = try await BlockingWork.run {
                try BatchUndo.undo(batch: number, ledger: ledger, output: nil, qbxmlVersion: version, dryRun: false, ledgerWait: DeskSettings.ledgerWait)
            }
            return DeskJSON.response(["undone": plan.batch, "files": plan.files, "folder": plan.folder.path] as [String: Any])
        }
    }

    /// The batch the address names, or a 404.
    private func namedBatch(_ id: String?) throws -> LedgerHistory.Batch {
        guard let batch = try settings.batch(id) else { throw HTTPError(.notFound) }
        return batch
    }
}
