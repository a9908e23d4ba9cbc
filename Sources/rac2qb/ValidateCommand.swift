import ArgumentParser
import Foundation
import RunACallQuickBooks

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check QuickBooks files: IIF structure and balance, QBO CSV headers and limits, qbXML against the XSD.",
        discussion: "A folder (an output folder) has every IIF, QuickBooks Online CSV and qbXML file under it checked. IIF and CSV need no schema; a qbXML file is never called valid without one. Exit 1 when any file fails or could not be checked.")

    @Argument(help: "Files or output folders to check (.iif, .csv, .xml).")
    var paths: [String]

    @Option(help: "Folder holding qbxmlops130.xsd (default: $RAC2QB_QBXML_SCHEMA).")
    var schema: String?

    func run() throws {
        var files: [URL] = []
        var failed = false
        for path in paths {
            let url = URL(fileURLWithPath: path)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
                throw FatalError(.unreadableInput, "\(path): no such file or folder")
            }
            guard isDirectory.boolValue else { files.append(url); continue }
            let found = FileChecker.quickBooksFiles(under: url)
            if found.isEmpty {
                Console.line("\(path): no QuickBooks file (.iif, QuickBooks Online .csv, .xml) in this folder")
                failed = true
            }
            files += found
        }
        let schemaFolder = schema ?? ProcessInfo.processInfo.environment["RAC2QB_QBXML_SCHEMA"]
        let needsSchema = files.contains { ["xml", "qbxml"].contains($0.pathExtension.lowercased()) }
        let validator = try needsSchema ? schemaFolder.map { try QBXMLSchemaValidator(schemaDirectory: URL(fileURLWithPath: $0)) } : nil
        for file in files {
            let problems = FileChecker.check(file, schema: validator)
            if problems.isEmpty { Console.line("\(file.relativePath): valid") } else {
                failed = true
                problems.forEach { Console.line($0) }
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
        Console.line("wrote \(file)")
    }
}
