import RunACallSupport

/// A postal address as Run a Call exports it.
public struct Address: Sendable, Hashable {
    public var line1: String?
    public var line2: String?
    public var city: String?
    public var state: String?
    public var postalCode: String?
    public var country: String?

    public init(line1: String? = nil, line2: String? = nil, city: String? = nil, state: String? = nil,
                postalCode: String? = nil, country: String? = nil) {
        self.line1 = line1
        self.line2 = line2
        self.city = city
        self.state = state
        self.postalCode = postalCode
        self.country = country
    }

    /// Whether no part is set.
    public var isEmpty: Bool { [line1, line2, city, state, postalCode, country].allSatisfy { $0 == nil } }
}

/// The customer as an invoice names it, or as `customers` lists it.
public struct Customer: Sendable, Hashable {
    public var id: String?
    public var name: String
    public var email: String?
    public var phone: String?
    public var company: String?
    public var billingAddress: Address?
    public var serviceAddress: Address?
    /// When the customer record last changed (`updated_at`, else `created_at`), for the report.
    public var changedAt: Timestamp?

    public init(id: String? = nil, name: String, email: String? = nil, phone: String? = nil, company: String? = nil,
                 billingAddress: Address? = nil, serviceAddress: Address? = nil, changedAt: Timestamp? = nil) {
        self.id = id
        self.name = name
        self.email = email
        self.phone = phone
        self.company = company
        self.billingAddress = billingAddress
        self.serviceAddress = serviceAddress
        self.changedAt = changedAt
    }
}

/// An invoice's status in Run a Call.
public enum InvoiceStatus: String, Sendable, CaseIterable {
    case draft, sent, partiallyPaid = "partially_paid", paid, void
}

/// One invoice line.
public struct InvoiceLine: Sendable, Hashable {
    public var item: String
    public var description: String?
    public var category: String?
    public var quantity: ExactDecimal
    public var unitPrice: ExactDecimal
    public var amount: Money
    public var taxable: Bool
    public var taxRate: String?
}

/// The tax Run a Call charged at one rate.
public struct TaxLine: Sendable, Hashable {
    public var name: String
    public var ratePercent: ExactDecimal?
    public var taxableAmount: Money?
    public var amount: Money
}

/// A discount taken off an invoice (positive amount).
public struct InvoiceDiscount: Sendable, Hashable {
    /// The description, or the membership plan for a member discount.
    public var label: String?
    public var amount: Money
}

/// A Run a Call invoice, as the export contract defines it. Fields that are
/// never synced (timeline, photos, ...) are not even read into it.
public struct Invoice: Sendable {
    public var id: String
    public var status: InvoiceStatus
    public var customer: Customer
    public var serviceAddress: Address?
    public var billingAddress: Address?
    public var invoiceDate: CalendarDate
    public var dueDate: CalendarDate?
    public var terms: String?
    public var sentAt: Timestamp?
    public var paidAt: Timestamp?
    public var voidedAt: Timestamp?
    public var updatedAt: Timestamp?
    public var currency: String
    public var membershipInvoice: Bool
    public var lines: [InvoiceLine]
    public var taxLines: [TaxLine]
    public var discount: InvoiceDiscount?
    public var memberDiscount: InvoiceDiscount?
    public var subtotal: Money?
    public var taxTotal: Money?
    public var total: Money?
    public var amountPaid: Money?
    public var balanceDue: Money?
    public var customerNotes: String?
    public var internalNotes: String?
}

/// The kind of a pricebook item.
public enum PricebookItemType: String, Sendable, CaseIterable {
    case service, material, equipment, membership
}

/// A pricebook item.
public struct PricebookItem: Sendable, Hashable {
    public var id: String?
    public var name: String
    public var description: String?
    public var category: String?
    public var type: PricebookItemType?
    public var unitPrice: ExactDecimal?
    public var taxable: Bool?
    public var active: Bool

    public init(id: String? = nil, name: String, description: String? = nil, category: String? = nil,
                 type: PricebookItemType? = nil, unitPrice: ExactDecimal? = nil, taxable: Bool? = nil, active: Bool) {
        self.id = id
        self.name = name
        self.description = description
        self.category = category
        self.type = type
        self.unitPrice = unitPrice
        self.taxable = taxable
        self.active = active
    }
}

/// Whether a payment record takes money in or gives it back.
public enum PaymentKind: String, Sendable, CaseIterable {
    case payment, refund
}

/// Run a Call payment methods.
public enum PaymentMethod: String, Sendable, CaseIterable {
    case card, ach, cash, check, other
}

/// A payment (or refund) as Run a Call exports it.
public struct Payment: Sendable {
    public var id: String
    public var invoiceID: String
    /// Positive; a refund is its own record with `kind: refund`.
    public var amount: Money
    public var kind: PaymentKind
    public var method: PaymentMethod
    public var receivedAt: Timestamp
    public var reference: String?
    public var stripeFee: Money?
    public var payoutID: String?
}

/// A Stripe payout: the money that reached the bank.
public struct Payout: Sendable {
    public var id: String
    public var arrivalDate: CalendarDate
    public var gross: Money
    public var fees: Money
    public var net: Money
}
