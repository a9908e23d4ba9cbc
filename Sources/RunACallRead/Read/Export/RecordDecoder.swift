import Foundation
import RunACallSupport

/// Turns raw records into the typed records of the export contract.
public enum RecordDecoder {
    /// Reads one invoice; throws the `Problem` of the first bad field.
    public static func invoice(_ record: RawRecord) throws -> Invoice {
        let fields = try reader(for: record, entity: "invoice")
        let id = try fields.requiredString("id")
        guard let status = try fields.oneOf("status", InvoiceStatus.self) else {
            throw fields.missing("status", allowed: InvoiceStatus.allCases.map(\.rawValue).joined(separator: ", "))
        }
        guard let customerFields = try fields.object("customer") else {
            throw fields.missing("customer", allowed: "an object {id, name, email, phone, company, billing_address}")
        }
        let lineReaders = try fields.array("lines")
        guard !lineReaders.isEmpty else { throw fields.missing("lines", allowed: "an array of at least one line") }
        return Invoice(
            id: id,
            status: status,
            customer: try customer(customerFields),
            serviceAddress: try fields.address("service_address"),
            billingAddress: try fields.address("billing_address"),
            invoiceDate: try fields.requiredDate("invoice_date"),
            dueDate: try fields.date("due_date"),
            terms: try fields.string("terms"),
            sentAt: try fields.timestamp("sent_at"),
            paidAt: try fields.timestamp("paid_at"),
            voidedAt: try fields.timestamp("voided_at"),
            updatedAt: try fields.timestamp("updated_at"),
            currency: try currency(fields),
            membershipInvoice: try fields.bool("membership_invoice") ?? false,
            lines: try lineReaders.map(line),
            taxLines: try fields.array("tax_lines").map(taxLine),
            discount: try discount(fields.object("discount"), labelKey: "description"),
            memberDiscount: try discount(fields.object("member_discount"), labelKey: "plan"),
            subtotal: try fields.money("subtotal"),
            taxTotal: try fields.money("tax_total"),
            total: try fields.money("total"),
            amountPaid: try fields.money("amount_paid"),
            balanceDue: try fields.money("balance_due"),
            customerNotes: try fields.string("customer_notes"),
            internalNotes: try fields.string("internal_notes"))
    }

    /// The status and total of an invoice that could not be read, when both read (from its fields, or the
    /// `partial` ones of a record that did not read as one): its money is still counted.
    public static func readableMoney(ofUnreadable record: RawRecord) -> (status: InvoiceStatus, total: Money)? {
        let value: RecordNode
        switch record.content {
        case .success(let fields): value = fields
        case .failure:
            guard let partial = record.partial else { return nil }
            value = RecordNode(partial)
        }
        guard value.kind == .object else { return nil }
        let fields = FieldReader(record: record, value: value, invoiceLayout: true)
        guard let status = (try? fields.oneOf("status", InvoiceStatus.self)) ?? nil,
              let total = (try? fields.money("total")) ?? nil else { return nil }
        return (status, total)
    }

    /// The net of a payout that could not be read, when its fields read and the net is an amount: its money is still counted.
    public static func readableNet(ofUnreadable record: RawRecord) -> Money? {
        guard case .success(let value) = record.content, value.kind == .object else { return nil }
        return (try? FieldReader(record: record, value: value, invoiceLayout: false).money("net")) ?? nil
    }

    /// Reads one record of the `customers` file.
    public static func customerRecord(_ record: RawRecord) throws -> Customer {
        try customer(reader(for: record, entity: "customer"), requireID: true)
    }

    /// Reads one record of the `items` (pricebook) file.
    public static func item(_ record: RawRecord) throws -> PricebookItem {
        let fields = try reader(for: record, entity: "item")
        return PricebookItem(
            id: try fields.string("id"),
            name: try fields.requiredString("name"),
            description: try fields.string("description"),
            category: try fields.string("category"),
            type: try fields.oneOf("type", PricebookItemType.self),
            unitPrice: try fields.decimal("unit_price"),
            taxable: try fields.bool("taxable"),
            active: try fields.bool("active") ?? true)
    }

    /// Reads one record of the `payments` file.
    public static func payment(_ record: RawRecord) throws -> Payment {
        let fields = try reader(for: record, entity: "payment")
        let methods = PaymentMethod.allCases.map(\.rawValue).joined(separator: ", ")
        guard let method = try fields.oneOf("method", PaymentMethod.self) else { throw fields.missing("method", allowed: methods) }
        guard let receivedAt = try fields.timestamp("received_at") else {
            throw fields.missing("received_at", allowed: "an ISO 8601 timestamp with offset")
        }
        let amount = try fields.requiredMoney("amount")
        guard amount > .zero else { throw fields.invalid("amount", found: amount.description, allowed: "a positive amount (a refund is its own record with kind: refund)") }
        let fee = try fields.money("stripe_fee")
        if let fee, fee < .zero { throw fields.invalid("stripe_fee", found: fee.description, allowed: "zero or a positive amount") }
        return Payment(id: try fields.requiredString("id"), invoiceID: try fields.requiredString("invoice_id"), amount: amount,
                       kind: try fields.oneOf("kind", PaymentKind.self) ?? .payment, method: method, receivedAt: receivedAt,
                       reference: try fields.string("reference"), stripeFee: fee, payoutID: try fields.string("payout_id"))
    }

    /// Reads one record of the `payouts` file.
    public static func payout(_ record: RawRecord) throws -> Payout {
        let fields = try reader(for: record, entity: "payout")
        return Payout(id: try fields.requiredString("id"), arrivalDate: try fields.requiredDate("arrival_date"),
                      gross: try fields.requiredMoney("gross"), fees: try fields.money("fees") ?? .zero,
                      net: try fields.requiredMoney("net"))
    }

    private static func reader(for record: RawRecord, entity: String) throws -> FieldReader {
        let value = try record.content.get()
        guard value.kind == .object else {
            throw Problem.notAnObject(entity: entity, found: value.typeName, place: record.location.description)
        }
        return FieldReader(record: record, value: value, invoiceLayout: entity == "invoice")
    }

    private static func customer(_ fields: FieldReader, requireID: Bool = false) throws -> Customer {
        Customer(
            id: requireID ? try fields.requiredString("id") : try fields.string("id"),
            name: try fields.requiredString("name"),
            email: try fields.string("email"),
            phone: try fields.string("phone"),
            company: try fields.string("company"),
            billingAddress: try fields.address("billing_address"),
            serviceAddress: try fields.address("service_address"),
            changedAt: try fields.timestamp("updated_at") ?? fields.timestamp("created_at"))
    }

    private static func currency(_ fields: FieldReader) throws -> String {
        guard let code = try fields.string("currency") else { return "USD" }
        let trimmed = code.trimmingWhitespace.uppercased()
        guard trimmed.count == 3, trimmed.allSatisfy({ $0.isASCII && $0.isLetter }) else {
            throw fields.invalid("currency", found: FieldReader.shown(string: code), allowed: "an ISO 4217 code such as USD")
        }
        return trimmed
    }

    private static func line(_ fields: FieldReader) throws -> InvoiceLine {
        let taxable = try fields.bool("taxable") ?? false
        return InvoiceLine(
            item: try fields.requiredString("item"),
            description: try fields.string("description"),
            category: try fields.string("category"),
            quantity: try fields.requiredDecimal("quantity"),
            unitPrice: try fields.requiredDecimal("unit_price"),
            amount: try fields.requiredMoney("amount"),
            taxable: taxable,
            taxRate: try fields.string("tax_rate"))
    }

    private static func taxLine(_ fields: FieldReader) throws -> TaxLine {
        if let malformed = try fields.string("_malformed") {
            throw fields.invalid("tax_lines", found: "\"\(malformed)\"",
                                 allowed: "entries name|rate_percent|taxable_amount|amount joined by ;")
        }
        return TaxLine(
            name: try fields.requiredString("name"),
            ratePercent: try fields.decimal("rate_percent"),
            taxableAmount: try fields.money("taxable_amount"),
            amount: try fields.requiredMoney("amount"))
    }

    private static func discount(_ fields: FieldReader?, labelKey: String) throws -> InvoiceDiscount? {
        guard let fields else { return nil }
        let amount = try fields.requiredMoney("amount")
        guard amount >= .zero else {
            throw fields.invalid("amount", found: amount.description, allowed: "a positive amount (the discount taken off)")
        }
        return InvoiceDiscount(label: try fields.string(labelKey), amount: amount)
    }
}
