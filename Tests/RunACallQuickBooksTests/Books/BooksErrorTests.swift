import Foundation
import Testing
@testable import RunACallQuickBooks
@testable import RunACallSupport

/// The seed's sync errors that come from the books, one test each: the
/// seed's words, its fix, the record's own details, and nothing of a failed
/// record in any QuickBooks file while the run goes on for the others.
@Suite struct BooksErrorTests {
    static func invoice(_ id: String, status: String = "sent", date: String = "2026-10-01", customer: String = "Ann Lee",
                        email: String = "ann@example.com", item: String = "Labor",
                        category: String? = nil, extra: String = "", tax: (rate: String, amount: String)? = nil) -> String {
        let category = category.map { ", \"category\": \"\($0)\"" } ?? ""
        let taxable = tax.map { ", \"taxable\": true, \"tax_rate\": \"\($0.rate)\"" } ?? ""
        let lines = "[{\"item\": \"\(item)\", \"quantity\": \"1\", \"unit_price\": \"100.00\", \"amount\": \"100.00\"\(category)\(taxable)}]"
        let taxLines = tax.map { "[{\"name\": \"\($0.rate)\", \"rate_percent\": \"8.81\", \"taxable_amount\": \"100.00\", \"amount\": \"\($0.amount)\"}]" } ?? "[]"
        let total = tax.map { (Money(parsing: "100.00")! + Money(parsing: $0.amount)!).description } ?? "100.00"
        return InvoiceRulesTests.invoice(id: id, status: status, date: date, customer: customer, email: email, lines: lines, tax: taxLines,
                                         extra: extra, total: total)
    }

    /// The failed row for `id`, after checking the run's exit status and that `marker` is in no QuickBooks file.
    static func failedRow(_ report: ReportFile, _ out: URL, _ result: ConversionResult, id: String, marker: String,
                          entity: String = "invoice") throws -> [String: String] {
        let row = try #require(report.rows(entity).first { $0["source_id"] == id })
        #expect(row["status"] == "Failed")
        #expect(row["targets"] == "")
        #expect(result.exitStatus == 1)
        #expect(try BooksFixture.files(out, containing: marker) == [], "nothing of the failed record is written anywhere")
        return row
    }

    @Test func customerNotFoundIsCreatedWhenCreationIsOn() throws {
        let (report, out, result) = try BooksFixture.run(BooksFixture.invoices([
            Self.invoice("C-1"), Self.invoice("C-2", customer: "Zed Newman", email: "zed@example.com"),
        ]))
        #expect(result.exitStatus == 0)
        let created = report.rows("customer")
        #expect(created.count == 1)
        #expect(created.first?["entity"] == "Customer Zed Newman")
        #expect(created.first?["message"] == "Customer not found in QuickBooks: created for Invoice #C-2")
        let files = try BooksFixture.quickBooksFiles(out)
        let qbxml = try BooksFixture.compactQBXML(out)
        #expect(qbxml.contains("<CustomerAdd><Name>Zed Newman</Name>"))
        #expect(!qbxml.contains("<CustomerAdd><Name>Ann Lee</Name>"), "a customer the books hold (same name and email) is not created again")
        #expect(!(try #require(files["iif/quickbooks.iif"])).contains("CUST\tAnn Lee"))
        #expect(qbxml.contains("<CustomerRef><FullName>Ann Lee</FullName></CustomerRef>"))
    }

    @Test func customerNotFoundFailsTheInvoiceWhenCreationIsOff() throws {
        let (report, out, result) = try BooksFixture.run(BooksFixture.invoices([
            Self.invoice("C-1"), Self.invoice("C-9", customer: "Zed Newman", email: "zed@example.com"),
        ]), config: "customers:\n  create_in_quickbooks: false\n")
        let row = try Self.failedRow(report, out, result, id: "C-9", marker: "Zed Newman")
        #expect(row["message"] == "Customer not found: \"Zed Newman\" (zed@example.com) is not in the QuickBooks customer list and customers.create_in_quickbooks is off")
        #expect(row["fix"]?.contains("so the sync recreates them") == true)
        #expect(try BooksFixture.files(out, containing: "C-9") == [])
        #expect(report.invoices.first { $0["source_id"] == "C-1" }?["status"] == "Success", "the run goes on for the others")
    }

    @Test func inactiveCustomerFailsWithReactivate() throws {
        let (report, out, result) = try BooksFixture.run(BooksFixture.invoices([
            Self.invoice("C-3", customer: "old client", email: "OLD@example.com "),
        ]))
        let row = try Self.failedRow(report, out, result, id: "C-3", marker: "C-3")
        #expect(row["message"] == "Customer inactive: \"Old Client\" is marked inactive in QuickBooks")
        #expect(row["fix"]?.hasPrefix("Reactivate the customer") == true)
    }

    @Test func createdNamesNeverCollideWithCustomersVendorsOrEmployees() throws {
        let (report, out, _) = try BooksFixture.run(BooksFixture.invoices([
            Self.invoice("N-1", customer: "Ann Lee", email: "another.ann@example.com"),
            Self.invoice("N-2", customer: "Acme Supply", email: "ap@acme.example"),
            Self.invoice("N-3", customer: "Bob Tech", email: "bob@example.com"),
        ]))
        let messages = report.rows("customer").map { "\($0["message"] ?? ""); \($0["warning"] ?? "")" }
        #expect(messages == [
            "Customer not found in QuickBooks: created for Invoice #N-1; Created as \"Ann Lee (2)\" (a QuickBooks customer with another email has that name)",
            "Customer not found in QuickBooks: created for Invoice #N-2; Created as \"Acme Supply (2)\" (a QuickBooks vendor, employee or other name has that name)",
            "Customer not found in QuickBooks: created for Invoice #N-3; Created as \"Bob Tech (2)\" (a QuickBooks vendor, employee or other name has that name)",
        ])
        let qbxml = try BooksFixture.compactQBXML(out)
        for name in ["Ann Lee (2)", "Acme Supply (2)", "Bob Tech (2)"] { #expect(qbxml.contains("<CustomerAdd><Name>\(name)</Name>")) }
    }

    @Test func itemNotFoundFailsWhenCreationIsOff() throws {
        let (report, out, result) = try BooksFixture.run(BooksFixture.invoices([
            Self.invoice("I-1"), Self.invoice("I-2", item: "Widget"), Self.invoice("I-3", item: "Retired part"),
        ]), config: "items:\n  create_in_quickbooks: false\n")
        let missing = try Self.failedRow(report, out, result, id: "I-2", marker: "Widget")
        #expect(missing["message"] == "Item not found: \"Widget\" is not in the QuickBooks item list and items.create_in_quickbooks is off")
        #expect(missing["fix"]?.hasPrefix("Create the item in QuickBooks with the same name (\"Widget\") and re-run") == true)
        let inactive = try Self.failedRow(report, out, result, id: "I-3", marker: "I-3")
        #expect(inactive["message"] == "Item not found: \"Retired part\" is marked inactive in QuickBooks")
        #expect(inactive["fix"]?.hasPrefix("Reactivate the item") == true)
        let qbxml = try BooksFixture.compactQBXML(out)
        #expect(!qbxml.contains("ItemServiceAdd"), "Labor is in the books: nothing to create")
        #expect(qbxml.contains("<ItemRef><FullName>Labor</FullName></ItemRef>"))
    }

    @Test func taxCodeNotInTheBooksFails() throws {
        let config = "tax:\n  rates:\n    Denver 8.81%: Denver\n    Boulder 8.85%: Boulder\n    Aurora 8%: Aurora\n"
        let (report, out, result) = try BooksFixture.run(BooksFixture.invoices([
            Self.invoice("T-1", tax: ("Denver 8.81%", "8.81")),
            Self.invoice("T-2", tax: ("Aurora 8%", "8.00")),
            Self.invoice("T-3", tax: ("Boulder 8.85%", "8.85")),
        ]), config: config)
        let missing = try Self.failedRow(report, out, result, id: "T-2", marker: "Aurora")
        #expect(missing["message"] == "Tax code not mapped: tax.rates maps to \"Aurora\", which is not in the QuickBooks tax codes")
        #expect(missing["fix"]?.contains("change tax.rates to a code that exists") == true)
        let inactive = try Self.failedRow(report, out, result, id: "T-3", marker: "Boulder")
        #expect(inactive["message"] == "Tax code not mapped: tax.rates maps to \"Boulder\", which is marked inactive in QuickBooks")
        #expect(report.invoices.first?["status"] == "Success")
    }

    @Test func closedPeriodFailsInvoicePaymentAndPayout() throws {
        var files = BooksFixture.invoices([Self.invoice("P-1", date: "2026-09-30"), Self.invoice("P-2")])
        files["payments.json"] = "[" + PaymentRulesTests.payment("pay-1", invoice: "P-1") + "]"
        files["payouts.json"] = #"[{"id": "po_1", "arrival_date": "2026-10-05", "gross": "100.00", "fees": "3.20", "net": "96.80"}]"#
        let (report, out, result) = try BooksFixture.run(files, config: "company:\n  closing_date: 2026-09-30\n")
        let row = try Self.failedRow(report, out, result, id: "P-1", marker: "P-1")
        #expect(row["message"] == "Closed period: Invoice date 2026-09-30 is on or before the QuickBooks closing date 2026-09-30")
        #expect(row["fix"]?.hasPrefix("Either move the closing date") == true)
        let payment = try Self.failedRow(report, out, result, id: "pay-1", marker: "pay-1", entity: "payment")
        #expect(payment["message"]?.hasPrefix("Invoice not written: invoice #P-1 was not written (failed: Closed period)") == true)
        let payout = try Self.failedRow(report, out, result, id: "po_1", marker: "po_1", entity: "payout")
        #expect(payout["message"] == "Payout not written: invoice #P-1 failed: Closed period (its payment pay-1 applies to it)",
                "the root cause first, no nesting")
    }

    @Test func accountInactiveFailsTheLinesRecord() throws {
        let config = "items:\n  category_income_accounts:\n    Legacy: Old revenue\n"
        let (report, out, result) = try BooksFixture.run(BooksFixture.invoices([
            Self.invoice("A-1"), Self.invoice("A-2", item: "Gadget", category: "Legacy"),
        ]), config: config)
        let row = try Self.failedRow(report, out, result, id: "A-2", marker: "Gadget")
        #expect(row["message"] == "Account inactive: the income account \"Old revenue\" is marked inactive in QuickBooks")
        #expect(row["fix"]?.hasPrefix("Reactivate it in QuickBooks") == true)
        #expect(try BooksFixture.files(out, containing: "Old revenue") == [], "an inactive account is never declared")
        let iif = try InvoiceRulesTests.text(out, "iif/quickbooks.iif")
        #expect(!iif.contains("ACCNT\tService revenue"), "accounts the books hold are not declared again")
    }

    @Test func inactiveFeeAccountFailsThePayoutAndItsPayments() throws {
        var files = BooksFixture.invoices([Self.invoice("F-1", status: "paid")])
        files["payments.json"] = "[" + PaymentRulesTests.payment("pay-f1", invoice: "F-1", payout: "po_f") + "]"
        files["payouts.json"] = #"[{"id": "po_f", "arrival_date": "2026-10-05", "gross": "100.00", "fees": "3.20", "net": "96.80"}]"#
        let (report, out, result) = try BooksFixture.run(files, config: "payments:\n  stripe_fee_account: Old fees\n")
        let payout = try Self.failedRow(report, out, result, id: "po_f", marker: "Old fees", entity: "payout")
        #expect(payout["message"] == "Account inactive: the fee account \"Old fees\" is marked inactive in QuickBooks")
        let payment = try Self.failedRow(report, out, result, id: "pay-f1", marker: "pay-f1", entity: "payment")
        #expect(payment["message"] == "Payout not written: Account inactive: the fee account \"Old fees\" is marked inactive in QuickBooks (payout po_f carries this payment)")
        #expect(report.invoices.first?["status"] == "Success", "the invoice itself does not depend on the payout")
    }

    @Test func termsNotInTheBooksFail() throws {
        let (report, out, result) = try BooksFixture.run(BooksFixture.invoices([
            Self.invoice("R-1", extra: ", \"terms\": \"net 30\""), Self.invoice("R-2", extra: ", \"terms\": \"Net 45\""),
            Self.invoice("R-3", extra: ", \"terms\": \"Net 60\""),
        ]))
        let missing = try Self.failedRow(report, out, result, id: "R-2", marker: "Net 45")
        #expect(missing["message"] == "Terms not found: the invoice's terms \"Net 45\" are not in the QuickBooks terms list")
        let inactive = try Self.failedRow(report, out, result, id: "R-3", marker: "Net 60")
        #expect(inactive["message"]?.hasSuffix("are marked inactive in QuickBooks") == true)
        #expect(report.invoices.first?["status"] == "Success")
    }
}
