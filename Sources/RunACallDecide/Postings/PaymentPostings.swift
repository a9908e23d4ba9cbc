import RunACallSupport

/// A customer payment received against one invoice.
public struct QBPayment: Sendable {
    /// The Run a Call payment id.
    public var sourceID: String
    public var customer: String
    public var date: CalendarDate
    public var amount: Money
    /// The QuickBooks payment method name.
    public var method: String
    /// The check number or charge id, cut to the formats' limit (`FieldLimits`, the report says when).
    public var reference: String?
    /// The reference as the export gave it, for the memo.
    public var fullReference: String?
    /// Where the money waits: Undeposited Funds.
    public var depositAccount: String
    /// The invoice it pays: Run a Call ID and QuickBooks doc number (nil when QuickBooks numbers invoices).
    public var invoiceID: String
    public var invoiceRefNumber: String?
    /// The invoice's QuickBooks TxnID, when an earlier batch wrote it and its response was ingested.
    public var invoiceTxnID: String? = nil

    public init(sourceID: String, customer: String, date: CalendarDate, amount: Money, method: String,
                 reference: String? = nil, fullReference: String? = nil, depositAccount: String, invoiceID: String,
                 invoiceRefNumber: String? = nil, invoiceTxnID: String? = nil) {
        self.sourceID = sourceID
        self.customer = customer
        self.date = date
        self.amount = amount
        self.method = method
        self.reference = reference
        self.fullReference = fullReference
        self.depositAccount = depositAccount
        self.invoiceID = invoiceID
        self.invoiceRefNumber = invoiceRefNumber
        self.invoiceTxnID = invoiceTxnID
    }
}

/// A refund: the credit memo that takes the amount off the customer's books.
public struct QBCreditMemo: Sendable {
    /// The Run a Call refund (payment record) id.
    public var sourceID: String
    public var customer: String
    public var date: CalendarDate
    public var amount: Money
    /// The item and account the refund reverses revenue through.
    public var item: String
    public var account: String
    public var invoiceID: String
    public var invoiceRefNumber: String?

    public init(sourceID: String, customer: String, date: CalendarDate, amount: Money, item: String, account: String,
                 invoiceID: String, invoiceRefNumber: String? = nil) {
        self.sourceID = sourceID
        self.customer = customer
        self.date = date
        self.amount = amount
        self.item = item
        self.account = account
        self.invoiceID = invoiceID
        self.invoiceRefNumber = invoiceRefNumber
    }
}

/// One line of a bank deposit.
public enum QBDepositLine: Sendable {
    /// A payment leaving Undeposited Funds. qbXML links it by the payment's macro when it is in the same file,
    /// else by `txnID`, QuickBooks' TxnID of a payment an earlier batch wrote.
    case payment(sourceID: String, customer: String, amount: Money, txnID: String? = nil)
    /// A refund paid out of the payout: debits the customer's receivable, offsetting its credit memo.
    case refund(sourceID: String, customer: String, amount: Money)
    /// The processing fee Stripe kept, expensed.
    case fee(account: String, amount: Money)

    /// What the line adds to the deposit: a payment's amount, less a refund's and the fees.
    public var signedAmount: Money {
        switch self {
        case .payment(_, _, let amount, _): amount
        case .refund(_, _, let amount), .fee(_, let amount): -amount
        }
    }

    /// The payment or refund the line takes out of Undeposited Funds (nil for the fee line).
    public var deposited: (entity: EntityType, sourceID: String)? {
        switch self {
        case .payment(let id, _, _, _): (.payment, id)
        case .refund(let id, _, _): (.refund, id)
        case .fee: nil
        }
    }
}

/// A Stripe payout as one bank deposit: Σ payments − refunds − fees = net.
public struct QBDeposit: Sendable {
    /// The Stripe payout id.
    public var sourceID: String
    public var date: CalendarDate
    /// The bank account the payout reached.
    public var account: String
    /// Where the payments waited.
    public var fromAccount: String
    public var lines: [QBDepositLine]
    public var net: Money

    public init(sourceID: String, date: CalendarDate, account: String, fromAccount: String, lines: [QBDepositLine],
                 net: Money) {
        self.sourceID = sourceID
        self.date = date
        self.account = account
        self.fromAccount = fromAccount
        self.lines = lines
        self.net = net
    }
}

extension QBDeposit {
    /// Whether the lines add up to the net that reaches the bank (Σ payments − refunds − fees = net).
    public var balances: Bool { lines.reduce(Money.zero) { $0 + $1.signedAmount } == net }
}
