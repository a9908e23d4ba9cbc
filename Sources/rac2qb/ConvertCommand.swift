import ArgumentParser
import Foundation
import RunACallQuickBooks

struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert", abstract: "Write the QuickBooks files and the sync report under --out.")

    @OptionGroup var options: RunOptions

    @Option(help: "The output folder.")
    var out: String

    func run() throws {
        let configuration = try options.loadConfiguration()
        let result = try Converter.run(ConversionOptions(
            exportPaths: options.exportURLs, configuration: configuration,
            outputDirectory: URL(fileURLWithPath: out), progress: options.progress, ledger: options.ledgerURL(for: configuration)))
        for message in result.recovered { FileHandle.standardError.write(Data("rac2qb: ledger: \(message)\n".utf8)) }
        if options.progress != nil { FileHandle.standardError.write(Data("\n".utf8)) }
        try SummaryPrinter.print(result, json: options.json, outputDirectory: out)
        throw ExitCode(result.exitStatus)
    }
}

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Everything convert does but write QuickBooks files: the summary and the failures (and the report with --out).")

    @OptionGroup var options: RunOptions

    @Option(help: "Also write the sync report under this folder.")
    var out: String?

    func run() throws {
        let configuration = try options.loadConfiguration()
        let result = try Converter.run(ConversionOptions(
            exportPaths: options.exportURLs, configuration: configuration,
            outputDirectory: out.map { URL(fileURLWithPath: $0) }, writeQuickBooksFiles: false,
            progress: options.progress, ledger: options.ledgerURL(for: configuration)))
        if options.progress != nil { FileHandle.standardError.write(Data("\n".utf8)) }
        try SummaryPrinter.print(result, json: options.json, outputDirectory: out)
        throw ExitCode(result.exitStatus)
    }
}
