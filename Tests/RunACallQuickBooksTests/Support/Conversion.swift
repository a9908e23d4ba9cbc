import Foundation
@testable import RunACallQuickBooks
@testable import RunACallRead
@testable import RunACallDecide

/// Runs a conversion the way the CLI does, for tests.
enum Conversion {
    static func run(_ export: URL, configText: String? = nil, configURL: URL? = nil, out: URL?,
                    formats: [OutputFormat]? = nil, writeFiles: Bool = true) throws -> ConversionResult {
        try run([export], configText: configText, configURL: configURL, out: out, formats: formats, writeFiles: writeFiles)
    }

    /// Runs a conversion of several export paths, read in the order given.
    static func run(_ exports: [URL], configText: String? = nil, configURL: URL? = nil, out: URL?,
                    formats: [OutputFormat]? = nil, writeFiles: Bool = true, zipLimits: ZipLimits = .standard) throws -> ConversionResult {
        var configuration: Configuration
        if let configURL { configuration = try ConfigurationLoader.load(contentsOf: configURL) }
        else if let configText { configuration = try ConfigurationLoader.parse(configText) }
        else { configuration = Configuration() }
        if let formats { configuration.output.formats = formats }
        var options = ConversionOptions(exportPaths: exports, configuration: configuration,
                                        outputDirectory: out, writeQuickBooksFiles: writeFiles, startedAt: fixedStart)
        options.zipLimits = zipLimits
        return try Converter.run(options)
    }

    /// The start time the tests' runs give, so their reports are the same every time.
    static let fixedStart = Date(timeIntervalSince1970: 1_796_000_000)

    static var sampleConfig: URL { TestPaths.samples.appendingPathComponent("rac2qb.yml") }

    /// Writes `text` as a one-file export named `name` and returns the folder.
    static func export(_ files: [String: String]) throws -> URL {
        let folder = try TestPaths.temporaryFolder("export")
        for (name, text) in files { try Data(text.utf8).write(to: folder.appendingPathComponent(name)) }
        return folder
    }
}
