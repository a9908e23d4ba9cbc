import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import RunACallQuickBooks
@testable import RunACallSupport
@testable import RunACallRead
@testable import RunACallDecide

/// What the written files say about receivables, payments and deposits,
/// read back independently of the writers.
struct WrittenBooks {
    /// Accounts receivable per customer: invoices − payments − credit memos + refunds paid out.
    var receivable: [String: Money] = [:]
    var payments = Money.zero
    var creditMemos = Money.zero
    var deposits = Money.zero

    /// From the IIF files of a folder.
    static func iif(_ folder: URL) throws -> WrittenBooks {
        var books = WrittenBooks()
        for file in try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil) where file.pathExtension == "iif" {
            for transaction in try IIFReader(url: file).transactions().transactions {
                let amount = Money(parsing: transaction.header["AMOUNT"] ?? "")!
                switch transaction.header["TRNSTYPE"] {
                case "PAYMENT": books.payments = books.payments + amount
                case "CREDIT MEMO": books.creditMemos = books.creditMemos - amount
                case "DEPOSIT": books.deposits = books.deposits + amount
                default: break
                }
                for record in [transaction.header] + transaction.splits where record["ACCNT"] == QBInvoice.receivableAccount {
                    let name = record["NAME"] ?? ""
                    books.receivable[name, default: .zero] = books.receivable[name, default: .zero] + Money(parsing: record["AMOUNT"] ?? "")!
                }
            }
        }
        return books
    }

    /// From the qbXML files of a folder: payments, credit memos and deposits (a deposit line that
    /// names a payment by macro counts that payment's amount).
    static func qbxml(_ folder: URL) throws -> WrittenBooks {
        var books = WrittenBooks()
        for file in try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil) where file.pathExtension == "xml" {
            let reader = MoneyReader()
            let parser = XMLParser(contentsOf: file)!
            parser.delegate = reader
            precondition(parser.parse())
            books.payments = books.payments + reader.payments.values.reduce(.zero, +)
            books.creditMemos = books.creditMemos + reader.creditMemos
            books.deposits = books.deposits + reader.deposits
        }
        return books
    }
}

private final class MoneyReader: NSObject, XMLParserDelegate {
    var payments: [String: Money] = [:]
    var creditMemos = Money.zero
    var deposits = Money.zero
    private var path: [String] = []
    private var macro: String?
    private var text = ""

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        path.append(name)
        text = ""
        if name == "ReceivePaymentAdd" { macro = attributes["defMacro"] }
        if name == "PaymentTxnID", let used = attributes["useMacro"] { deposits = deposits + (payments[used] ?? .zero) }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        defer { path.removeLast() }
        guard let amount = Money(parsing: text) else { return }
        if name == "TotalAmount", path.contains("ReceivePaymentAdd"), let macro { payments[macro] = amount }
        if name == "Amount", path.contains("CreditMemoLineAdd") { creditMemos = creditMemos + amount }
        if name == "Amount", path.contains("DepositLineAdd") { deposits = deposits + amount }
    }
}
