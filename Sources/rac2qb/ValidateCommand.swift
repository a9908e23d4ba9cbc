import ArgumentParser
import Foundation
import RunACallQuickBooks

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check QuickBooks files: qbXML against the XSD, IIF structure and balance, QBO CSV headers and limits.")

    @Argument(help: "Files to check (.xml, .iif, .csv).")
    var files: [String]

    @Option(help: "Folder holding qbxmlops130.xsd (default: $RAC2QB_QBXML_SCHEMA).")
    var schema: String?

    func run() throws {
        let schemaFolder = schema ?? ProcessInfo.processInfo.environment["RAC2QB_QBXML_SCHEMA"]
        let needsSchema = files.contains { ["xml", "qbxml"].contains(($0 as NSString).pathExtension.lowercased()) }
        let validator = try needsSchema ? schemaFolder.map { try QBXMLSchemaValidator(schemaDirectory: URL(fileURLWithPath: $0)) } : nil
        if needsSchema && validator == nil {
            throw FatalError(.usage, "qbXML files need the schema: give --schema DIR or set RAC2QB_QBXML_SCHEMA")
        }
        var failed = false
        for file in files {
            let url = URL(fileURLWithPath: file)
            guard FileManager.default.fileExists(atPath: url.path) else { throw FatalError(.unreadableInput, "\(file): no such file") }
            let problems = try FileChecker.check(url, schema: validator)
            if problems.isEmpty { print("\(file): valid") } else {
                failed = true
                problems.forEach { print($0) }
            }
        }
        throw ExitCode(failed ? 1 : 0)
    }
}

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init", abstract: "Write a commented starter config with the seed's recommended values.")

    @Argument(help: "Where to write it.")
    var file = "rac2qb.yml"

    @Flag(help: "Replace an existing file.")
    var force = false

    func run() throws {
        if FileManager.default.fileExists(atPath: file) && !force {
            throw FatalError(.usage, "\(file) exists; give --force to replace it")
        }
        let url = URL(fileURLWithPath: file)
        var isFolder: ObjCBool = false
        let folder = url.deletingLastPathComponent()
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw FatalError(.unwritableOutput, "\(file): cannot be written: the folder \(folder.path) does not exist (create it first, or name another file)")
        }
        do {
            try Data((StarterConfiguration.text + "\n").utf8).write(to: url)
        } catch {
            throw FatalError(.unwritableOutput, "\(file): cannot be written (\((error as NSError).localizedFailureReason ?? error.localizedDescription))")
        }
        print("wrote \(file)")
    }
}
