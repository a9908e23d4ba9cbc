import Foundation

/// The entities of an export.
public enum ExportEntity: String, CaseIterable, Sendable {
    case invoices, payments, payouts, customers, items
}

/// Finds the file of each entity in the paths the user gave: folders (first
/// of `.json`, `.jsonl`, `.csv` found wins) or single files named after their entity.
public struct ExportFiles: Sendable {
    public private(set) var files: [ExportEntity: URL] = [:]

    /// `invoices.json`, `invoices.jsonl`, … every file name an export folder may hold.
    static let candidateNames: Set<String> = Set(ExportEntity.allCases.flatMap { entity in
        ["json", "jsonl", "csv"].map { "\(entity.rawValue).\($0)" }
    })

    /// Locates the entity files; a `.zip` is unpacked into `scratch` first.
    /// Throws `.unreadableInput` when a path is missing or no invoices are found.
    public init(paths: [URL], scratch: URL) throws {
        for var path in paths {
            if path.pathExtension.lowercased() == "zip", FileManager.default.fileExists(atPath: path.path) {
                path = try ZippedExport.unpack(path, into: scratch.appendingPathComponent("export-\(path.deletingPathExtension().lastPathComponent)"))
            }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path.path, isDirectory: &isDirectory) else {
                throw FatalError(.unreadableInput, "\(path.path): no such file or folder")
            }
            if isDirectory.boolValue {
                for entity in ExportEntity.allCases where files[entity] == nil {
                    for ext in ["json", "jsonl", "csv"] {
                        let candidate = path.appendingPathComponent("\(entity.rawValue).\(ext)")
                        if FileManager.default.fileExists(atPath: candidate.path) { files[entity] = candidate; break }
                    }
                }
            } else {
                let name = path.lastPathComponent.lowercased()
                guard let entity = ExportEntity.allCases.first(where: { name.contains($0.rawValue) }) else {
                    throw FatalError(.usage, "\(path.lastPathComponent): cannot tell which entity the file holds; name it invoices.*, payments.*, payouts.*, customers.* or items.*")
                }
                guard ["json", "jsonl", "csv"].contains(path.pathExtension.lowercased()) else {
                    throw FatalError(.usage, "\(path.lastPathComponent): allowed file types are .json, .jsonl and .csv")
                }
                files[entity] = path
            }
        }
        guard files[.invoices] != nil else {
            throw FatalError(.unreadableInput, "no invoices file found (invoices.json, invoices.jsonl or invoices.csv) in \(paths.map(\.path).joined(separator: ", "))")
        }
    }

    /// Opens a stream over an entity's records, nil when the export has no such file.
    func stream(_ entity: ExportEntity) throws -> RawRecordStream? {
        guard let url = files[entity] else { return nil }
        switch url.pathExtension.lowercased() {
        case "jsonl": return try JSONLinesRecordStream(url: url)
        case "csv": return entity == .invoices ? try CSVInvoiceRecordStream(url: url) : try CSVFlatRecordStream(url: url)
        default: return try JSONRecordStream(url: url, entity: entity.rawValue)
        }
    }
}
