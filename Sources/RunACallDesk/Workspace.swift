import Foundation
import Hummingbird
import RunACallQuickBooks

/// The desk's own folder (desk.md `--workspace`): `exports/N/` for each
/// upload (`upload.zip` or `files/`, and the folder of each check and batch run
/// on it). Nothing a request sends names a path here: ids are numbers the desk
/// gave out.
struct Workspace: Sendable {
    let root: URL

    /// One uploaded export.
    struct Export: Sendable {
        let id: String
        let folder: URL
        var zip: URL { folder.appendingPathComponent("upload.zip") }
        var files: URL { folder.appendingPathComponent("files", isDirectory: true) }
        /// What `convert` reads: the zip, or the folder of files.
        var input: URL { FileManager.default.fileExists(atPath: zip.path) ? zip : files }
    }

    private var exports: URL { root.appendingPathComponent("exports", isDirectory: true) }

    /// A new, empty export folder with the next free number.
    func newExport() throws -> Export {
        let folder = try Self.newNumberedFolder(in: exports)
        return Export(id: folder.lastPathComponent, folder: folder)
    }

    /// A new folder `PREFIXN` in `parent` (made when missing), N the first number no folder there has:
    /// made with the exclusive create the file system gives, so two requests never share one.
    private static func newNumberedFolder(in parent: URL, prefix: String = "") throws -> URL {
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        for number in 1... {
            let folder = parent.appendingPathComponent("\(prefix)\(number)", isDirectory: true)
            if (try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)) != nil { return folder }
        }
        fatalError("unreachable: an unbounded range")
    }

    /// Whether `id` is a number the desk gives out (`1`, `2`, …; never a path, a sign or a leading zero).
    private static func isNumber(_ id: String) -> Bool {
        Int(id).map { $0 > 0 && String($0) == id } ?? false
    }

    /// The export `id` names: a number the desk gave out, whose folder holds an upload.
    func export(_ id: String?) throws -> Export {
        guard let id, Self.isNumber(id) else { throw DeskProblem.notFound }
        let export = Export(id: id, folder: exports.appendingPathComponent(id, isDirectory: true))
        guard FileManager.default.fileExists(atPath: export.zip.path) || FileManager.default.fileExists(atPath: export.files.path) else {
            throw DeskProblem.notFound
        }
        return export
    }

    /// Removes an upload that was refused.
    func discard(_ export: Export) { try? FileManager.default.removeItem(at: export.folder) }

    /// A new folder for one run on the export (`check-1`, `batch-2`, ...), numbered apart from every earlier one.
    func newRunFolder(for export: Export, kind: String) throws -> URL {
        try Self.newNumberedFolder(in: export.folder, prefix: "\(kind)-")
    }

    /// Remembers the export's latest run, whose report the review grid shows.
    func setLatestRun(_ folder: URL, for export: Export) throws {
        try Data(folder.lastPathComponent.utf8).write(to: export.folder.appendingPathComponent("latest"), options: .atomic)
    }

    /// The export's latest run folder, if any.
    func latestRun(of export: Export) -> URL? {
        guard let name = try? String(contentsOf: export.folder.appendingPathComponent("latest"), encoding: .utf8),
              ContainedPath.isPlain(Substring(name)) else { return nil }
        return export.folder.appendingPathComponent(name, isDirectory: true)
    }

    /// The review grid's index of a run's report rows: beside the run's folder, never inside it
    /// (a batch's folder holds only what `convert` writes).
    func rowIndex(of run: URL) -> URL {
        run.deletingLastPathComponent().appendingPathComponent(run.lastPathComponent + ".rows.sqlite")
    }

    private var uploads: URL { root.appendingPathComponent("uploads", isDirectory: true) }

    /// A file of the given name in a new numbered folder under `uploads/` (responses, QuickBooks lists).
    func newUploadFile(named name: String) throws -> URL {
        try Self.newNumberedFolder(in: uploads).appendingPathComponent(name)
    }

    /// The upload folder `id` names, when it is a number the desk gave out.
    func uploadFolder(_ id: String?) -> URL? {
        guard let id, Self.isNumber(id) else { return nil }
        let folder = uploads.appendingPathComponent(id, isDirectory: true)
        return FileManager.default.fileExists(atPath: folder.path) ? folder : nil
    }

    /// The ids of the exports uploaded so far, in upload order.
    func exportIDs() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: exports.path)) ?? []
        return names.compactMap(Int.init).sorted().map(String.init)
            .filter { (try? export($0)) != nil }
    }

    /// Keeps what the upload found (`POST /api/exports`' answer) beside the export.
    func setFound(_ json: Data, for export: Export) throws {
        try json.write(to: export.folder.appendingPathComponent("found.json"), options: .atomic)
    }

    /// What the upload found, as its JSON object.
    func found(of export: Export) -> [String: Any] {
        guard let data = try? Data(contentsOf: export.folder.appendingPathComponent("found.json")),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return [:] }
        return object
    }

    /// One line on an export: its files.
    func foundSummary(of id: String) -> String {
        guard let export = try? export(id) else { return "" }
        let files = found(of: export)["files"] as? [String] ?? []
        return files.isEmpty ? "" : "(" + files.joined(separator: ", ") + ")"
    }

    /// A zip of `folder` in the desk's downloads folder, streamed and then removed.
    func zipResponse(of folder: URL, downloadName: String) async throws -> Response {
        let downloads = root.appendingPathComponent("downloads", isDirectory: true)
        let file = downloads.appendingPathComponent("\(UUID().uuidString).zip")
        try await BlockingWork.run {
            try FileManager.default.createDirectory(at: downloads, withIntermediateDirectories: true)
            try BatchArchive.write(folder: folder, to: file)
        }
        return try FileResponse.stream(file, contentType: "application/zip", downloadName: downloadName, removeAfter: true)
    }
}
