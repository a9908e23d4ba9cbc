import Foundation

/// A path from a request, resolved inside one folder or not at all: no `..`,
/// no `.`, no empty or absolute part, no backslash or NUL, and no symbolic link
/// on the way (each part is checked without following links).
enum ContainedPath {
    /// The regular file `parts` names under `folder`, or nil.
    static func file(_ parts: [Substring], in folder: URL) -> URL? {
        guard !parts.isEmpty else { return nil }
        var url = folder.standardizedFileURL
        for part in parts {
            guard isPlain(part) else { return nil }
            url.appendPathComponent(String(part))
            guard let type = fileType(url), type != .typeSymbolicLink else { return nil }
        }
        return fileType(url) == .typeRegular ? url : nil
    }

    /// One path part that names a child of its folder and nothing else.
    static func isPlain(_ part: Substring) -> Bool {
        !part.isEmpty && part != "." && part != ".." && !part.contains("/") && !part.contains("\\") && !part.contains("\0")
            && !part.contains(":")
    }

    /// The type of the entry itself (a link is a link, never its target).
    private static func fileType(_ url: URL) -> FileAttributeType? {
        (try? FileManager.default.attributesOfItem(atPath: url.path))?[.type] as? FileAttributeType
    }
}
