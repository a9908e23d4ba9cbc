import Foundation
import RunACallSupport

/// Writes the config `rac2qb init` makes: complete or not at all, and never over an existing file
/// unless `replace` says so (the file is written beside it, then renamed into place).
public enum ConfigurationFile {
    /// Writes `text` to `url`. An existing file is a usage error (exit 2) naming it and ending with `fix`, unless
    /// `replace`; a folder that does not exist or cannot be written is exit 3 with the path and the cause.
    public static func write(_ text: String, to url: URL, replace: Bool, shownAs name: String, fix: String) throws {
        let folder = url.deletingLastPathComponent()
        guard SystemCalls.kind(folder.resolvingSymlinksInPath().path) == .folder else {
            throw FatalError(.unwritableOutput, "\(name): cannot be written: the folder \(folder.path) does not exist (create it first, or name another file)")
        }
        if !replace, SystemCalls.kind(url.path) != .missing { throw exists(name, fix) }
        let draft = folder.appendingPathComponent(".\(url.lastPathComponent).rac2qb-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        do {
            try Data((text + "\n").utf8).write(to: draft)
            if replace { try SystemCalls.rename(draft.path, url.path) } else { try SystemCalls.renameWithoutReplacing(draft.path, url.path) }
        } catch let failure as SystemCalls.Failure where failure.errno == EEXIST {
            try? FileManager.default.removeItem(at: draft)
            throw exists(name, fix)
        } catch {
            try? FileManager.default.removeItem(at: draft)
            throw OutputFailure.fatal(error, path: url)
        }
    }

    /// Replaces the contents of `url` (created when missing) with `text` exactly: written beside it with the
    /// file's permissions, then renamed over it, so that the file is never seen half written.
    public static func replaceContents(of url: URL, with text: String) throws {
        let folder = url.deletingLastPathComponent()
        let draft = folder.appendingPathComponent(".\(url.lastPathComponent).rac2qb-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        do {
            try Data(text.utf8).write(to: draft)
            if let permissions = try? FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] {
                try FileManager.default.setAttributes([.posixPermissions: permissions], ofItemAtPath: draft.path)
            }
            try SystemCalls.rename(draft.path, url.path)
        } catch {
            try? FileManager.default.removeItem(at: draft)
            throw OutputFailure.fatal(error, path: url)
        }
    }

    /// Throws the usage error of `write` when `url` exists already, before a long read is spent on it.
    public static func refuseExisting(_ url: URL, shownAs name: String, fix: String) throws {
        if SystemCalls.kind(url.path) != .missing { throw exists(name, fix) }
    }

    private static func exists(_ name: String, _ fix: String) -> FatalError {
        FatalError(.usage, "\(name) exists and was left as it is; \(fix)")
    }
}
