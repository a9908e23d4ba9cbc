import RunACallSupport
import RunACallRead

/// A QuickBooks customer list entry.
public struct QBCustomer: Sendable, Hashable {
    /// The QuickBooks name (cleaned, shortened and made unique).
    public var name: String
    /// The Run a Call id, when known.
    public var sourceID: String?
    public var email: String?
    public var phone: String?
    public var company: String?
    public var billAddress: Address?
    public var shipAddress: Address?
}

/// The kind of a QuickBooks item.
public enum QBItemKind: String, Sendable, Hashable {
    case service
    case nonInventory
    case discount
}

/// A QuickBooks item list entry.
public struct QBItem: Sendable, Hashable {
    public var name: String
    /// The pricebook id, when the item comes from the pricebook.
    public var sourceID: String?
    public var kind: QBItemKind
    public var description: String?
    /// The income account (the discount account for a discount item).
    public var account: String
    public var price: ExactDecimal?
    public var taxable: Bool

    public init(name: String, sourceID: String? = nil, kind: QBItemKind, description: String? = nil, account: String,
                 price: ExactDecimal? = nil, taxable: Bool) {
        self.name = name
        self.sourceID = sourceID
        self.kind = kind
        self.description = description
        self.account = account
        self.price = price
        self.taxable = taxable
    }
}

/// The QuickBooks account types the converter declares.
public enum QBAccountType: String, Sendable, Hashable {
    case income
    case accountsReceivable
    case salesTaxPayable
    case bank
    case undepositedFunds
    case expense
}

/// A QuickBooks account the postings use.
public struct QBAccount: Sendable, Hashable {
    public var name: String
    public var type: QBAccountType

    public init(name: String, type: QBAccountType) {
        self.name = name
        self.type = type
    }
}

/// One invoice line as QuickBooks will hold it.
public struct QBInvoiceLine: Sendable, Hashable {
    public enum Kind: String, Sendable { case sale, discount }

    public var kind: Kind
    public var item: String
    public var description: String?
    public var quantity: ExactDecimal?
    public var rate: ExactDecimal?
    public var amount: Money
    /// The account this line posts to.
    public var account: String
    /// The item's own income account (differs on membership invoices).
    public var itemAccount: String
    public var taxable: Bool
    /// Non-US editions: the line's tax code and the tax on it.
    public var taxCode: String?
    public var taxAmount: Money?
}

/// The US sales tax of an invoice: one sales tax item (or group) and the tax charged.
public struct QBSalesTax: Sendable, Hashable {
    /// The QuickBooks sales tax item, nil when the invoice charges no tax.
    public var item: String?
    public var ratePercent: ExactDecimal?
    public var amount: Money
    /// Σ the taxable lines: what QuickBooks applies the item's rate to.
    public var taxableAmount: Money = .zero
    /// The item's rate in the books; nil when the books do not give it.
    public var booksRatePercent: ExactDecimal? = nil
    /// qbXML: Run a Call's tax is written as its own line on the item (with its `Amount`) and every other
    /// line `Non`, so that QuickBooks adds no tax of its own, because the item's rate cannot be known to give it.
    public var asTaxLine = false

    /// The tax QuickBooks computes from the item's rate in the books; nil when the books give no rate.
    public var quickBooksComputes: Money? {
        guard item != nil, let booksRatePercent else { return nil }
        return Self.tax(on: taxableAmount, atPercent: booksRatePercent)
    }

    /// `amount × percent ÷ 100`, rounded half away from zero to cents, as QuickBooks computes sales tax.
    public static func tax(on amount: Money, atPercent percent: ExactDecimal) -> Money {
        Money(cents: ExactDecimal.divideRoundingHalfAway(Int128(amount.cents) * Int128(percent.units), by: 10_000_000))
    }

    /// The rate Run a Call charged: its one tax line's rate when that rate gives its tax, else tax ÷ taxable amount (to 0.001%).
    public var chargedRatePercent: ExactDecimal? {
        if let ratePercent, Self.tax(on: taxableAmount, atPercent: ratePercent) == amount { return ratePercent }
        guard taxableAmount != .zero else { return ratePercent }
        let thousandths = ExactDecimal.divideRoundingHalfAway(Int128(amount.cents) * 100_000, by: Int128(taxableAmount.cents))
        return ExactDecimal(units: thousandths * 100)
    }
}

/// A sales tax item (IIF `COMPTAX`) an IIF file declares: its rate and the agency it is paid to.
public struct QBSalesTaxItem: Sendable, Hashable {
    public var name: String
    public var ratePercent: ExactDecimal?
    public var agency: String

    /// The 0% item an IIF AUTOSTAX line names when the invoice (or credit memo) charges no tax.
    public static let untaxedName = "No sales tax"

    public init(name: String, ratePercent: ExactDecimal? = nil, agency: String) {
        self.name = name
        self.ratePercent = ratePercent
        self.agency = agency
    }
}

/// An invoice as QuickBooks will hold it: every rule already applied, so
/// writers only render it.
public struct QBInvoice: Sendable {
    /// The Run a Call invoice ID.
    public var sourceID: String
    /// The QuickBooks doc number, nil when QuickBooks numbers it.
    public var refNumber: String?
    public var customer: String
    public var txnDate: CalendarDate
    public var dueDate: CalendarDate?
    public var terms: String?
    public var billAddress: Address?
    public var shipAddress: Address?
    /// Internal notes.
    public var memo: String?
    /// Customer-facing notes.
    public var customerMessage: String?
    public var lines: [QBInvoiceLine]
    /// US editions: the invoice-level sales tax.
    public var salesTax: QBSalesTax?
    public var isVoid: Bool
    /// What the customer owes: Σ lines + tax. Zero for a void invoice.
    public var total: Money

    /// The receivable account every invoice posts to.
    public static let receivableAccount = "Accounts Receivable"
    /// The liability account sales tax posts to.
    public static let salesTaxAccount = "Sales Tax Payable"

    /// Σ line amounts (sales less discounts), before tax.
    public var netOfTax: Money { lines.reduce(.zero) { $0 + $1.amount } }
    /// Σ tax, whichever way the edition carries it.
    public var taxTotal: Money { salesTax?.amount ?? lines.reduce(.zero) { $0 + ($1.taxAmount ?? .zero) } }
}
