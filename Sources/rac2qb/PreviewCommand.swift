import ArgumentParser
import Foundation
import RunACallQuickBooks

struct PreviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preview",
        abstract: "One invoice end to end: its customer, items, accounts, tax code, payments' deposit account, and the exact file text.")

    @OptionGroup var options: RunOptions

    @Option(help: "The Run a Call invoice ID to follow.")
    var invoice: String

    func run() throws {
        let configuration = try options.loadConfiguration()
        let result = try Converter.run(options.conversion(configuration, out: nil, writeQuickBooksFiles: false, previewInvoiceID: invoice))
        if options.progress != nil { Console.endProgress() }
        guard let preview = result.preview else {
            throw FatalError(.usage, "--invoice: no invoice with ID \"\(invoice)\" in the export")
        }
        if options.json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
            Console.json(String(decoding: try encoder.encode(preview), as: UTF8.self))
        } else {
            PreviewPrinter.print(preview)
        }
        throw ExitCode(preview.status == "Failed" ? 1 : 0)
    }
}

/// Prints a preview for a person.
enum PreviewPrinter {
    static func print(_ preview: InvoicePreview) {
        Console.line("Invoice #\(preview.invoiceID) (\(preview.source)): \(preview.status)")
        if !preview.message.isEmpty { Console.line("  \(preview.message)") }
        if !preview.fix.isEmpty { Console.line("  fix: \(preview.fix)") }
        if !preview.warning.isEmpty { Console.line("  warning: \(preview.warning)") }
        if let customer = preview.customer { Console.line("\nCustomer: \(customer)") }
        if let name = preview.quickBooksCustomer {
            Console.line("  QuickBooks customer \"\(name)\": \(preview.customerLanding ?? "")")
        }
        if !preview.lines.isEmpty {
            Console.line("\nLines:")
            for (number, line) in preview.lines.enumerated() {
                let code = line.taxCode.map { ", tax code \($0)" } ?? ""
                Console.line("  \(number + 1). \(line.item): \(line.amount) to \"\(line.account)\"\(code)")
                Console.line("     item \(line.landing)")
            }
        }
        if let tax = preview.salesTax { Console.line("Sales tax item: \(tax)") }
        if let total = preview.total { Console.line("Total: \(total)") }
        var deposit = "\nPayments: received into \"\(preview.paymentAccount)\""
        if let payout = preview.payoutAccount { deposit += "; a Stripe payout deposits them into \"\(payout)\"" }
        Console.line(deposit)
        for payment in preview.payments {
            Console.line("  \(payment.kind) \(payment.id): \(payment.status)\(payment.message.isEmpty ? "" : " — \(payment.message)")")
            if !payment.warning.isEmpty { Console.line("    warning: \(payment.warning)") }
        }
        for file in preview.files {
            Console.line("\n--- \(file.path) ---")
            Console.text(file.text.replacingOccurrences(of: "\r\n", with: "\n") + (file.text.hasSuffix("\n") ? "" : "\n"))
        }
    }
}
