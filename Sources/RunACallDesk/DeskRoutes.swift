import Foundation
import Hummingbird
import RunACallQuickBooks

/// The desk's addresses (desk.md "Pages" and "JSON API").
struct DeskRoutes: Sendable {
    let settings: DeskSettings
    let secrets: DeskSecrets
    let jobs = JobBoard()

    func add(to router: Router<DeskContext>) {
        router.get("/") { _, _ in StartPage(settings: settings, secrets: secrets).response }
        router.get("/api/session") { _, _ in
            DeskJSON.response([
                "csrf": secrets.csrf,
                "config": settings.configFile.path,
                "ledger": settings.ledger?.path ?? NSNull(),
                "version": ToolVersion.current,
            ] as [String: Any])
        }
        BatchRoutes(settings: settings).add(to: router)
        SettingsRoutes(settings: settings).add(to: router)
        ExportRoutes(settings: settings, jobs: jobs, workspace: Workspace(root: settings.workspace)).add(to: router)
    }
}
