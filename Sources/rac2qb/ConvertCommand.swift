import ArgumentParser
import Foundation
import RunACallQuickBooks

struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert", abstract: "Write the QuickBooks files and the sync report under --out.")

    @OptionGroup var options: RunOptions

    @Option(help: "The output folder.")
    var out: String

    @Flag(help: "Replace the QuickBooks files an earlier run left in --out (without it the run stops, so that none is lost before it is imported).")
    var replace = false

    func run() throws {
        let output = try outputFolder(out)
        let configuration = try options.loadConfiguration()
        let result = try Converter.run(options.conversion(configuration, out: output, replace: replace))
        for message in result.recovered { Console.line("rac2qb: ledger: \(message)", to: .error) }
        if options.progress != nil { Console.endProgress() }
        try SummaryPrinter.print(result, json: options.json, outputDirectory: out)
        // At the end, what a re-run does: said unless --quiet, and always when nothing was new (it tells why no file was written).
        if let rerun = result.rerun, !options.quiet || result.nothingNew {
            Console.line("rac2qb: \(rerun)", to: .error)
        }
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
        let output = try out.map(outputFolder)
        let configuration = try options.loadConfiguration()
        let result = try Converter.run(options.conversion(configuration, out: output, writeQuickBooksFiles: false))
        if options.progress != nil { Console.endProgress() }
        try SummaryPrinter.print(result, json: options.json, outputDirectory: out)
        throw ExitCode(result.exitStatus)
    }
}

/// The `--out` folder; an empty name is a usage error, not the current folder.
func outputFolder(_ path: String) throws -> URL {
    guard !path.isEmpty else { throw FatalError(.usage, "--out: the output folder's name is empty; name a folder (\"--out .\" for the current one)") }
    return URL(fileURLWithPath: path)
}
