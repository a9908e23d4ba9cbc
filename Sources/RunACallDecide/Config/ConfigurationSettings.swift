import Foundation
import RunACallSupport

/// The config file as the desk's settings read and change it: every declared key with its value, read by the
/// loader; changes written into the file in place (`ConfigurationTextEdit`), checked by the same loader, and
/// saved whole or not at all.
public enum ConfigurationSettings {
    /// A problem with a key: the loader's words, and what the key allows.
    public struct Problem: Sendable, Equatable {
        /// The declared key (`payments.stripe_payout_account`), or nil for the file as a whole.
        public let key: String?
        public let message: String
        public let allowed: [String]

        public init(key: String?, message: String, allowed: [String]) {
            self.key = key
            self.message = message
            self.allowed = allowed
        }
    }

    /// Why the settings were not read, or not changed (the file then left as it was).
    public struct Problems: Error, Sendable {
        public let problems: [Problem]
    }

    /// The configuration the file at `url` holds, the built-in defaults when there is no file.
    public static func read(_ url: URL) -> Result<Configuration, Problems> {
        guard SystemCalls.kind(url.path) != .missing else { return .success(Configuration()) }
        do {
            return check(try ConfigurationLoader.text(of: url), at: url)
        } catch {
            return .failure(Problems(problems: [problem(error)]))
        }
    }

    /// Sets each key of `changes` (dotted paths) in the file at `url` (made from the starter when there is none):
    /// every change written in place, the whole file read by the loader, then saved atomically; on any problem
    /// nothing is written.
    public static func change(_ url: URL, _ changes: [String: ConfigurationInput]) -> Result<Configuration, Problems> {
        lock.withLock {
            do {
                return try changing(url, changes)
            } catch {
                return .failure(Problems(problems: [problem(error)]))
            }
        }
    }

    private static let lock = NSLock()

    private static func changing(_ url: URL, _ changes: [String: ConfigurationInput]) throws -> Result<Configuration, Problems> {
        var problems: [Problem] = []
        var known: [(ConfigurationKey, ConfigurationInput)] = []
        for (path, input) in changes.sorted(by: { $0.key < $1.key }) {
            guard let key = ConfigurationKeys.key(path) else {
                problems.append(Problem(key: path, message: "\(path): unknown key", allowed: ConfigurationKeys.all.map(\.path)))
                continue
            }
            guard input.fits(key.kind) else {
                problems.append(Problem(key: path, message: "\(path): \(key.kind.expected)", allowed: key.allowed))
                continue
            }
            known.append((key, input))
        }
        guard problems.isEmpty else { return .failure(Problems(problems: problems)) }
        let exists = SystemCalls.kind(url.path) != .missing
        let original = exists ? try ConfigurationLoader.text(of: url) : StarterConfiguration.text + "\n"
        let before = try? ConfigurationLoader.read(original, fileName: url.lastPathComponent)
        var edit = ConfigurationTextEdit(original)
        for (key, input) in known {
            do {
                try edit.set(key, to: input)
            } catch is ConfigurationTextEdit.NotInPlace {
                return .failure(Problems(problems: [notInPlace(key, url)]))
            }
        }
        let checked = check(edit.text, at: url)
        guard case .success(let configuration) = checked else { return checked }
        if let (old, issues) = before, issues.isEmpty {
            let changed = Set(known.map(\.0.path))
            if let touched = ConfigurationKeys.all.first(where: { !changed.contains($0.path) && $0.value(in: old) != $0.value(in: configuration) }) {
                return .failure(Problems(problems: [notInPlace(touched, url)]))
            }
        }
        try ConfigurationFile.replaceContents(of: url, with: edit.text)
        return .success(configuration)
    }

    /// The text's configuration, or every issue of it by key.
    /// The configuration `text` (the file at `url`, as it is or as it would be) holds, located at `url` as the
    /// loader locates a file it loads, or every issue of it by key.
    private static func check(_ text: String, at url: URL) -> Result<Configuration, Problems> {
        do {
            var (configuration, issues) = try ConfigurationLoader.read(text, fileName: url.lastPathComponent)
            configuration.locate(at: url)
            guard !issues.isEmpty else { return .success(configuration) }
            return .failure(Problems(problems: issues.map { issue in
                let key = ConfigurationKeys.key(containing: issue.key)
                return Problem(key: key?.path ?? issue.key, message: issue.description, allowed: key?.allowed ?? [])
            }))
        } catch {
            return .failure(Problems(problems: [problem(error)]))
        }
    }

    private static func problem(_ error: any Error) -> Problem {
        Problem(key: nil, message: (error as? FatalError)?.description ?? String(describing: error), allowed: [])
    }

    private static func notInPlace(_ key: ConfigurationKey, _ url: URL) -> Problem {
        Problem(key: key.path, message: "\(url.lastPathComponent): \(key.path): the file writes this key in a way the settings page cannot "
                    + "change without touching other lines (a block, an anchor or a flow mapping); change it in the file itself",
                allowed: key.allowed)
    }
}
