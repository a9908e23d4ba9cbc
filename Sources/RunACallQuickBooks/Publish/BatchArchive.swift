import Foundation
internal import ZIPFoundation

/// A batch's output folder as one zip, for the desk's download: every regular
/// file under it (QuickBooks files, report, worksheets), named as under the
/// folder (`iif/quickbooks.iif`), no top folder, in name order. Hidden entries
/// (a run's staging folder) and symbolic links are left out.
public enum BatchArchive {
    /// The files the zip holds, relative to `folder`, sorted.
    public static func files(in folder: URL) throws -> [String] {
        let root = folder.standardizedFileURL
        guard let walker = FileManager.default.enumerator(
            at: root, includingPropertiesForKeys: [.isRegularFileKey, .isSymbolicLinkKey], options: [.skipsHiddenFiles])
        else { return [] }
        var found: [String] = []
        for case let url as URL in walker {
            let values = try url.resourceValues(forKeys: [.isRegularFileKey, .isSymbolicLinkKey])
            guard values.isSymbolicLink != true, values.isRegularFile == true else { continue }
            let path = url.standardizedFileURL.path
            guard path.hasPrefix(root.path + "/") else { continue }
            found.append(String(path.dropFirst(root.path.count + 1)))
        }
        return found.sorted()
    }

    /// Writes the zip of `folder` to `destination` (which must not exist yet).
    public static func write(folder: URL, to destination: URL) throws {
        let archive = try Archive(url: destination, accessMode: .create)
        for file in try files(in: folder) {
            try archive.addEntry(with: file, relativeTo: folder.standardizedFileURL, compressionMethod: .deflate)
        }
    }
}
