import Foundation
import Testing
@testable import RunACallQuickBooks
@testable import RunACallSupport
@testable import RunACallRead

/// One-invoice exports, each proving one rule of the seed.
@Suite struct InvoiceRulesTests {
    static func invoice(id: String = "1", status: String = "sent", date: String = "2026-10-01", customer: String = "Ann Lee",
                        email: String = "ann@example.com", lines: String? = nil, tax: String = "[]", extra: String = "",
                        total: String = "100.00") -> String {
        let lines = lines ?? "[{\"item\": \"Labor\", \"quantity\": \"1\", \"unit_price\": \"100.00\", \"amount\": \"100.00\"}]"
        return """
        {"id": "\(id)", "status": "\(status)", "customer": {"name": "\(customer)", "email": "\(email)"},
         "invoice_date": "\(date)", "sent_at": "\(date)T10:00:00Z", "lines": \(lines), "tax_lines": \(tax), "total": "\(total)"\(extra)}
        """
    }

    static func run(_ invoices: [String], config: String = "version: 1\n") throws -> (ReportFile, URL, ConversionResult) {
        let folder = try Conversion.export(["invoices.json": "[" + invoices.joined(separator: ",\n") + "]"])
        let out = folder.appendingPathComponent("out")
        let result = try Conversion.run(folder, configText: config, out: out)
        return (try ReportFile(out), out, result)
    }

    static func text(_ out: URL, _ file: String) throws -> String {
        String(decoding: try Data(contentsOf: out.appendingPathComponent(file)), as: UTF8.self)
    }

    @Test func onPaymentWritesOnlyPaidInvoices() throws {
        let (report, _, _) = try Self.run([Self.invoice(id: "1", status: "sent"), Self.invoice(id: "2", status: "paid"),
                                           Self.invoice(id: "3", status: "draft")],
                                          config: "invoices:\n  when: on_payment\n")
        #expect(report.invoices.map { $0["status"] } == ["Skipped", "Success", "Skipped"])
        #expect(report.invoices[0]["message"] == "Not paid yet (on payment mode)")
        #expect(report.invoices[2]["message"] == "Draft: never sent")
    }

    @Test func syncOffWritesNoInvoice() throws {
        let (report, out, _) = try Self.run([Self.invoice()], config: "invoices:\n  sync: false\n")
        #expect(report.invoices.first?["message"] == "Invoice sync is off (invoices.sync: false)")
        #expect(!(try Self.text(out, "qbxml/requests.xml")).contains("InvoiceAdd"))
    }

    @Test func voidInvoiceKeepsItsNumberAtZero() throws {
        let (report, out, _) = try Self.run([Self.invoice(id: "77", status: "void", extra: ", \"internal_notes\": \"wrong address\"")])
        #expect(report.invoices.first?["status"] == "Success")
        let iif = try IIFReader(url: out.appendingPathComponent("iif/quickbooks.iif")).transactions().transactions
        #expect(iif.count == 1)
        #expect(iif.first?.header["DOCNUM"] == "77" && iif.first?.header["AMOUNT"] == "0.00")
        #expect(iif.first?.header["MEMO"] == "VOID: wrong address")
    }

    @Test func closedPeriodFailsWithTheSeedsFixAndWritesNothing() throws {
        let (report, out, result) = try Self.run([Self.invoice(id: "5", date: "2026-09-30")],
                                                 config: "company:\n  closing_date: 2026-09-30\n")
        let row = try #require(report.invoices.first)
        #expect(row["status"] == "Failed")
        #expect(row["message"]?.hasPrefix("Closed period") == true)
        #expect(row["fix"]?.contains("move the closing date") == true)
        #expect(row["targets"] == "")
        #expect(result.exitStatus == 1)
        #expect(!(try Self.text(out, "iif/quickbooks.iif")).contains("\r\nTRNS\t"))
        #expect(!(try Self.text(out, "qbo-csv/customers.csv")).contains("Ann Lee"), "nothing of a failed invoice is written")
    }

    @Test func unmappedTaxRateFailsWithoutADefault() throws {
        let lines = "[{\"item\": \"Part\", \"quantity\": 1, \"unit_price\": \"100.00\", \"amount\": \"100.00\", \"taxable\": true, \"tax_rate\": \"Nowhere 5%\"}]"
        let tax = "[{\"name\": \"Nowhere 5%\", \"rate_percent\": 5, \"taxable_amount\": \"100.00\", \"amount\": \"5.00\"}]"
        let (report, _, _) = try Self.run([Self.invoice(lines: lines, tax: tax, total: "105.00")])
        #expect(report.invoices.first?["message"]?.hasPrefix("Tax code not mapped") == true)
        let (mapped, out, _) = try Self.run([Self.invoice(lines: lines, tax: tax, total: "105.00")],
                                            config: "tax:\n  rates:\n    Nowhere 5%: NW\n")
        #expect(mapped.invoices.first?["status"] == "Success")
        let iif = try IIFReader(url: out.appendingPathComponent("iif/quickbooks.iif")).records
        let autostax = try #require(iif.first { $0["EXTRA"] == "AUTOSTAX" })
        #expect(autostax["INVITEM"] == "NW" && autostax["AMOUNT"] == "-5.00" && autostax["PRICE"] == "5.00%")
    }

    @Test func totalsAreCheckedNotTrusted() throws {
        let lines = "[{\"item\": \"Labor\", \"quantity\": \"3\", \"unit_price\": \"33.33\", \"amount\": \"100.00\"}]"
        let (report, _, _) = try Self.run([Self.invoice(lines: lines), Self.invoice(id: "2", total: "99.99")])
        #expect(report.invoices[0]["message"] == "Total mismatch: line 1 amount is 100.00 but quantity 3 × unit price 33.33 = 99.99")
        #expect(report.invoices[1]["message"]?.hasPrefix("Total mismatch: total is 99.99") == true)
    }

    @Test func docNumberOverTheLimitFailsAndIsNeverTruncated() throws {
        let (report, _, _) = try Self.run([Self.invoice(id: "INV-2026-000001")])
        #expect(report.invoices.first?["message"]?.hasPrefix("Doc number too long") == true)
        let (online, _, _) = try Self.run([Self.invoice(id: "INV-2026-000001")], config: "output:\n  formats: [qbo-csv]\n")
        #expect(online.invoices.first?["status"] == "Success", "QuickBooks Online allows 21 characters")
        let (numbered, _, _) = try Self.run([Self.invoice(id: "INV-2026-000001")], config: "invoices:\n  numbering: quickbooks\n")
        #expect(numbered.invoices.first?["status"] == "Success")
    }

    @Test func sameNameDifferentEmailBecomesTwoCustomersAndLongNamesStayUnique() throws {
        let long = String(repeating: "Very Long Customer Name ", count: 3)
        let (report, out, _) = try Self.run([
            Self.invoice(id: "1"), Self.invoice(id: "2", email: "other@example.com"), Self.invoice(id: "3", email: "ANN@example.com "),
            Self.invoice(id: "4", customer: long, email: "a@x.com"), Self.invoice(id: "5", customer: long, email: "b@x.com"),
        ])
        #expect(report.rows("customer").count == 4)
        let customers = try IIFReader(url: out.appendingPathComponent("iif/quickbooks.iif")).records.filter { $0.keyword == "CUST" }.map { $0["NAME"]! }
        #expect(customers.count == 4)
        #expect(customers[0] == "Ann Lee" && customers[1] == "Ann Lee (2)")
        #expect(Set(customers.map { $0.lowercased() }).count == 4)
        #expect(customers.allSatisfy { $0.count <= 41 })
    }

    @Test func discountsPostThroughTheirItemsToTheDiscountAccount() throws {
        let extra = ", \"discount\": {\"description\": \"Spring promo\", \"amount\": \"10.00\"}, \"member_discount\": {\"plan\": \"Gold\", \"amount\": 5}"
        let (_, out, _) = try Self.run([Self.invoice(extra: extra, total: "85.00")])
        let splits = try IIFReader(url: out.appendingPathComponent("iif/quickbooks.iif")).transactions().transactions[0].splits
        let discount = try #require(splits.first { $0["INVITEM"] == "Discount" })
        #expect(discount["ACCNT"] == "Discounts given" && discount["AMOUNT"] == "10.00")
        let member = try #require(splits.first { $0["INVITEM"] == "Member savings" })
        #expect(member["MEMO"] == "Member savings: Gold" && member["AMOUNT"] == "5.00")
    }

    @Test func membershipInvoicesPostToTheMembershipAccount() throws {
        let (_, out, _) = try Self.run([Self.invoice(extra: ", \"membership_invoice\": true")])
        let splits = try IIFReader(url: out.appendingPathComponent("iif/quickbooks.iif")).transactions().transactions[0].splits
        #expect(splits[0]["ACCNT"] == "Membership revenue")
        #expect(try Self.text(out, "qbxml/requests.xml").contains("<OverrideItemAccountRef>"))
    }

    @Test func duplicateIDsFailBothRecords() throws {
        let (report, _, _) = try Self.run([Self.invoice(id: "9"), Self.invoice(id: "9", customer: "Other")])
        #expect(report.invoices.map { $0["status"] } == ["Failed", "Failed"])
        #expect(report.invoices.allSatisfy { $0["message"]?.hasPrefix("Duplicate invoice ID") == true })
    }

    @Test func badFieldNamesFileRecordFieldAndWhatIsAllowed() throws {
        let (report, _, _) = try Self.run([Self.invoice(id: "1", date: "2026-10-1x")])
        let row = try #require(report.invoices.first)
        #expect(row["message"] == "Invalid record: field invoice_date is \"2026-10-1x\"; allowed: a date YYYY-MM-DD that exists, such as 2026-10-03")
        #expect(row["fix"] == "Correct invoices.json record #0 (field invoice_date), then re-run.")
        #expect(row["source"] == "invoices.json#0")
    }

    @Test func hostileTextIsNeutralisedPerFormat() throws {
        let extra = ", \"customer_notes\": \"=cmd|' /C calc'!A0\", \"internal_notes\": \"tab\\there; and \\\"quotes\\\" <b>&\""
        let (_, out, _) = try Self.run([Self.invoice(customer: "@Evil: Corp\\t\\\"Ltd\\\"", extra: extra)])
        let csv = try Self.text(out, "qbo-csv/invoices.csv")
        #expect(csv.contains("'=cmd") && csv.contains("'@Evil- Corp Ltd"))
        let iif = try IIFReader(url: out.appendingPathComponent("iif/quickbooks.iif")).transactions().transactions[0].header
        #expect(iif["MEMO"] == "tab here, and quotes <b>&")
        #expect(try Self.text(out, "qbxml/requests.xml").contains("<Memo>tab\there; and &quot;quotes&quot; &lt;b&gt;&amp;</Memo>"))
    }
}
