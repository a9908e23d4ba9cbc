import Foundation
@testable import RunACallQuickBooks
@testable import RunACallSupport
@testable import RunACallRead

/// A stand-in for QuickBooks Desktop importing the IIF files rac2qb writes, and
/// for the user doing what the report says by hand. Each TRNS/SPL transaction
/// posts its rows (ACCNT, NAME, AMOUNT: a debit positive) to `books`; one that
/// does not balance is refused, as QuickBooks refuses it. List rows (!CUST,
/// !INVITEM) create customers and items; a name only a transaction uses is created too, and noted in `implicit`.
/// IIF cannot link a payment to its invoice: `applyPayments` does the report's
/// payment-application worksheet by hand.
final class IIFImportStandIn {
    struct Invoice {
        var customer: String
        var total: Int64
        var paid: Int64 = 0
        var voided = false
    }

    let books = StandInBooks()
    private(set) var customers = Set<String>()
    private(set) var items = Set<String>()
    private(set) var invoices: [String: Invoice] = [:]
    /// Every invoice number imported, in order (duplicates kept, to be found).
    private(set) var addedDocNumbers: [String] = []
    /// Names a transaction used that no list row declared: QuickBooks creates them silently (a renamed customer's old name, for one).
    private(set) var implicit: [String] = []
    /// Transactions QuickBooks refused, with why.
    private(set) var refused: [String] = []
    /// Deposit memo (`Stripe payout po_…`) → its total into the bank.
    private(set) var deposits: [String: Int64] = [:]
    /// Transactions imported, by TRNSTYPE.
    private(set) var imported: [String: Int] = [:]
    /// Applications of a payment to more than its invoice's open balance, or to a missing or voided invoice.
    private(set) var misapplied: [String] = []
    private var count = 0

    /// Imports one IIF file.
    func importFile(_ url: URL) throws {
        let reader = try IIFReader(url: url)
        for record in reader.records {
            if record.keyword == "CUST", let name = record["NAME"] { customers.insert(name) }
            if record.keyword == "INVITEM", let name = record["NAME"] { items.insert(name) }
        }
        let (transactions, problems) = reader.transactions()
        refused += problems
        for transaction in transactions { post(transaction) }
    }

    private func post(_ transaction: IIFTransaction) {
        let type = transaction.header["TRNSTYPE"] ?? ""
        let rows = [transaction.header] + transaction.splits
        let postings = rows.map { row in
            StandInBooks.Posting(account: row["ACCNT"] ?? "", name: (row["NAME"] ?? "").isEmpty ? nil : row["NAME"],
                                 cents: Money(parsing: row["AMOUNT"] ?? "")?.cents ?? 0)
        }
        count += 1
        let doc = transaction.header["DOCNUM"] ?? ""
        let key = type == "INVOICE" ? Self.invoiceKey(doc) : "\(type) \(count)"
        do {
            try books.post(key, postings)
        } catch {
            refused.append("line \(transaction.header.line): \(error)")
            return
        }
        imported[type, default: 0] += 1
        if let customer = transaction.header["NAME"], !customer.isEmpty, type != "DEPOSIT", !customers.contains(customer) {
            implicit.append("customer \(customer) (line \(transaction.header.line))")
            customers.insert(customer)
        }
        for split in transaction.splits {
            if let item = split["INVITEM"], !item.isEmpty, !items.contains(item) {
                implicit.append("item \(item) (line \(split.line))")
                items.insert(item)
            }
        }
        switch type {
        case "INVOICE":
            addedDocNumbers.append(doc)
            invoices[doc] = Invoice(customer: transaction.header["NAME"] ?? "", total: postings[0].cents)
        case "DEPOSIT":
            deposits[transaction.header["MEMO"] ?? key, default: 0] += postings[0].cents
        default:
            break
        }
    }

    static func invoiceKey(_ doc: String) -> String { "INVOICE \(doc)" }

    /// The report's payment-application worksheet (`report/payment-application.csv`) done by hand.
    func applyPayments(worksheet url: URL) throws {
        guard FileManager.default.fileExists(atPath: url.path) else { return }
        for row in try ImportAsWrittenTests.table(url) {
            let number = row["invoice_number"] ?? ""
            let amount = Money(parsing: row["amount"] ?? "")?.cents ?? 0
            guard var invoice = invoices[number], !invoice.voided, invoice.customer == row["customer"],
                  invoice.paid + amount <= invoice.total else {
                misapplied.append("\(row["payment_id"] ?? ""): \(amount) to invoice #\(number)")
                continue
            }
            invoice.paid += amount
            invoices[number] = invoice
        }
    }

    /// A "Needs update" done by hand: invoice `doc` changed to `lines` (credited to `account`), a discount (debited
    /// to `discountAccount`) and `tax` (to Sales Tax Payable, the agency named).
    func update(invoice doc: String, lines: [Int64], account: String, discount: Int64, discountAccount: String, tax: Int64,
                agency: String?) throws {
        guard var invoice = invoices[doc] else { throw StandInBooks.Unbalanced(key: Self.invoiceKey(doc), off: 0) }
        let total = lines.reduce(0, +) - discount + tax
        try books.post(Self.invoiceKey(doc), lines.map { .init(account: account, name: nil, cents: -$0) }
                       + [.init(account: discountAccount, name: nil, cents: discount),
                          .init(account: StandInBooks.salesTax, name: agency, cents: -tax),
                          .init(account: StandInBooks.receivable, name: invoice.customer, cents: total)])
        invoice.total = total
        invoices[doc] = invoice
    }

    /// A "Voided in Run a Call" done by hand: invoice `doc` voided (it keeps its number with nothing posted).
    func void(invoice doc: String) {
        books.void(Self.invoiceKey(doc))
        invoices[doc]?.voided = true
        invoices[doc]?.total = 0
    }

    /// A customer renamed by hand in QuickBooks: its transactions follow it.
    func rename(customer old: String, to new: String) {
        customers.remove(old)
        customers.insert(new)
        books.rename(old, to: new)
        for (doc, invoice) in invoices where invoice.customer == old { invoices[doc]?.customer = new }
    }
}
