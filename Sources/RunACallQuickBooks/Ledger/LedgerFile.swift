import Foundation

/// The file a ledger's path leads to, as the system resolves it (symbolic
/// links, `.` and `..` followed), so that every spelling of one ledger is one
/// file with one lock beside it. Only a regular file with one name, or a new
/// file in an existing folder, is taken; anything else is refused (exit 3),
/// saying what the path names, before a lock or a database file is made.
public struct LedgerFile {
    /// The path as the caller named it, for messages.
    let named: URL
    /// Where the system reaches: the ledger file, its lock (`<real>.lock`) and SQLite's journal beside it.
    let real: URL

    /// Resolves `url` and checks what it names.
    init(_ url: URL) throws {
        named = url
        real = Self.resolved(url.path)
        let path = named.path
        switch SystemCalls.fileType(real.path) {
        case .missing:
            return
        case .regular:
            if let names = SystemCalls.linkCount(real.path), names > 1 {
                throw FatalError(.unreadableInput, "\(path): the ledger has \(names) names (hard links), so a run could not tell that another run works on it under another name. "
                    + "Keep one name: remove the other links (a copy, not a link, makes a backup), then run again. Nothing was written.")
            }
            guard Self.isSQLiteOrEmpty(real) else { throw Self.notALedger(path, "not an SQLite database") }
        case .symbolicLink:
            throw Self.notALedger(path, "a symbolic link to a file that does not exist, not a regular file")
        case .folder:
            throw Self.notALedger(path, "a folder, not a regular file")
        case .device:
            throw Self.notALedger(path, "a device, not a regular file")
        case .pipe:
            throw Self.notALedger(path, "a pipe, not a regular file")
        case .socket:
            throw Self.notALedger(path, "a socket, not a regular file")
        }
    }

    /// A path as the system reaches it: `path` as typed (never shortened by its words first: `x/..` is not the
    /// folder `x` sits in when `x` is a link) with every link followed; a file not made yet is named in its
    /// folder's real path. Commands pass `--ledger` through it before it becomes a URL.
    public static func resolved(_ path: String) -> URL {
        if let real = SystemCalls.realPath(path) { return URL(fileURLWithPath: real) }
        let cut = path.lastIndex(of: "/")
        let folder = cut.map { path[..<$0].isEmpty ? "/" : String(path[..<$0]) } ?? "."
        let name = cut.map { String(path[path.index(after: $0)...]) } ?? path
        guard !name.isEmpty, let real = SystemCalls.realPath(folder) else { return URL(fileURLWithPath: path) }
        return URL(fileURLWithPath: real).appendingPathComponent(name)
    }

    /// The refusal of a path that is not a rac2qb ledger, saying what it is.
    static func notALedger(_ path: String, _ what: String) -> FatalError {
        FatalError(.unreadableInput, "\(path): not a rac2qb ledger: \(what). Name the ledger file (rac2qb-ledger.sqlite beside the config "
            + "by default), or a new file in an existing folder for a new ledger. Nothing was written.")
    }

    /// Whether a regular file starts as an SQLite database does, or is empty (a ledger not written yet).
    private static func isSQLiteOrEmpty(_ url: URL) -> Bool {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return true }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 16)) ?? Data()
        return head.isEmpty || head == Data("SQLite format 3\u{0}".utf8)
    }
}
