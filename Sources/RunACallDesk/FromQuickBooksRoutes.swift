import Foundation
import Hummingbird
import RunACallQuickBooks

/// `POST /api/from-quickbooks`: QuickBooks list files (a zip of them, or multipart) into Run a Call files, as
/// `rac2qb from-quickbooks` writes them, in a job; the folder then downloads like a batch's.
struct FromQuickBooksRoutes: Sendable {
    let settings: DeskSettings
    let jobs: JobBoard
    let workspace: Workspace

    func add(to router: Router<DeskContext>) {
        router.post("/api/from-quickbooks") { request, _ in
            let contentType = request.headers[.contentType] ?? ""
            let isZip = contentType.lowercased().hasPrefix("application/zip")
            let boundary = MultipartFiles.boundary(of: contentType)
            guard isZip || boundary != nil else { return DeskProblem.unsupportedUpload.response }
            let upload = try workspace.newUploadFile(named: isZip ? "lists.zip" : "lists.multipart")
            let lists = upload.deletingLastPathComponent().appendingPathComponent("lists", isDirectory: true)
            do {
                _ = try await UploadBody.store(request, to: upload, cap: settings.maxUpload)
                let files = try await BlockingWork.run { () throws -> [URL] in
                    guard let boundary else {
                        try ZippedListFiles.check(upload)
                        return [upload]
                    }
                    try FileManager.default.createDirectory(at: lists, withIntermediateDirectories: true)
                    defer { try? FileManager.default.removeItem(at: upload) }
                    return try MultipartFiles.split(upload, boundary: boundary, into: lists).map { lists.appendingPathComponent($0) }
                }
                let out = upload.deletingLastPathComponent().appendingPathComponent("out", isDirectory: true)
                let job = jobs.start { _ in
                    let result = try FromQuickBooks.run(FromQuickBooksOptions(
                        listPaths: files, configuration: try settings.currentConfiguration(), outputDirectory: out,
                        ledger: settings.ledger, ledgerWait: DeskSettings.ledgerWait))
                    let summary: [String: Any] = [
                        "batch": result.batch.map { $0 as Any } ?? NSNull(),
                        "out": out.path,
                        "files": try BatchArchive.files(in: out),
                        "download": "/api/from-quickbooks/\(upload.deletingLastPathComponent().lastPathComponent)/download",
                        "exit_status": Int(result.exitStatus),
                    ]
                    return try JSONSerialization.data(withJSONObject: summary, options: [.sortedKeys, .withoutEscapingSlashes])
                }
                return DeskJSON.response(status: .accepted, ["job": job])
            } catch is UploadBody.TooLarge {
                try? FileManager.default.removeItem(at: upload.deletingLastPathComponent())
                return DeskProblem.tooLarge.response
            } catch let problem as MultipartFiles.Problem {
                try? FileManager.default.removeItem(at: upload.deletingLastPathComponent())
                return DeskProblem.unsafeUpload(problem).response
            } catch let error as FatalError {
                try? FileManager.default.removeItem(at: upload.deletingLastPathComponent())
                return DeskErrors.response(error)
            }
        }
        router.get("/api/from-quickbooks/:run/download") { _, context in
            guard let out = workspace.uploadFolder(context.parameters.get("run"))?.appendingPathComponent("out", isDirectory: true),
                  FileManager.default.fileExists(atPath: out.path) else {
                return DeskProblem.notFound.response
            }
            return try await workspace.zipResponse(of: out, downloadName: "run-a-call.zip")
        }
    }
}
