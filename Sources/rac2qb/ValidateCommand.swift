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
            guard isDirectory.boolValue else {
                if let refusal = InputKind.refusal(of: url, shownAs: path, command: .validate) { throw refusal }
                files.append(url)
                continue
            }
            let found = FileChecker.quickBooksFiles(under: url)
            if found.isEmpty, let export = ExportFiles.candidateNames.sorted().first(where: {
                FileManager.default.fileExists(atPath: url.appendingPathComponent($0).path)
            }) {
                throw FatalError(.usage, "\(path): this is a Run a Call export folder (it holds \(export)), not QuickBooks files; `rac2qb check \(path)` or `rac2qb convert \(path) --out DIR` reads it, and `rac2qb validate DIR` then checks what convert wrote")
            }
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
