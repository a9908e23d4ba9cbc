import Foundation
import Hummingbird
import RunACallQuickBooks

/// `POST /api/responses`: a qbXML response file QuickBooks returned, ingested
/// exactly as `rac2qb ingest` does (same checks, same JSON).
struct ResponseRoutes: Sendable {
    let settings: DeskSettings
    let workspace: Workspace

    func add(to router: Router<DeskContext>) {
        router.post("/api/responses") { request, _ in
            guard let ledger = settings.ledger, FileManager.default.fileExists(atPath: ledger.path) else {
                return DeskProblem.noLedger.response
            }
            let batch = request.uri.queryParameters["batch"].flatMap { Int64($0) }
            let file = try workspace.newUploadFile(named: "response.xml")
            defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
            do {
                _ = try await UploadBody.store(request, to: file, cap: settings.maxUpload)
            } catch is UploadBody.TooLarge {
                return DeskProblem.tooLarge.response
            }
            let result = try await BlockingWork.run {
                try InputKind.requireTaken([file], by: .ingest)
                return try ResponseIngest.ingest([file], ledger: ledger, batch: batch, ledgerWait: DeskSettings.ledgerWait)
            }
            return DeskJSON.response(raw: try result.json())
        }
    }
}
