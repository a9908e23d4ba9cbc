import Foundation
import RunACallSupport
internal import Yams

/// A configuration problem at a key: `rac2qb.yml:12:9: invoices.when: …`.
public struct ConfigurationIssue: Sendable, CustomStringConvertible {
    public let file: String
    public let line: Int
    public let column: Int
    public let key: String
    public let reason: String

    public var description: String { "\(file):\(line):\(column): \(key): \(reason)" }
}

/// Reads `rac2qb.yml` strictly, by the keys `ConfigurationKeys` declares: every key known, every
/// value typed, every problem reported with its key, line and column.
public enum ConfigurationLoader {
    /// Loads a configuration file; throws a `.usage` `FatalError` listing every issue.
    public static func load(contentsOf url: URL) throws -> Configuration {
        var configuration = try parse(try text(of: url), fileName: url.lastPathComponent)
        configuration.locate(at: url)
        return configuration
    }

    /// The text of the config file at `url`, decoded as the loader reads it.
    static func text(of url: URL) throws -> String {
        let bytes: [UInt8]
        do {
            bytes = [UInt8](try Data(contentsOf: url))
        } catch {
            throw FatalError(.usage, "\(url.path): the configuration file cannot be read (\(error.localizedDescription))")
        }
        return try ConfigurationText.decode(bytes, fileName: url.lastPathComponent)
    }

    /// Parses configuration text.
    public static func parse(_ text: String, fileName: String = "rac2qb.yml") throws -> Configuration {
        let (configuration, issues) = try read(text, fileName: fileName)
        guard issues.isEmpty else {
            throw FatalError(.usage, issues.map(\.description).joined(separator: "\n"))
        }
        return configuration
    }

    /// Reads configuration text: what it sets and every issue, each with its key (a YAML syntax error is thrown).
    static func read(_ text: String, fileName: String = "rac2qb.yml") throws -> (Configuration, [ConfigurationIssue]) {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            throw ConfigurationSyntaxError.describe(error, text: text, fileName: fileName)
        }
        return read(root, fileName: fileName)
    }

    private static func read(_ root: Node?, fileName: String) -> (Configuration, [ConfigurationIssue]) {
        var reader = ConfigurationReader(fileName: fileName)
        var configuration = Configuration()
        if let root { reader.read(root, into: &configuration) }
        return (configuration, reader.issues)
    }
}
