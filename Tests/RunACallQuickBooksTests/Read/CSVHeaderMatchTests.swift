import Foundation
import Testing
@testable import RunACallQuickBooks
@testable import RunACallSupport
@testable import RunACallRead

/// A missing CSV column is named with the found header the user most likely meant.
@Suite struct CSVHeaderMatchTests {
    @Test(arguments: [
        ("invoice_date", ["invoice_id", "Invoice Date"], "Invoice Date"),
        ("invoice_date", ["invoice_id", "invoce_date"], "invoce_date"),
        ("name", ["id", "full_name", "email"], "full_name"),
        ("name", ["id", "email"], nil),
    ] as [(String, [String], String?)])
    func theClosestHeaderIsNamed(_ column: String, _ headers: [String], _ expected: String?) {
        #expect(CSVHeaderMatch.closest(to: column, in: headers) == expected)
    }

    @Test func aColumnThatIsRequiredItselfIsNeverOfferedForAnother() throws {
        let folder = try InputFixture.folder(["invoices.json": Array(InputFixture.invoicesJSON(["1"]).utf8),
                                              "payments.csv": Array("payment_ref,invoice_id,amount,method,received_at\n".utf8)])
        do {
            _ = try Conversion.run(folder, out: nil, writeFiles: false)
            Issue.record("a payments.csv without id must stop the run")
        } catch let error as FatalError {
            #expect(error.description.hasPrefix("payments.csv: no column id (the header row must name") == true, "\(error.description)")
        }
    }

    @Test func aCustomersCSVWithoutNameNamesTheColumnItHas() throws {
        let folder = try InputFixture.folder(["invoices.json": Array(InputFixture.invoicesJSON(["1"]).utf8),
                                              "customers.csv": Array("id,full_name,email\nc9,Zed,z@example.com\n".utf8)])
        do {
            _ = try Conversion.run(folder, out: nil, writeFiles: false)
            Issue.record("a customers.csv without name must stop the run")
        } catch let error as FatalError {
            #expect(error.kind == .unreadableInput)
            #expect(error.description == "customers.csv: no column name; found \"full_name\" (the header row must name, exactly: id, name)")
        }
    }
}
