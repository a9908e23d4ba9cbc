import Foundation
import Testing
@testable import RunACallSupport
@testable import RunACallRead
@testable import RunACallDecide

/// An invoice's synced fields are written straight into their text; the ledger hashes that text, so it must be
/// exactly the lines the first versions joined, for every shape of invoice.
@Suite struct SyncedFieldsInvoiceTests {
    /// What the first versions did: the lines built one by one, then joined.
    static func asFirstVersions(_ invoice: Invoice, recordedCustomer: String? = nil) -> [String] {
        func address(_ address: Address?) -> String {
            guard let address else { return "" }
            return [address.line1, address.line2, address.city, address.state, address.postalCode, address.country]
                .map { $0 ?? "" }.joined(separator: " | ")
        }
        let escaped = SyncedFields.escaped
        let customer: String
        if let recordedCustomer {
            customer = "customer: \(recordedCustomer)"
        } else if let id = invoice.customer.id, !id.isEmpty {
            customer = "customer id: \(escaped(id))"
        } else {
            customer = "customer: \(escaped(invoice.customer.name)) <\(invoice.customer.email ?? "")>"
        }
        var lines = [
            customer,
            "billing address: \(escaped(address(invoice.billingAddress)))",
            "service address: \(escaped(address(invoice.serviceAddress)))",
            "invoice date: \(invoice.invoiceDate)",
            "due date: \(invoice.dueDate?.description ?? "")",
            "terms: \(escaped(invoice.terms))",
            "currency: \(invoice.currency)",
            "membership invoice: \(invoice.membershipInvoice)",
        ]
        for (number, line) in invoice.lines.enumerated() {
            lines.append("line \(number + 1): \(escaped(line.item)) | \(escaped(line.description)) | \(escaped(line.category)) | "
                + "\(line.quantity) × \(line.unitPrice) = \(line.amount) | taxable \(line.taxable) | \(escaped(line.taxRate))")
        }
        for (number, tax) in invoice.taxLines.enumerated() {
            lines.append("tax \(number + 1): \(escaped(tax.name)) | \(tax.ratePercent?.description ?? "") | \(tax.amount)")
        }
        lines += [
            "discount: \(invoice.discount.map { "\(escaped($0.label)) \($0.amount)" } ?? "")",
            "member discount: \(invoice.memberDiscount.map { "\(escaped($0.label)) \($0.amount)" } ?? "")",
            "total: \(invoice.total?.description ?? "")",
            "customer notes: \(escaped(invoice.customerNotes))",
            "internal notes: \(escaped(invoice.internalNotes))",
        ]
        return lines
    }

    static func money(_ text: String) -> Money { Money(parsing: text)! }
    static func decimal(_ text: String) -> ExactDecimal { ExactDecimal(parsing: text, maxPlaces: 5)! }

    static func invoice(customer: Customer, lines: Int, taxed: Bool, discounted: Bool, notes: String?, due: Bool) -> Invoice {
        let texts = ["Service call", "back\\slash", "two\nlines", "crlf\r\nend", "田中 太郎", "e\u{301}\\", "pipe | bar", ""]
        return Invoice(
            id: "INV-1", status: .sent, customer: customer,
            serviceAddress: Address(line1: "1 Main St", city: "Denver", state: "CO", postalCode: "80202", country: "US"),
            billingAddress: due ? nil : Address(line1: "PO Box 9\n", line2: "", country: "US"),
            invoiceDate: CalendarDate(year: 2026, month: 11, day: 3)!, dueDate: due ? CalendarDate(year: 2026, month: 12, day: 3) : nil,
            terms: due ? "Net 30" : nil, sentAt: nil, paidAt: nil, voidedAt: nil, updatedAt: nil, currency: "USD",
            membershipInvoice: discounted,
            lines: (0..<lines).map { index in
                InvoiceLine(item: texts[index % texts.count], description: index.isMultiple(of: 2) ? texts[(index + 3) % texts.count] : nil,
                            category: index.isMultiple(of: 3) ? nil : "Parts", quantity: decimal(["1", "1.33333", "0.25", "-2"][index % 4]),
                            unitPrice: decimal(["129", "19.99", "0.5", "1000000"][index % 4]), amount: money(["172.00", "-1.5", "0.00", "7"][index % 4]),
                            taxable: index.isMultiple(of: 2), taxRate: index.isMultiple(of: 2) ? "Aurora 8.5%" : nil)
            },
            taxLines: taxed ? [TaxLine(name: "Aurora 8.5%", ratePercent: decimal("8.5"), taxableAmount: nil, amount: money("63.75")),
                               TaxLine(name: "Odd\\rate", ratePercent: nil, taxableAmount: nil, amount: money("0.01"))] : [],
            discount: discounted ? InvoiceDiscount(label: "Spring\\10%", amount: money("10.00")) : nil,
            memberDiscount: discounted ? InvoiceDiscount(label: nil, amount: money("5.5")) : nil,
            subtotal: nil, taxTotal: nil, total: due ? money("1005.71") : nil, amountPaid: nil, balanceDue: nil,
            customerNotes: notes, internalNotes: notes.map { "internal: " + $0 })
    }

    @Test func theTextIsTheFirstVersionsLinesJoined() {
        let customers = [
            Customer(id: "cust-117", name: "Ann Lee"), Customer(id: "", name: "O'Brien\\Sons", email: "ob@example.com"),
            Customer(name: "Zoë\nÅngström"), Customer(id: "a\rb", name: "x"),
        ]
        var checked = 0
        for customer in customers {
            for lines in [0, 1, 3, 9] {
                for (taxed, discounted) in [(false, false), (true, false), (false, true), (true, true)] {
                    for notes in [nil, "", "Привет\\n", "line\r\nbreak"] {
                        for due in [false, true] {
                            let invoice = Self.invoice(customer: customer, lines: lines, taxed: taxed, discounted: discounted, notes: notes, due: due)
                            let expected = Self.asFirstVersions(invoice)
                            let fields = SyncedFields(invoice)
                            #expect(Array(fields.text.utf8) == Array(expected.joined(separator: "\n").utf8))
                            #expect(fields.lines == expected)
                            #expect(fields.hash == SyncedFields(lines: expected).hash)
                            checked += 1
                        }
                    }
                }
            }
        }
        #expect(checked == 512)
    }

    @Test func anEarlierVersionsRecordedCustomerIsKept() {
        let invoice = Self.invoice(customer: Customer(id: "cust-1", name: "Ann Lee"), lines: 2, taxed: true, discounted: false,
                                   notes: nil, due: true)
        let fields = SyncedFields(invoice, recordedCustomer: "Ann Lee <ann@example.com>")
        #expect(fields.text == Self.asFirstVersions(invoice, recordedCustomer: "Ann Lee <ann@example.com>").joined(separator: "\n"))
        #expect(fields.lines.first == "customer: Ann Lee <ann@example.com>")
    }
}
