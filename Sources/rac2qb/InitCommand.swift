import ArgumentParser
import Foundation
import RunACallQuickBooks

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init", abstract: "Write a commented config: the seed's recommended values, and with --from the decisions an export needs.",
        discussion: "Without --from the file holds no name or rate of yours: examples are comments. With --from EXPORT it lists every tax rate, pricebook category and payment method the export uses, each with its counts, as keys to fill in; `convert` takes the file as it is (an unmapped rate posts to the \"To classify\" safety net). An existing file is never replaced by --from; plain init replaces it only with --force.")

    @Argument(help: "Where to write it.")
    var file = "rac2qb.yml"

    @Option(name: .customLong("from"), help: "An export (folder, zip or entity files, as convert takes them) to read the decisions from; may be repeated.")
    var exports: [String] = []

    @Flag(help: "Replace an existing file (plain init only).")
    var force = false

    func run() throws {
        let url = URL(fileURLWithPath: file)
        guard !exports.isEmpty else {
            try ConfigurationFile.write(StarterConfiguration.text, to: url, replace: force, shownAs: file,
                                        fix: "give --force to replace it, or name another file")
            Console.line("wrote \(file)")
            return
        }
        let fix = "init --from never replaces a config: name a new file (rac2qb init --from EXPORT rac2qb-new.yml) and compare the two"
        if force { throw FatalError(.usage, "--force is not taken with --from: \(fix)") }
        try ConfigurationFile.refuseExisting(url, shownAs: file, fix: fix)
        let survey = try ExportSurvey.read(exports.map { URL(fileURLWithPath: $0) })
        try ConfigurationFile.write(StarterConfiguration.text(survey: survey), to: url, replace: false, shownAs: file, fix: fix)
        let export = exports.joined(separator: " ")
        StarterConfiguration.decisions(survey, file: file, export: export).forEach { Console.line($0) }
        Console.line("then: rac2qb convert \(export) --config \(file) --out OUT")
    }
}
