import Foundation
import Hummingbird
import RunACallQuickBooks

/// `/api/exports`: an export uploaded (a zip, or the entity files as
/// multipart), then checked and converted as jobs, exactly as `rac2qb check`
/// and `rac2qb convert` do it.
struct ExportRoutes: Sendable {
    let settings: DeskSettings
    let jobs: JobBoard
    let workspace: Workspace

    func add(to router: Router<DeskContext>) {
        router.post("/api/exports") { request, _ in try await upload(request) }
        router.post("/api/exports/:export/check") { _, context in
            let export = try workspace.export(context.parameters.get("export"))
            return DeskJSON.response(status: .accepted, ["job": startRun(on: export, writing: false, formats: nil)])
        }
        router.post("/api/exports/:export/convert") { request, context in
            let export = try workspace.export(context.parameters.get("export"))
            let formats = try await ConvertRequest.formats(from: request)
            return DeskJSON.response(status: .accepted, ["job": startRun(on: export, writing: true, formats: formats)])
        }
        router.get("/api/exports/:export/rows") { request, context in
            let export = try workspace.export(context.parameters.get("export"))
            guard let run = workspace.latestRun(of: export) else { return DeskProblem.notChecked.response }
            let query = request.uri.queryParameters
            let filter = ReportRowIndex.Filter(status: query["status"].map(String.init), entity: query["entity"].map(String.init),
                                               code: query["code"].map(String.init), query: query["q"].map(String.init))
            let page = max(query["page"].flatMap { Int($0) } ?? 1, 1)
            let perPage = min(max(query["per_page"].flatMap { Int($0) } ?? 50, 1), 500)
            let found = try await BlockingWork.run {
                try ReportRowIndex.page(at: workspace.rowIndex(of: run), filter: filter, page: page, perPage: perPage)
            }
            return DeskJSON.response(["total": found.total, "page": page, "per_page": perPage, "rows": found.rows] as [String: Any])
        }
        router.get("/api/exports/:export/invoices/:invoice") { _, context in
            let export = try workspace.export(context.parameters.get("export"))
            let preview = try await Self.preview(context.parameters.get("invoice") ?? "", of: export, settings: settings)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            return DeskJSON.response(raw: try encoder.encode(preview))
        }
        router.get("/api/jobs/:job") { _, context in
            guard let job = jobs.job(context.parameters.get("job") ?? "") else { return DeskProblem.notFound.response }
            return DeskJSON.response(raw: JobBoard.json(job))
        }
    }

    /// Starts `check` (`writing` false) or `convert` on the export as a job, into a new run folder of its own,
    /// with the same options as the commands, the ledger's lock taken without waiting; the job's id.
    private func startRun(on export: Workspace.Export, writing: Bool, formats: [OutputFormat]?) -> String {
        jobs.start { progress in
            var configuration = try settings.currentConfiguration()
            if let formats { configuration.output.formats = formats.sorted() }
            let out = try workspace.newRunFolder(for: export, kind: writing ? "batch" : "check")
            var options = ConversionOptions(
                exportPaths: [export.input], configuration: configuration, outputDirectory: out,
                writeQuickBooksFiles: writing, progress: progress, ledger: settings.ledger, ledgerWait: DeskSettings.ledgerWait)
            options.rowIndex = workspace.rowIndex(of: out)
            let result = try Converter.run(options)
            try workspace.setLatestRun(out, for: export)
            return try RunSummary.json(result, folder: out)
        }
    }

    /// `rac2qb preview` of one invoice of the export, on a thread of its own; a 404 when the export has no such invoice.
    static func preview(_ invoice: String, of export: Workspace.Export, settings: DeskSettings) async throws -> InvoicePreview {
        let preview = try await BlockingWork.run {
            try Converter.run(ConversionOptions(
                exportPaths: [export.input], configuration: try settings.currentConfiguration(), outputDirectory: nil,
                writeQuickBooksFiles: false, previewInvoiceID: invoice, ledger: settings.ledger)).preview
        }
        guard let preview else { throw DeskProblem.notFound }
        return preview
    }

    /// `POST /api/exports`: stores the body, unpacks and checks what it holds; 201 with what was found.
    private func upload(_ request: Request) async throws -> Response {
        let contentType = request.headers[.contentType] ?? ""
        let export = try workspace.newExport()
        do {
            if contentType.lowercased().hasPrefix("application/zip") {
                _ = try await UploadBody.store(request, to: export.zip, cap: settings.maxUpload)
            } else if let boundary = MultipartFiles.boundary(of: contentType) {
                let body = export.folder.appendingPathComponent("upload.multipart")
                _ = try await UploadBody.store(request, to: body, cap: settings.maxUpload)
                try await BlockingWork.run {
                    try FileManager.default.createDirectory(at: export.files, withIntermediateDirectories: true)
                    defer { try? FileManager.default.removeItem(at: body) }
                    _ = try MultipartFiles.split(body, boundary: boundary, into: export.files)
                }
            } else {
                workspace.discard(export)
                return DeskProblem.unsupportedUpload.response
            }
            let answer = try await BlockingWork.run {
                let found = try ExportFiles(paths: [export.input], scratch: export.folder.appendingPathComponent("scratch"))
                let survey = try ExportSurvey.read(found)
                let answer = try JSONSerialization.data(withJSONObject: UploadAnswer.object(export: export, files: found, survey: survey),
                                                        options: [.sortedKeys, .withoutEscapingSlashes])
                try workspace.setFound(answer, for: export)
                return answer
            }
            return DeskJSON.response(status: .created, raw: answer)
        } catch is UploadBody.TooLarge {
            workspace.discard(export)
            return DeskProblem.tooLarge.response
        } catch let problem as MultipartFiles.Problem {
            workspace.discard(export)
            return DeskProblem.unsafeUpload(problem).response
        } catch let error as FatalError {
            workspace.discard(export)
            return DeskErrors.response(error)
        }
    }
}

/// What `POST /api/exports` answers: the export's id, its files, the records of each entity, the invoices'
/// date range, the entities it lacks, notes, and the tax rates and categories it uses (the settings page
/// offers them for mapping).
enum UploadAnswer {
    static func object(export: Workspace.Export, files: ExportFiles, survey: ExportSurvey) -> [String: Any] {
        let names = ExportEntity.allCases.flatMap { entity in (files.files[entity] ?? []).map(\.lastPathComponent) }
        var notes: [String] = files.passedOver
        if files.files[.payments] == nil { notes.append("no payments file: customer balances will not be reconciled") }
        if survey.unreadableInvoices > 0 { notes.append("\(survey.unreadableInvoices) invoice record(s) could not be read: the check names each with its fix") }
        var dates: [String: Any] = [:]
        if let first = survey.firstDate, let last = survey.lastDate { dates = ["from": first.description, "to": last.description] }
        return [
            "id": export.id,
            "files": names,
            "records": Dictionary(uniqueKeysWithValues: survey.records.map { ($0.key.rawValue, $0.value) }),
            "dates": dates,
            "absent": files.absentEntities.map(\.rawValue),
            "notes": notes,
            "rates": survey.rates.map { ["name": $0.name, "invoices": $0.invoices, "tax": $0.tax.description] as [String: Any] },
            "categories": survey.categories.map { ["name": $0.name, "items": $0.items, "lines": $0.lines] as [String: Any] },
        ]
    }
}

/// The body of `POST /api/exports/{id}/convert`: `{"formats": ["iif", ...]}`, optional.
enum ConvertRequest {
    static func formats(from request: Request) async throws -> [OutputFormat]? {
        var request = request
        let body = try await request.collectBody(upTo: 64 << 10)
        guard body.readableBytes > 0 else { return nil }
        guard let object = try? JSONSerialization.jsonObject(with: Data(buffer: body)) as? [String: Any] else {
            throw FatalError(.usage, "the body is not a JSON object; send {\"formats\": [\"iif\", \"qbo-csv\", \"qbxml\"]} or nothing")
        }
        guard let names = object["formats"] else { return nil }
        guard let list = names as? [String], !list.isEmpty else {
            throw FatalError(.usage, "formats: name at least one of iif, qbo-csv, qbxml")
        }
        var formats: [OutputFormat] = []
        for name in list {
            guard let format = OutputFormat(rawValue: name) else {
                throw FatalError(.usage, "formats: \"\(name)\" is not allowed; allowed: iif, qbo-csv, qbxml")
            }
            if !formats.contains(format) { formats.append(format) }
        }
        return formats.sorted()
    }
}

/// A finished run as the job's summary: `sync-report.json`'s summary plus the batch and the folder.
enum RunSummary {
    static func json(_ result: ConversionResult, folder: URL) throws -> Data {
        let report = folder.appendingPathComponent("report/sync-report.json")
        var summary = ReportSummaryReader.summary(of: report) ?? [:]
        summary["batch"] = result.batch.map { $0 as Any } ?? NSNull()
        summary["nothing_new"] = result.nothingNew
        summary["out"] = folder.path
        summary["files"] = result.files
        summary["exit_status"] = Int(result.exitStatus)
        return try JSONSerialization.data(withJSONObject: summary, options: [.sortedKeys, .withoutEscapingSlashes])
    }
}
