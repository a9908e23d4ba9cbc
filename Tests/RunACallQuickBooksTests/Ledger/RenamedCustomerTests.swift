import Foundation
import Testing
@testable import RunACallQuickBooks
@testable import RunACallSupport
@testable import RunACallRead
@testable import RunACallDecide

/// A customer renamed in Run a Call (same id, new name and email) keeps its
/// identity month after month: its earlier invoices are not edited by the
/// rename; qbXML renames it with a CustomerModRq before the transactions that
/// name it anew; IIF and CSV, which cannot rename, keep its QuickBooks name
/// until the user confirms the by-hand rename the report asked for.
@Suite struct RenamedCustomerTests {
    static let old = (name: "Ann Lee", email: "ann@example.com")
    static let new = (name: "Ann Lee-Smith", email: "ann@smith.example")

    /// Invoice `id` of Run a Call customer `customerID` under `customer`'s name and email.
    static func invoice(_ id: String, _ customer: (name: String, email: String), customerID: String = "c1", status: String = "sent",
                        amount: String = "100.00", date: String = "2026-10-01", paid: String? = nil) -> String {
        """
        {"id": "\(id)", "status": "\(status)", "customer": {"id": "\(customerID)", "name": "\(customer.name)", "email": "\(customer.email)"},
         "invoice_date": "\(date)", "sent_at": "\(date)T10:00:00Z"\(paid.map { ", \"paid_at\": \"\($0)T12:00:00Z\"" } ?? ""),
         "tax_lines": [], "total": "\(amount)",
         "lines": [{"item": "Labor", "description": "Visit", "quantity": "1", "unit_price": "\(amount)", "amount": "\(amount)"}]}
        """
    }

    static func payout(_ id: String, arrival: String, gross: String, fees: String, net: String) -> String {
        #"{"id": "\#(id)", "arrival_date": "\#(arrival)", "gross": "\#(gross)", "fees": "\#(fees)", "net": "\#(net)"}"#
    }

    static func cash(_ id: String, invoice: String, amount: String = "100.00", date: String) -> String {
        PaymentRulesTests.payment(id, invoice: invoice, amount: amount, method: "cash", payout: nil, fee: "0.00", date: date)
    }

    /// Rewrites a ledger's invoices as rac2qb wrote them before an invoice named its customer by Run a Call id:
    /// the customer's name and email in the fields, and the hash of those fields.
    static func rewriteAsOldCode(_ ledger: URL, customer: (name: String, email: String)) throws {
        let database = try SQLiteDatabase(url: ledger)
        var rows: [(batch: Int64, id: String, fields: String)] = []
        try database.query("SELECT batch, source_id, fields FROM export WHERE entity = 'invoice'") { row in
            rows.append((row.integer(0), row.text(1) ?? "", row.text(2) ?? ""))
        }
        #expect(!rows.isEmpty && rows.allSatisfy { $0.fields.hasPrefix("customer id: c1\n") }, "the new code names the customer by id")
        for row in rows {
            let lines = row.fields.split(separator: "\n").map(String.init)
                .map { $0.hasPrefix("customer id: ") ? "customer: \(customer.name) <\(customer.email)>" : $0 }
            let fields = SyncedFields(lines: lines)
            try database.run("UPDATE export SET fields = ?, hash = ? WHERE batch = ? AND entity = 'invoice' AND source_id = ?",
                             [.text(fields.text), .text(fields.hash), .integer(row.batch), .text(row.id)])
        }
    }

    /// Runs a month's qbXML through QuickBooks and ingests its answers: QuickBooks refuses nothing.
    static func answer(_ month: MonthlyRunTests.Month, by quickBooks: FakeQuickBooks, ledger: URL, _ label: String) throws {
        let requests = month.out.appendingPathComponent("qbxml/requests.xml")
        #expect(try QBXMLSchemaTests.schema().validate(file: requests) == [], "\(label)")
        let responses = try TestPaths.temporaryFolder().appendingPathComponent("responses.xml")
        try Data(try quickBooks.process(requests: requests).utf8).write(to: responses)
        let ingested = try ResponseIngest.ingest([responses], ledger: ledger, batch: nil)
        #expect(ingested.rows.isEmpty, "\(label): QuickBooks refused nothing: \(ingested.rows.map(\.message))")
    }

    /// Month 1 the customer, two invoices, a card payment and a refund waiting for their payout; month 2 the
    /// customer renamed, a new invoice paid, the payout; month 3 an earlier invoice paid, a new one paid by card.
    @Test(arguments: [false, true])
    func qbXMLRenamesTheCustomerBeforeEveryTransactionThatNamesIt(ledgerOfTheOldCode: Bool) throws {
        let ledger = try EditOrderTests.ledger()
        let quickBooks = FakeQuickBooks()
        let card = { (id: String, invoice: String, amount: String, kind: String, payout: String, date: String) in
            PaymentRulesTests.payment(id, invoice: invoice, amount: amount, kind: kind, method: "card", payout: payout, fee: "0.00", date: date)
        }
        let p1 = card("p1", "A", "100.00", "payment", "po_1", "2026-10-02")
        let r0 = card("r0", "A", "20.00", "refund", "po_1", "2026-10-03")
        let october = try MonthlyRunTests.run([Self.invoice("A", Self.old, status: "paid", paid: "2026-10-02"), Self.invoice("B", Self.old)],
                                              payments: [p1, r0], ledger: ledger, formats: [.qbxml])
        try Self.answer(october, by: quickBooks, ledger: ledger, "October")
        if ledgerOfTheOldCode { try Self.rewriteAsOldCode(ledger, customer: Self.old) }

        let novemberInvoices = [Self.invoice("A", Self.new, status: "paid", paid: "2026-10-02"), Self.invoice("B", Self.new),
                                Self.invoice("C", Self.new, status: "paid", date: "2026-11-02", paid: "2026-11-02")]
        let november = try MonthlyRunTests.run(novemberInvoices, payments: [p1, r0, Self.cash("p3", invoice: "C", date: "2026-11-02")],
                                               payouts: [Self.payout("po_1", arrival: "2026-11-04", gross: "80.00", fees: "3.20", net: "76.80")],
                                               ledger: ledger, formats: [.qbxml])
        let text = try ResponseIngestTests.requests(november)
        #expect(ResponseIngestTests.requestIDs(text) == ["req-custmod-c1", "req-inv-C", "req-pay-p3", "req-dep-po_1"],
                "the rename first; A and B are not updated by it")
        #expect(!text.contains("<FullName>Ann Lee</FullName>"), "every transaction names the customer as QuickBooks does after the CustomerMod")
        #expect(text.contains("<EntityRef>\n            <FullName>Ann Lee-Smith</FullName>"), "the refund of October, deposited now")
        #expect(text.contains("<ReceivePaymentAdd defMacro=\"TxnID:pay-p3\">\n        <CustomerRef>\n          <FullName>Ann Lee-Smith</FullName>"))
        #expect(november.row("A")?["message"] == "Already exported in batch 1", "the paid invoice is not \"Edited after payment\"")
        #expect(november.row("B")?["message"] == "Already exported in batch 1", "the unpaid invoice gets no InvoiceMod for the rename")
        #expect(november.report.rows("customer").first?["message"]?.hasPrefix("Updated: customer \"Ann Lee\" changed in Run a Call after batch 1; CustomerModRq changes it in QuickBooks: name: Ann Lee → Ann Lee-Smith") == true)
        try Self.answer(november, by: quickBooks, ledger: ledger, "November")

        let p2 = Self.cash("p2", invoice: "B", date: "2026-12-02")
        let p4 = card("p4", "D", "50.00", "payment", "po_2", "2026-12-03")
        let december = try MonthlyRunTests.run(
            [Self.invoice("A", Self.new, status: "paid", paid: "2026-10-02"), Self.invoice("B", Self.new, status: "paid", paid: "2026-12-02"),
             Self.invoice("C", Self.new, status: "paid", date: "2026-11-02", paid: "2026-11-02"),
             Self.invoice("D", Self.new, status: "paid", amount: "50.00", date: "2026-12-01", paid: "2026-12-03")],
            payments: [p2, p4], payouts: [Self.payout("po_2", arrival: "2026-12-05", gross: "50.00", fees: "0.00", net: "50.00")],
            ledger: ledger, formats: [.qbxml])
        let decemberText = try ResponseIngestTests.requests(december)
        #expect(ResponseIngestTests.requestIDs(decemberText) == ["req-inv-D", "req-pay-p2", "req-pay-p4", "req-dep-po_2"], "renamed once")
        #expect(!decemberText.contains("<FullName>Ann Lee</FullName>"), "B's payment names the customer as QuickBooks holds it now")
        #expect(december.report.rows("customer").isEmpty)
        try Self.answer(december, by: quickBooks, ledger: ledger, "December")

        for month in [october, november, december] {
            #expect(!month.report.rows.contains { $0["status"] == "Failed" }, "\(month.report.rows.filter { $0["status"] == "Failed" })")
        }
        #expect(quickBooks.customers == [Self.new.name], "one customer, renamed: never created again")
        #expect(quickBooks.done["CustomerMod"] == 1 && quickBooks.done["InvoiceMod"] == nil)
        for (invoice, paid) in [("A", 10_000), ("B", 10_000), ("C", 10_000), ("D", 5_000)] as [(String, Int64)] {
            let inQuickBooks = try #require(quickBooks.invoice(refNumber: invoice))
            #expect(inQuickBooks.paid == paid, "\(invoice): every payment once")
            #expect(inQuickBooks.customer == Self.new.name)
        }
        #expect(quickBooks.creditMemos.count == 1)
        #expect(quickBooks.deposits.values.sorted() == [5_000, 7_680], "each deposit equals its payout's net")
    }

    /// The QuickBooks customer each invoice and payment of a month names, by invoice number or payment reference.
    static func names(_ month: MonthlyRunTests.Month, _ format: OutputFormat) throws -> [String: String] {
        if format == .qboCSV {
            let rows = try ImportAsWrittenTests.table(month.out.appendingPathComponent("qbo-csv/invoices.csv"))
            return Dictionary(rows.map { ($0["*InvoiceNo"] ?? "", $0["*Customer"] ?? "") }, uniquingKeysWith: { first, _ in first })
        }
        let transactions = try IIFReader(url: month.out.appendingPathComponent("iif/quickbooks.iif")).transactions().transactions
        return Dictionary(transactions.map { ($0.header["DOCNUM"] ?? "", $0.header["NAME"] ?? "") }, uniquingKeysWith: { first, _ in first })
    }

    static let byHand = "Rename customer \"Ann Lee\" to \"Ann Lee-Smith\" in QuickBooks, then run `rac2qb confirm-rename c1`"

    /// IIF and CSV: month 2 keeps the QuickBooks name and says how to rename by hand; `confirm-rename`; month 3 uses the new name.
    @Test(arguments: [OutputFormat.iif, .qboCSV])
    func aByHandRenameIsUsedOnceConfirmed(format: OutputFormat) throws {
        let ledger = try EditOrderTests.ledger()
        _ = try MonthlyRunTests.run([Self.invoice("A", Self.old, status: "paid", paid: "2026-10-02")],
                                    payments: [Self.cash("p1", invoice: "A", date: "2026-10-02")], ledger: ledger, formats: [format])
        let paidA = Self.invoice("A", Self.new, status: "paid", paid: "2026-10-02")
        let paidB = Self.invoice("B", Self.new, status: "paid", date: "2026-11-02", paid: "2026-11-02")
        let november = try MonthlyRunTests.run([paidA, paidB], payments: [Self.cash("p2", invoice: "B", date: "2026-11-02")],
                                               ledger: ledger, formats: [format])
        #expect(november.row("A")?["message"] == "Already exported in batch 1", "the paid invoice is not \"Edited after payment\"")
        let row = try #require(november.report.rows("customer").first)
        #expect(november.report.rows("customer").count == 1)
        #expect(row["status"] == "Skipped")
        #expect(row["message"] == "Needs update: customer \"Ann Lee\" changed in Run a Call after batch 1; change it in QuickBooks: name: Ann Lee → Ann Lee-Smith; email: ann@example.com → ann@smith.example. "
            + Self.byHand + " (or export the customer list into the config's books file, which then lists \"Ann Lee-Smith\"): until then transactions keep its QuickBooks name \"Ann Lee\", after it they use \"Ann Lee-Smith\"")
        #expect(try Self.names(november, format)["B"] == Self.old.name, "not confirmed yet: the name QuickBooks has")
        if format == .iif { #expect(try november.iifPayments() == 1) }

        let paidC = Self.invoice("C", Self.new, status: "paid", date: "2026-11-20", paid: "2026-11-20")
        let unconfirmed = try MonthlyRunTests.run([paidA, paidB, paidC], ledger: ledger, formats: [format])
        #expect(try Self.names(unconfirmed, format)["C"] == Self.old.name, "still not confirmed")
        #expect(unconfirmed.report.rows("customer").isEmpty, "told once")

        let confirmed = try CustomerRename.confirm(customer: "c1", ledger: ledger)
        #expect(confirmed == CustomerRename.Confirmation(old: Self.old.name, new: Self.new.name))
        let paidD = Self.invoice("D", Self.new, status: "paid", date: "2026-12-02", paid: "2026-12-02")
        let december = try MonthlyRunTests.run([paidA, paidB, paidC, paidD], payments: [Self.cash("p4", invoice: "D", date: "2026-12-02")],
                                               ledger: ledger, formats: [format])
        #expect(try Self.names(december, format)["D"] == Self.new.name, "the name the report told the user to give it")
        #expect(december.report.rows("customer").isEmpty)
        #expect(december.report.rows.allSatisfy { $0["status"] != "Failed" })
        if format == .iif {
            let iif = try InvoiceRulesTests.text(december.out, "iif/quickbooks.iif")
            #expect(!iif.contains("\nCUST\t"), "not created again")
            let transactions = try IIFReader(url: december.out.appendingPathComponent("iif/quickbooks.iif")).transactions().transactions
            #expect(transactions.map { $0.header["NAME"] } == [Self.new.name, Self.new.name], "invoice D and its payment")
        } else {
            #expect(try ImportAsWrittenTests.table(december.out.appendingPathComponent("qbo-csv/customers.csv")).isEmpty, "not created again")
        }
        #expect(throws: FatalError.self, "nothing left to confirm") { try CustomerRename.confirm(customer: "c1", ledger: ledger) }
    }

    /// A books snapshot listing the new name (with the customer's email) and not the old one confirms the rename too.
    @Test func aBooksSnapshotWithTheNewNameConfirmsTheRename() throws {
        let ledger = try EditOrderTests.ledger()
        _ = try MonthlyRunTests.run([Self.invoice("A", Self.old)], ledger: ledger, formats: [.iif])
        let november = try MonthlyRunTests.run([Self.invoice("A", Self.new), Self.invoice("B", Self.new, date: "2026-11-02")],
                                               ledger: ledger, formats: [.iif])
        #expect(try Self.names(november, .iif)["B"] == Self.old.name)
        let books = try TestPaths.temporaryFolder().appendingPathComponent("customers.iif")
        try Data("!CUST\tNAME\tEMAIL\tHIDDEN\nCUST\tAnn Lee-Smith\tann@smith.example\tN\n".utf8).write(to: books)
        var configuration = Configuration()
        configuration.books.customers = books.path
        let december = try MonthlyRunTests.run([Self.invoice("A", Self.new), Self.invoice("B", Self.new, date: "2026-11-02"),
                                                Self.invoice("C", Self.new, date: "2026-12-02")],
                                               ledger: ledger, formats: [.iif], configuration: configuration)
        #expect(try Self.names(december, .iif)["C"] == Self.new.name)
        #expect(december.report.rows("customer").map { $0["message"] ?? "" } == [
            "Renamed in QuickBooks by hand, as the report of batch 2 asked: the books list customer \"Ann Lee-Smith\" (it was \"Ann Lee\"); transactions use \"Ann Lee-Smith\" from now on",
        ])
        #expect(throws: FatalError.self, "confirmed by the books") { try CustomerRename.confirm(customer: "c1", ledger: ledger) }
    }

    /// `customers.sync_updates` off: the rename is noted once as ignored, and QuickBooks' name is kept for good.
    @Test func withSyncUpdatesOffTheOldNameStays() throws {
        let ledger = try EditOrderTests.ledger()
        var configuration = Configuration()
        configuration.customers.syncUpdates = false
        _ = try MonthlyRunTests.run([Self.invoice("A", Self.old)], ledger: ledger, formats: [.iif], configuration: configuration)
        let november = try MonthlyRunTests.run([Self.invoice("A", Self.new), Self.invoice("B", Self.new, date: "2026-11-02")],
                                               ledger: ledger, formats: [.iif], configuration: configuration)
        #expect(november.report.rows("customer").map { $0["message"] ?? "" } == [
            "Changed in Run a Call after batch 1 (name: Ann Lee → Ann Lee-Smith; email: ann@example.com → ann@smith.example), ignored: customers.sync_updates is off; QuickBooks keeps customer \"Ann Lee\" as it is",
        ])
        #expect(november.row("A")?["message"] == "Already exported in batch 1")
        let december = try MonthlyRunTests.run([Self.invoice("A", Self.new), Self.invoice("B", Self.new, date: "2026-11-02"),
                                                Self.invoice("C", Self.new, date: "2026-12-02")],
                                               ledger: ledger, formats: [.iif], configuration: configuration)
        #expect(try Self.names(november, .iif)["B"] == Self.old.name && Self.names(december, .iif)["C"] == Self.old.name)
        #expect(december.report.rows("customer").isEmpty)
        #expect(throws: FatalError.self, "no rename to confirm") { try CustomerRename.confirm(customer: "c1", ledger: ledger) }
    }

    /// qbXML before QuickBooks' answers are ingested: the rename waits (nothing recorded) and transactions keep the
    /// name QuickBooks has; the run after the ingest renames the customer.
    @Test func qbXMLRenamesOnceTheCustomersListIDIsIngested() throws {
        let ledger = try EditOrderTests.ledger()
        let quickBooks = FakeQuickBooks()
        let october = try MonthlyRunTests.run([Self.invoice("A", Self.old)], ledger: ledger, formats: [.qbxml])
        let november = try MonthlyRunTests.run([Self.invoice("A", Self.new), Self.invoice("B", Self.new, date: "2026-11-02")],
                                               ledger: ledger, formats: [.qbxml])
        #expect(november.report.rows("customer").map { $0["message"] ?? "" } == [
            "Not updated yet: customer \"Ann Lee\" changed in Run a Call after batch 1 (name: Ann Lee → Ann Lee-Smith; email: ann@example.com → ann@smith.example); transactions keep its QuickBooks name \"Ann Lee\" (QuickBooks' ListID is not known: ingest batch 1's QuickBooks responses with rac2qb ingest to have qbXML do it)",
        ])
        #expect(ResponseIngestTests.requestIDs(try ResponseIngestTests.requests(november)) == ["req-inv-B"])
        try Self.answer(october, by: quickBooks, ledger: ledger, "October")
        try Self.answer(november, by: quickBooks, ledger: ledger, "November")

        let december = try MonthlyRunTests.run([Self.invoice("A", Self.new), Self.invoice("B", Self.new, date: "2026-11-02"),
                                                Self.invoice("C", Self.new, date: "2026-12-02")], ledger: ledger, formats: [.qbxml])
        #expect(ResponseIngestTests.requestIDs(try ResponseIngestTests.requests(december)) == ["req-custmod-c1", "req-inv-C"])
        try Self.answer(december, by: quickBooks, ledger: ledger, "December")
        #expect(quickBooks.customers == [Self.new.name])
        #expect(try #require(quickBooks.invoice(refNumber: "B")).customer == Self.new.name)
    }

    /// A ledger of the old code keeps its invoices' customer by name: the same customer renamed is no edit,
    /// twice over (renamed in November, again in December), but an invoice moved to another customer still is one.
    @Test func anOldLedgersInvoiceIsEditedOnlyByAnotherCustomer() throws {
        let ledger = try EditOrderTests.ledger()
        _ = try MonthlyRunTests.run([Self.invoice("A", Self.old), Self.invoice("B", Self.old)], ledger: ledger, formats: [.iif])
        try Self.rewriteAsOldCode(ledger, customer: Self.old)
        let november = try MonthlyRunTests.run([Self.invoice("A", Self.new), Self.invoice("C", Self.new, date: "2026-11-02")],
                                               ledger: ledger, formats: [.iif])
        #expect(november.row("A")?["message"] == "Already exported in batch 1")
        _ = try CustomerRename.confirm(customer: "c1", ledger: ledger)
        let third = (name: "Ann Smith", email: "ann@smith.example")
        let bob = (name: "Bob Roe", email: "bob@example.com")
        let december = try MonthlyRunTests.run([Self.invoice("A", third), Self.invoice("B", bob, customerID: "c2"),
                                                Self.invoice("D", third, date: "2026-12-02")], ledger: ledger, formats: [.iif])
        #expect(december.row("A")?["message"] == "Already exported in batch 1", "its customer's name of batch 1")
        let moved = try #require(december.row("B")?["message"])
        #expect(moved.hasPrefix("Needs update: invoice #B was edited in Run a Call after batch 1; change it in QuickBooks:"))
        #expect(moved.contains("customer id: (none) → c2") && moved.contains("customer: Ann Lee <ann@example.com> → (none)"))
    }
}
