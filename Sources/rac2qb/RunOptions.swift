import ArgumentParser
import Foundation
import RunACallQuickBooks

/// Options shared by the commands that read an export.
struct RunOptions: ParsableArguments {
    @Argument(help: "The export: a folder, or single entity files (invoices.json, customers.csv, ...).")
    var export: [String]

    @Option(help: "The config file (default: rac2qb.yml in the current folder, then in the export folder).")
    var config: String?

    @Option(help: "Formats to write, comma separated: iif, qbo-csv, qbxml (default: the config's output.formats).")
    var formats: String?

    @Flag(help: "No progress on standard error.")
    var quiet = false

    @Flag(help: "Print the summary as JSON on standard output.")
    var json = false

    @Option(help: "The ledger of earlier batches (default: the config's ledger, rac2qb-ledger.sqlite next to the config).")
    var ledger: String?

    @Flag(name: .customLong("no-ledger"), help: "Run without a ledger: everything is written as if never exported.")
    var noLedger = false

    var exportURLs: [URL] { export.map { URL(fileURLWithPath: $0) } }

    /// The configuration, with `--formats` applied.
    func loadConfiguration() throws -> Configuration {
        var configuration = try ConfigurationLocator.load(explicit: config, exportPaths: exportURLs)
        if let formats {
            var chosen: [OutputFormat] = []
            for name in formats.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
                guard let format = OutputFormat(rawValue: name) else {
                    throw FatalError(.usage, "--formats: \"\(name)\" is not allowed; allowed: iif, qbo-csv, qbxml")
                }
                if !chosen.contains(format) { chosen.append(format) }
            }
            guard !chosen.isEmpty else { throw FatalError(.usage, "--formats: name at least one of iif, qbo-csv, qbxml") }
            configuration.output.formats = chosen.sorted()
        }
        return configuration
    }

    /// The ledger file: --no-ledger none, --ledger, else the config's `ledger` next to the config file.
    func ledgerURL(for configuration: Configuration) -> URL? {
        if noLedger { return nil }
        if let ledger { return URL(fileURLWithPath: ledger) }
        return configuration.ledgerURL
    }

    /// Progress to standard error, only on a terminal and without --quiet.
    var progress: (@Sendable (Int) -> Void)? {
        guard !quiet, isatty(STDERR_FILENO) == 1 else { return nil }
        return { count in FileHandle.standardError.write(Data("\rrac2qb: \(count) records read".utf8)) }
    }
}

/// Finds the config file: `--config`, else `rac2qb.yml` here, else in the export folder, else the defaults.
enum ConfigurationLocator {
    static func load(explicit: String?, exportPaths: [URL]) throws -> Configuration {
        if let explicit {
            let url = URL(fileURLWithPath: explicit)
            guard FileManager.default.fileExists(atPath: url.path) else {
                throw FatalError(.usage, "\(explicit): no such config file")
            }
            return try ConfigurationLoader.load(contentsOf: url)
        }
        let candidates = [URL(fileURLWithPath: "rac2qb.yml")] + exportPaths.map { path in
            var isDirectory: ObjCBool = false
            let isFolder = FileManager.default.fileExists(atPath: path.path, isDirectory: &isDirectory) && isDirectory.boolValue
            return (isFolder ? path : path.deletingLastPathComponent()).appendingPathComponent("rac2qb.yml")
        }
        if let found = candidates.first(where: { FileManager.default.fileExists(atPath: $0.path) }) {
            return try ConfigurationLoader.load(contentsOf: found)
        }
        return Configuration()
    }
}
