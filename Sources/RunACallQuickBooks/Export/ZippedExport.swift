import Foundation
internal import ZIPFoundation

/// Unpacks the entity files of a zipped export (`export.zip` holding the
/// export folder) into a folder of the run's own. Only entries named like an
/// entity file are extracted, each to a fixed name, so no entry can write
/// outside that folder.
enum ZippedExport {
    static func unpack(_ zip: URL, into folder: URL) throws -> URL {
        let archive: Archive
        do {
            archive = try Archive(url: zip, accessMode: .read)
        } catch {
            throw FatalError(.unreadableInput, "\(zip.lastPathComponent): not a readable .zip archive (\(error))")
        }
        var chosen: [String: Entry] = [:]
        for entry in archive where entry.type == .file {
            let name = (entry.path as NSString).lastPathComponent.lowercased()
            guard ExportFiles.candidateNames.contains(name) else { continue }
            let depth = entry.path.split(separator: "/").count
            if let current = chosen[name], current.path.split(separator: "/").count <= depth { continue }
            chosen[name] = entry
        }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, entry) in chosen.sorted(by: { $0.key < $1.key }) {
            do {
                _ = try archive.extract(entry, to: folder.appendingPathComponent(name))
            } catch {
                throw FatalError(.unreadableInput, "\(zip.lastPathComponent): \(entry.path) cannot be extracted (\(error))")
            }
        }
        return folder
    }
}
