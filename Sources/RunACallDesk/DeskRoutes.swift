import Foundation
import Hummingbird
import RunACallQuickBooks

/// The desk's addresses (desk.md "Pages" and "JSON API").
struct DeskRoutes: Sendable {
    let settings: DeskSettings
    let secrets: DeskSecrets
    let jobs = JobBoard()

    func add(to router: Router<DeskContext>) {
        let workspace = Workspace(root: settings.workspace)
        router.get("/") { _, _ in StartPage(settings: settings, secrets: secrets, workspace: workspace).response }
        router.get("/desk.js") { _, _ in DeskScript.response }
        router.get("/exports/:export") { _, context in
            let export = try workspace.export(context.parameters.get("export"))
            return DeskPage.response(ExportPage(export: export, workspace: workspace, secrets: secrets).html)
        }
        router.get("/exports/:export/invoices/:invoice") { _, context in
            let export = try workspace.export(context.parameters.get("export"))
            let preview = try await ExportRoutes.preview(context.parameters.get("invoice") ?? "", of: export, settings: settings)
            return DeskPage.response(PreviewPage(preview: preview, exportID: export.id, secrets: secrets).html)
        }
        router.get("/batches") { _, _ in
            let batches = try await BlockingWork.run { try settings.batches() }
            return DeskPage.response(BatchesPage(batches: batches, secrets: secrets).html)
        }
        router.get("/batches/:batch") { _, context in
            let batch = try await BlockingWork.run { try settings.batch(context.parameters.get("batch")) }
            guard let batch else { throw HTTPError(.notFound) }
            return DeskPage.response(BatchPage(batch: batch, secrets: secrets).html)
        }
        router.get("/settings") { _, _ in DeskPage.response(SettingsPage(settings: settings, secrets: secrets).html) }
        router.get("/from-quickbooks") { _, _ in DeskPage.response(FromQuickBooksPage(secrets: secrets).html) }
        router.get("/runs/:export/:run/**") { _, context in
            let export = try workspace.export(context.parameters.get("export"))
            guard let run = context.parameters.get("run"), ContainedPath.isPlain(Substring(run)),
                  let file = ContainedPath.file(context.parameters.getCatchAll(), in: export.folder.appendingPathComponent(run)) else {
                throw DeskProblem.notFound
            }
            return try FileResponse.stream(file, contentType: FileResponse.contentType(of: file.path))
        }
        router.get("/api/session") { _, _ in
            DeskJSON.response([
                "csrf": secrets.csrf,
                "config": settings.configFile.path,
                "ledger": settings.ledger?.path ?? NSNull(),
                "version": ToolVersion.current,
            ] as [String: Any])
        }
        BatchRoutes(settings: settings, workspace: workspace).add(to: router)
        SettingsRoutes(settings: settings, workspace: workspace).add(to: router)
        ExportRoutes(settings: settings, jobs: jobs, workspace: workspace).add(to: router)
        ResponseRoutes(settings: settings, workspace: workspace).add(to: router)
        FromQuickBooksRoutes(settings: settings, jobs: jobs, workspace: workspace).add(to: router)
    }
}
