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
    /// 2 usage or config error, 3 unreadable input, unwritable output (standard output among them) or ledger held.
    /// Everything printed goes through `Console` (control characters escaped, never a trap on a closed stream).
    static func main() {
        Console.prepare()
        do {
            var command = try parseAsRoot()
            do {
                try command.run()
            } catch {
                throw OutputFailure.fatal(error)
            }
            exit(0)
        } catch let error as FatalError {
            Console.line("rac2qb: \(error.description)", to: .error)
            exit(error.kind == .usage ? 2 : 3)
        } catch let code as ExitCode {
            exit(code.rawValue)
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success {
                Console.line(message)
                exit(0)
            }
            Console.line(message, to: .error)
            exit(2)
        }
    }

    /// Ends the process with `status`, or with 3 when standard output could not take what was printed (said on standard error).
    private static func exit(_ status: Int32) -> Never {
        if let failure = Console.failureOfOutput {
            Console.line(Console.outputFailureMessage(failure), to: .error)
            Foundation.exit(status == 0 || status == 1 ? 3 : status)
        }
        Foundation.exit(status)
    }
}
