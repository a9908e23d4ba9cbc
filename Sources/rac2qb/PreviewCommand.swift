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
        if options.progress != nil { FileHandle.standardError.write(Data("\n".utf8)) }
        guard let preview = result.preview else {
            throw FatalError(.usage, "--invoice: no invoice with ID \"\(invoice)\" in the export")
        }
        if options.json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(preview), as: UTF8.self))
        } else {
            PreviewPrinter.print(preview)
        }
        throw ExitCode(preview.status == "Failed" ? 1 : 0)
    }
}

/// Prints a preview for a person.
enum PreviewPrinter {
    static func print(_ preview: InvoicePreview) {
        Swift.print("Invoice #\(preview.invoiceID) (\(preview.source)): \(preview.status)")
        if !preview.message.isEmpty { Swift.print("  \(preview.message)") }
        if !preview.fix.isEmpty { Swift.print("  fix: \(preview.fix)") }
        if !preview.warning.isEmpty { Swift.print("  warning: \(preview.warning)") }
        if let customer = preview.customer { Swift.print("\nCustomer: \(customer)") }
        if let name = preview.quickBooksCustomer {
            Swift.print("  QuickBooks customer \"\(name)\": \(preview.customerLanding ?? "")")
        }
        if !preview.lines.isEmpty {
            Swift.print("\nLines:")
            for (number, line) in preview.lines.enumerated() {
                let code = line.taxCode.map { ", tax code \($0)" } ?? ""
                Swift.print("  \(number + 1). \(line.item): \(line.amount) to \"\(line.account)\"\(code)")
                Swift.print("     item \(line.landing)")
            }
        }
        if let tax = preview.salesTax { Swift.print("Sales tax item: \(tax)") }
        if let total = preview.total { Swift.print("Total: \(total)") }
        var deposit = "\nPayments: received into \"\(preview.paymentAccount)\""
        if let payout = preview.payoutAccount { deposit += "; a Stripe payout deposits them into \"\(payout)\"" }
        Swift.print(deposit)
        for payment in preview.payments {
            Swift.print("  \(payment.kind) \(payment.id): \(payment.status)\(payment.message.isEmpty ? "" : " — \(payment.message)")")
            if !payment.warning.isEmpty { Swift.print("    warning: \(payment.warning)") }
        }
        for file in preview.files {
            Swift.print("\n--- \(file.path) ---")
            Swift.print(file.text.replacingOccurrences(of: "\r\n", with: "\n"), terminator: file.text.hasSuffix("\n") ? "" : "\n")
        }
    }
}
