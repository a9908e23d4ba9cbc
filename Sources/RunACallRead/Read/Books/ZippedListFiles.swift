import Foundation
import RunACallSupport
internal import ZIPFoundation

/// QuickBooks list files given as a zip (`from-quickbooks lists.zip`, the desk's upload): every `.iif`, `.xml`
/// and `.csv` entry unpacked, in path order, each labelled `lists.zip: folder/customers.iif` in the report. As
/// for a zipped export, a symlink or a path leaving the archive refuses it, and the bytes unpacked are counted
/// against `ZipLimits`; an entry of another kind refuses it too (named), so that nothing in it is passed over
/// without a word. The zip tool's own entries (`__MACOSX/`, `._name`, `.DS_Store`) are not list files.
public enum ZippedListFiles {
    static let extensions: Set<String> = ["iif", "xml", "csv"]

    /// Refuses `zip` as `from-quickbooks` would, before anything is unpacked: not a zip, a symlink or a path
    /// leaving it, an entry that is not a list file, or no list file at all.
    public static func check(_ zip: URL) throws {
        _ = try listEntries(of: try archive(zip), name: zip.lastPathComponent)
    }

    /// The list files of `zip`, unpacked under `folder`, with their labels.
    public static func unpack(_ zip: URL, into folder: URL, limits: ZipLimits = .standard) throws -> [(file: URL, label: String)] {
        let name = zip.lastPathComponent
        let archive = try archive(zip)
        let entries = try listEntries(of: archive, name: name)
        let (budget, allowed) = limits.budget(of: zip)
        var written: UInt64 = 0
        var unpacked: [(file: URL, label: String)] = []
        for (position, entry) in entries.sorted(by: { $0.path < $1.path }).enumerated() {
            let target = folder.appendingPathComponent("\(position)")
            try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
            let file = target.appendingPathComponent((entry.path as NSString).lastPathComponent)
            try ZippedExport.extract(entry, of: archive, to: file, zipName: name, budget: budget, allowed: allowed, written: &written)
            unpacked.append((file, "\(name): \(entry.path)"))
        }
        return unpacked
    }

    private static func archive(_ zip: URL) throws -> Archive {
        do {
            return try Archive(url: zip, accessMode: .read)
        } catch {
            throw FatalError(.unreadableInput, "\(zip.lastPathComponent): not a readable .zip archive (\(error))")
        }
    }

    /// The archive's list file entries; throws for an unsafe entry, an entry of another kind, or none.
    private static func listEntries(of archive: Archive, name: String) throws -> [Entry] {
        var entries: [Entry] = []
        var others: [String] = []
        for entry in archive {
            try ZippedExport.refuseUnsafe(entry, in: name)
            guard entry.type == .file, !isZipToolEntry(entry.path) else { continue }
            let suffix = (entry.path as NSString).pathExtension.lowercased()
            if extensions.contains(suffix) { entries.append(entry) } else { others.append(entry.path) }
        }
        guard others.isEmpty else {
            throw FatalError(.usage, "\(name): holds \(others.sorted().map { "\"\($0)\"" }.joined(separator: ", ")), not a QuickBooks list "
                + "file, so nothing was read; allowed: .iif, .xml and .csv list exports in the zip (take the other files out)")
        }
        guard !entries.isEmpty else {
            throw FatalError(.usage, "\(name): holds no QuickBooks list file; allowed: .iif, .xml and .csv list exports in the zip")
        }
        return entries
    }

    /// Entries a zip tool adds beside the files (macOS resource forks, Finder's folder settings).
    private static func isZipToolEntry(_ path: String) -> Bool {
        let last = (path as NSString).lastPathComponent
        return path.hasPrefix("__MACOSX/") || last.hasPrefix("._") || last == ".DS_Store"
    }
}
