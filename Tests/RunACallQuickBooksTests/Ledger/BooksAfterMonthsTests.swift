import Foundation
import Testing
@testable import RunACallQuickBooks
@testable import RunACallSupport
@testable import RunACallDecide

/// Issue 11, Must show 1: seeded monthly histories with card payments paid out
/// the next month, refunds paid out a month later, fees, cash and checks, edits
/// before and after payment, voids and sales tax, converted month by month
/// against one ledger and posted to double-entry stand-in books (qbXML: convert
/// → the stand-in QuickBooks → ingest; IIF: convert → the stand-in import → the
/// report's by-hand steps). At the end the books are what Run a Call holds.
@Suite struct BooksAfterMonthsTests {
    /// Everything the histories can hold: a customer renamed in month 2 and an unmapped rate under the 0% safety net.
    static func options(_ format: OutputFormat) -> MonthlySequence.Options {
        MonthlySequence.Options(cardPayments: true, refunds: true, salesTax: true, unmappedRate: true, discounts: true, renameMonth: 2)
    }

    static func configuration(_ format: OutputFormat) -> Configuration {
        var configuration = Configuration()
        configuration.output.formats = [format]
        configuration.tax.rates = [(MonthlySequence.mappedRate.name, MonthlySequence.mappedRate.item)]
        configuration.tax.defaultForUnmapped = MonthlySequence.unmappedRate.item
        configuration.tax.agency = "Colorado Department of Revenue"
        return configuration
    }

    /// Converts month `month`'s export into `out`'s QuickBooks files and report.
    static func convert(_ sequence: MonthlySequence, month: Int, format: OutputFormat, ledger: URL) throws -> MonthlyRunTests.Month {
        let (invoices, payments) = sequence.export(month: month)
        var files = ["invoices.json": "[" + invoices.joined(separator: ",\n") + "]", "payments.json": "[" + payments.joined(separator: ",\n") + "]"]
        if let payouts = sequence.payoutsFile(month: month) { files["payouts.json"] = payouts }
        let folder = try Conversion.export(files)
        let out = folder.appendingPathComponent("out")
        let result = try Converter.run(ConversionOptions(exportPaths: [folder], configuration: configuration(format), outputDirectory: out, ledger: ledger))
        return MonthlyRunTests.Month(report: try ReportFile(out), out: out, result: result)
    }

    /// Failed rows other than the blocked edits after payment the history expects (from the edit's month on).
    static func unexpectedFailures(_ run: MonthlyRunTests.Month, _ sequence: MonthlySequence, month: Int) -> [String] {
        run.report.rows.filter { row in
            guard row["status"] == "Failed" else { return false }
            let history = sequence.histories.first { $0.id == row["source_id"] }
            return !(history?.editedAfterPayment == true && (history?.events.last { $0.event == .edit }?.month ?? month) <= month)
        }.map { "month \(month) \($0["entity_type"] ?? "") \($0["source_id"] ?? ""): \($0["message"] ?? "")" }
    }

    /// What every month's report must say: no failure but the blocked edits, and each customer's receivable
    /// across batches equal to its balance_due but where a blocked edit keeps another total.
    static func checkReport(_ run: MonthlyRunTests.Month, _ sequence: MonthlySequence, month: Int) {
        #expect(unexpectedFailures(run, sequence, month: month) == [])
        #expect(customersNotReconciled(run, sequence, month: month) == customersWithBlockedEdits(run, sequence, month: month), "month \(month)")
    }

    /// The customers (by number) the summary finds apart from Run a Call, under their name before or after a rename.
    static func customersNotReconciled(_ run: MonthlyRunTests.Month, _ sequence: MonthlySequence, month: Int) -> Set<Int> {
        Set(run.result.summary.customersNotReconciled.compactMap { name in
            MonthlySequence.customerNumbers.first { sequence.customerName($0, month: month) == name || sequence.customerName($0, month: max(month - 1, 0)) == name }
        })
    }

    /// The customers (by number) of this month's invoices whose edit after payment failed and left another
    /// balance: QuickBooks keeps the paid version's total, Run a Call's balance_due follows the edit.
    static func customersWithBlockedEdits(_ run: MonthlyRunTests.Month, _ sequence: MonthlySequence, month: Int) -> Set<Int> {
        var apart: [Int: Int64] = [:]
        for row in run.report.rows("invoice") where row["status"] == "Failed" {
            guard let history = sequence.histories.first(where: { $0.id == row["source_id"] }),
                  let state = history.state(at: month) else { continue }
            let runACall = max(0, history.total(state.lines) - state.paid)
            apart[history.customer, default: 0] += runACall - (history.total(history.versions[0]) - state.paid)
        }
        return Set(apart.filter { $0.value != 0 }.keys)
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func qbxmlBooksEndWhereRunACallEnds(seed: UInt64) throws {
        let sequence = MonthlySequence(seed: seed, invoices: 100, months: 6, options: Self.options(.qbxml))
        let ledger = try TestPaths.temporaryFolder().appendingPathComponent("ledger.sqlite")
        let quickBooks = FakeQuickBooks(salesTaxRates: [MonthlySequence.mappedRate.item: MonthlySequence.mappedRate.percent,
                                                        MonthlySequence.unmappedRate.item: "0"])
        for month in 0..<sequence.months {
            let run = try Self.convert(sequence, month: month, format: .qbxml, ledger: ledger)
            Self.checkReport(run, sequence, month: month)
            let requests = run.out.appendingPathComponent("qbxml/requests.xml")
            guard FileManager.default.fileExists(atPath: requests.path) else { continue }
            #expect(try QBXMLSchemaTests.schema().validate(file: requests) == [], "month \(month)")
            let responses = try TestPaths.temporaryFolder().appendingPathComponent("responses.xml")
            try Data(try quickBooks.process(requests: requests).utf8).write(to: responses)
            let ingested = try ResponseIngest.ingest([responses], ledger: ledger, batch: nil)
            #expect(ingested.rows.isEmpty, "month \(month): QuickBooks refused nothing (every transaction balances): \(ingested.rows.map(\.message))")
        }
        for kind in ["InvoiceAdd", "InvoiceMod", "TxnVoid", "ReceivePaymentAdd", "CreditMemoAdd", "DepositAdd", "CustomerMod"] {
            #expect(quickBooks.done[kind, default: 0] > 0, "the history exercises \(kind): \(quickBooks.done)")
        }
        let expected = ExpectedBooks(sequence)
        var notesChecked = 0
        for history in expected.invoices {
            let invoice = try #require(quickBooks.invoice(refNumber: history.id), "\(history.id) is in QuickBooks once")
            #expect(invoice.total == expected.total(history), "\(history.id): its final total")
            #expect(invoice.paid == expected.paid(history), "\(history.id): every payment received once")
            if history.notesEmptiedByEdit, !history.editedAfterPayment {
                let edited = history.events.contains { $0.event == .edit }
                #expect(invoice.memo == (edited ? "" : "Gate code \(history.id)"), "\(history.id): its internal notes as Run a Call ends")
                notesChecked += edited ? 1 : 0
            }
        }
        #expect(notesChecked > 0, "notes emptied by an edit are cleared in QuickBooks")
        #expect(quickBooks.addedRefNumbers.sorted() == expected.invoices.map(\.id).sorted(), "each sent invoice added once, no deleted draft")
        try expected.check(quickBooks.books, deposits: quickBooks.deposits, configuration: Self.configuration(.qbxml))
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func iifBooksEndWhereRunACallEnds(seed: UInt64) throws {
        let sequence = MonthlySequence(seed: seed, invoices: 100, months: 6, options: Self.options(.iif))
        let ledger = try TestPaths.temporaryFolder().appendingPathComponent("ledger.sqlite")
        let quickBooks = IIFImportStandIn()
        let configuration = Self.configuration(.iif)
        var byHand: (updates: Int, voids: Int, renames: Int) = (0, 0, 0)
        for month in 0..<sequence.months {
            let run = try Self.convert(sequence, month: month, format: .iif, ledger: ledger)
            Self.checkReport(run, sequence, month: month)
            let file = run.out.appendingPathComponent("iif/quickbooks.iif")
            if FileManager.default.fileExists(atPath: file.path) {
                #expect(try FileChecker.checkIIF(file) == [], "month \(month): rac2qb validate finds nothing, every transaction balances")
                try quickBooks.importFile(file)
            }
            for row in run.report.rows("customer") where row["message"]?.hasPrefix("Needs update: customer") == true {
                let id = row["source_id"] ?? ""
                let number = try #require(Int(id.dropFirst("cust-".count)))
                let (old, new) = (sequence.customerName(number, month: month - 1), sequence.customerName(number, month: month))
                #expect(row["message"]?.contains("name: \(old) → \(new)") == true, "\(row["message"] ?? "")")
                #expect(row["message"]?.contains("Rename customer \"\(old)\" to \"\(new)\" in QuickBooks, then run `rac2qb confirm-rename \(id)`") == true,
                        "\(row["message"] ?? "")")
                quickBooks.rename(customer: old, to: new)
                let confirmed = try CustomerRename.confirm(customer: id, ledger: ledger)
                #expect(confirmed.old == old && confirmed.new == new, "what the next run assumes is what the user did")
                byHand.renames += 1
            }
            for row in run.report.rows("invoice") {
                let id = row["source_id"] ?? ""
                let message = row["message"] ?? ""
                guard let history = sequence.histories.first(where: { $0.id == id }), let state = history.state(at: month) else { continue }
                if message.hasPrefix("Needs update: invoice #\(id)") {
                    #expect(message.contains("total: ") && message.contains(" → \(MonthlySequence.money(history.total(state.lines)))"), "\(id): \(message)")
                    try quickBooks.update(invoice: id, lines: state.lines, account: configuration.items.defaultIncomeAccount,
                                          discount: history.discount, discountAccount: configuration.invoices.discountAccount,
                                          tax: history.taxAmount(state.lines), agency: configuration.tax.agency)
                    byHand.updates += 1
                } else if message.hasPrefix("Voided in Run a Call after batch") {
                    quickBooks.void(invoice: id)
                    byHand.voids += 1
                }
            }
            try quickBooks.applyPayments(worksheet: run.out.appendingPathComponent("report/payment-application.csv"))
        }
        #expect(quickBooks.refused == [], "QuickBooks refused nothing: every transaction balances")
        #expect(quickBooks.implicit == [], "every customer and item a transaction names was declared by a list row")
        #expect(quickBooks.misapplied == [], "every payment applies to its open invoice as the worksheet says")
        #expect(byHand.updates > 0 && byHand.voids > 0, "the history has by-hand updates and voids: \(byHand)")
        #expect(byHand.renames == (sequence.options.renameMonth == nil ? 0 : 1), "a renamed customer is renamed by hand once")
        for kind in ["INVOICE", "PAYMENT", "CREDIT MEMO", "DEPOSIT"] {
            #expect(quickBooks.imported[kind, default: 0] > 0, "the history exercises \(kind): \(quickBooks.imported)")
        }
        let expected = ExpectedBooks(sequence)
        for history in expected.invoices {
            let invoice = try #require(quickBooks.invoices[history.id], "\(history.id) is in QuickBooks")
            #expect(invoice.total == expected.total(history), "\(history.id): its final total")
            #expect(invoice.paid == expected.paid(history), "\(history.id): every payment received once and applied")
        }
        #expect(quickBooks.addedDocNumbers.sorted() == expected.invoices.map(\.id).sorted(), "each sent invoice imported once, no deleted draft")
        #expect(quickBooks.imported["PAYMENT"] == sequence.moneyIn.filter { !$0.isRefund }.count, "every payment imported once")
        try expected.check(quickBooks.books, deposits: quickBooks.deposits, configuration: configuration)
    }
}
