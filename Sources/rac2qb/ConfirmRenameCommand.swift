import ArgumentParser
import Foundation
import RunACallQuickBooks

struct ConfirmRenameCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "confirm-rename",
        abstract: "Record that a customer was renamed in QuickBooks by hand, as the report told you (IIF and QuickBooks Online CSV cannot rename).",
        discussion: """
        Until then IIF and CSV transactions keep the customer's QuickBooks name; after it they use the new one. \
        A books snapshot (the config's books.customers) that lists the new name with the customer's email, and \
        not the old one, confirms it the same way.
        """)

    @OptionGroup var location: LedgerOptions

    @Argument(help: "The Run a Call id of the customer (the report's source_id of its row).")
    var customer: String

    func run() throws {
        let confirmed = try CustomerRename.confirm(customer: customer, ledger: try location.existingLedger())
        Console.line("customer \(customer): recorded that QuickBooks renamed \"\(confirmed.old)\" to \"\(confirmed.new)\"; later runs name it \"\(confirmed.new)\"")
    }
}
