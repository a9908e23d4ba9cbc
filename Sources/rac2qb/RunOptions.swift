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

    @Flag(help: "Use the built-in defaults (the seed's recommended values) when no config file is found.")
    var defaults = false

    @Option(help: "The ledger of earlier batches (default: the config's ledger, rac2qb-ledger.sqlite next to the config).")
    var ledger: String?

    @Flag(name: .customLong("no-ledger"), help: "Run without a ledger: everything is written as if never exported.")
    var noLedger = false

    @Option(help: "The encoding of the export's files: utf-8 (the default) or windows-1252 (a CSV saved by Excel as \"CSV (Comma delimited)\").")
    var encoding: String?

    var exportURLs: [URL] { export.map { URL(fileURLWithPath: $0) } }

    /// The run's options: the export, the config, the ledger and `--encoding`.
    func conversion(_ configuration: Configuration, out: URL?, writeQuickBooksFiles: Bool = true,
                    previewInvoiceID: String? = nil, replace: Bool = false) throws -> ConversionOptions {
        var options = ConversionOptions(exportPaths: exportURLs, configuration: configuration, outputDirectory: out,
                                        writeQuickBooksFiles: writeQuickBooksFiles, progress: progress, previewInvoiceID: previewInvoiceID,
                                        ledger: ledgerURL(for: configuration), replace: replace)
        if let encoding {
            guard let named = ExportEncoding(named: encoding) else {
                throw FatalError(.usage, "--encoding: \"\(encoding)\" is not allowed; allowed: utf-8, windows-1252")
            }
            options.encoding = named
        }
        return options
    }

    /// The configuration, with `--formats` applied; names it and the ledger on standard error (unless `--quiet`).
    func loadConfiguration() throws -> Configuration {
        var configuration = try ConfigurationLocator.load(explicit: config, exportPaths: exportURLs, defaults: defaults)
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
        RunAnnouncement.announce(configuration, ledger: ledgerURL(for: configuration), quiet: quiet)
        return configuration
    }

    /// The ledger file: --no-ledger none, --ledger (its path resolved by the system, `LedgerFile.resolved`),
    /// else the config's `ledger` next to the config file.
    func ledgerURL(for configuration: Configuration) -> URL? {
        if noLedger { return nil }
        if let ledger { return LedgerFile.resolved(ledger) }
        return configuration.ledgerURL
    }

    /// Progress to standard error, only on a terminal and without --quiet.
    var progress: (@Sendable (ProgressReport) -> Void)? { ProgressLine.onStandardError(quiet: quiet) }
}

/// Finds the config file: `--config`, else `rac2qb.yml` in the current folder, else in the export folder;
/// when there is none the run stops, unless `--defaults` asks for the built-in defaults.
enum ConfigurationLocator {
    static let fileName = "rac2qb.yml"

    static func load(explicit: String?, exportPaths: [URL], defaults: Bool) throws -> Configuration {
        if let explicit {
            guard !explicit.isEmpty else { throw FatalError(.usage, "--config: name a config file") }
            let url = URL(fileURLWithPath: explicit)
            guard FileManager.default.fileExists(atPath: url.path) else {
                throw FatalError(.usage, "\(explicit): no such config file")
            }
            return try ConfigurationLoader.load(contentsOf: url)
        }
        if defaults { return Configuration() }
        let candidates = places(exportPaths: exportPaths)
        if let found = candidates.first(where: { FileManager.default.fileExists(atPath: $0.path) }) {
            return try ConfigurationLoader.load(contentsOf: found)
        }
        let looked = candidates.map(\.path).joined(separator: ", ")
        throw FatalError(.usage, """
            no config found (looked for \(looked)); write one with `rac2qb init`, name one with --config FILE, \
            or run with --defaults to use the built-in defaults (the seed's recommended values)
            """)
    }

    /// Where a config is looked for, in order: the current folder, then each export folder (once each).
    private static func places(exportPaths: [URL]) -> [URL] {
        var places = [URL(fileURLWithPath: fileName).standardizedFileURL]
        for path in exportPaths {
            var isDirectory: ObjCBool = false
            let isFolder = FileManager.default.fileExists(atPath: path.path, isDirectory: &isDirectory) && isDirectory.boolValue
            let place = (isFolder ? path : path.deletingLastPathComponent()).appendingPathComponent(fileName).standardizedFileURL
            if !places.contains(place) { places.append(place) }
        }
        return places
    }
}

/// The first lines of every run on standard error: which config and which ledger it uses.
enum RunAnnouncement {
    static func announce(_ configuration: Configuration, ledger: URL?, quiet: Bool) {
        guard !quiet else { return }
        Console.line("rac2qb: config \(describe(configuration)); ledger \(describe(ledger))", to: .error)
    }

    /// The config file's path, or that the built-in defaults are used.
    static func describe(_ configuration: Configuration) -> String {
        configuration.file.map(DisplayPath.of) ?? RunDescription.defaultsUsed
    }

    /// The ledger's path, or that there is none.
    static func describe(_ ledger: URL?) -> String { ledger.map(DisplayPath.of) ?? RunDescription.noLedger }
}
