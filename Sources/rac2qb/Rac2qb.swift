import ArgumentParser
import Foundation
import RunACallQuickBooks

/// The `rac2qb` command line: Run a Call exports → QuickBooks import files.
@main
struct Rac2qb: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rac2qb",
        abstract: "Convert Run a Call exports into QuickBooks import files (IIF, QuickBooks Online CSV, qbXML) and a sync report.",
        version: ToolVersion.current,
        subcommands: [ConvertCommand.self, CheckCommand.self, PreviewCommand.self, ValidateCommand.self, InitCommand.self, HistoryCommand.self,
                      IngestCommand.self, UndoCommand.self, ConfirmRenameCommand.self, FromQuickBooksCommand.self, ServeCommand.self,
                      ConnectorCommand.self])

    /// Runs the command, mapping failures to the documented exit statuses:
    /// 2 usage or config error, 3 unreadable input, unwritable output or ledger held.
    static func main() {
        do {
            var command = try parseAsRoot()
            do {
                try command.run()
            } catch {
                throw OutputFailure.fatal(error)
            }
        } catch let error as FatalError {
            FileHandle.standardError.write(Data("rac2qb: \(error.description)\n".utf8))
            Foundation.exit(error.kind == .usage ? 2 : 3)
        } catch let code as ExitCode {
            Foundation.exit(code.rawValue)
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success {
                print(message)
                Foundation.exit(0)
            }
            FileHandle.standardError.write(Data("\(message)\n".utf8))
            Foundation.exit(2)
        }
    }
}
