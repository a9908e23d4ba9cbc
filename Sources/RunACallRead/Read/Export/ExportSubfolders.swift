import Foundation
import RunACallSupport

/// A folder given as an export is read at its top; a folder inside it that holds entity files
/// (`export/oct/invoices.json`) would be passed over without a word, so the run stops naming it
/// and how to read it (outputs.md: every input named is read, or the run stops naming it).
/// A zip's folders are read: the archive is one thing the user handed over, a folder tree is not
/// (it may hold an older export, or a copy), so a subfolder is read only when named.
enum ExportSubfolders {
    /// Stops the run (exit 2) when a folder under `folder`, at any depth, holds an entity file. Folders in
    /// `skipping` (the run's output and scratch folders) and rac2qb output folders (`report/sync-report.json`)
    /// are not looked into; a symbolic link to a folder is looked into, not followed further.
    static func refuseUnread(in folder: URL, skipping: [URL]) throws {
        let skipped = Set(skipping.map { $0.standardizedFileURL.resolvingSymlinksInPath().path })
        var found: [(name: String, files: [String])] = []
        var pending: [(url: URL, relative: String)] = [(folder, "")]
        while let (current, relative) = pending.popLast() {
            for child in children(of: current) {
                let path = child.standardizedFileURL.resolvingSymlinksInPath().path
                guard !skipped.contains(path), isFolder(child) else { continue }
                let name = relative.isEmpty ? child.lastPathComponent : "\(relative)/\(child.lastPathComponent)"
                if FileManager.default.fileExists(atPath: child.appendingPathComponent("report/sync-report.json").path) { continue }
                let entityFiles = children(of: child).map { $0.lastPathComponent }
                    .filter { ExportFiles.candidateNames.contains($0.lowercased()) }.sorted()
                if !entityFiles.isEmpty { found.append((name, entityFiles)) }
                if !isLink(child) { pending.append((child, name)) }
            }
        }
        guard !found.isEmpty else { return }
        found.sort { $0.name < $1.name }
        let listed = found.prefix(5).map { "\($0.name)/ (\($0.files.joined(separator: ", ")))" }.joined(separator: ", ")
        let shown = found.count > 5 ? listed + ", … \(found.count - 5) more" : listed
        let named = found.prefix(3).map { folder.appendingPathComponent($0.name).path }
        throw FatalError(.usage, "\(folder.path): the folder\(found.count == 1 ? "" : "s") \(shown) inside it hold\(found.count == 1 ? "s" : "") "
            + "export files, which reading \(folder.lastPathComponent) does not take in, so nothing was read; allowed: each export folder "
            + "named on the command line (rac2qb convert \(([folder.path] + named).joined(separator: " "))\(found.count > 3 ? " …" : "")), "
            + "or the files moved out of the subfolder\(found.count == 1 ? "" : "s") (a zip's folders are all read)")
    }

    private static func children(of folder: URL) -> [URL] {
        (try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: [.isDirectoryKey, .isSymbolicLinkKey])) ?? []
    }

    private static func isFolder(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    private static func isLink(_ url: URL) -> Bool {
        (try? url.resourceValues(forKeys: [.isSymbolicLinkKey]).isSymbolicLink) == true
    }
}
