/// A customer payment received against one invoice.
public struct QBPayment: Sendable {
    /// The Run a Call payment id.
    public var sourceID: String
    public var customer: String
    public var date: CalendarDate
    public var amount: Money
    /// The QuickBooks payment method name.
    public var method: String
    /// The check number or charge id, as the export gave it.
    public var reference: String?
    /// Where the money waits: Undeposited Funds.
    public var depositAccount: String
    /// The invoice it pays: Run a Call ID and QuickBooks doc number (nil when QuickBooks numbers invoices).
    public var invoiceID: String
    public var invoiceRefNumber: String?
    /// The invoice's QuickBooks TxnID, when an earlier batch wrote it and its response was ingested.
    public var invoiceTxnID: String? = nil
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
}

/// One line of a bank deposit.
public enum QBDepositLine: Sendable {
    /// A payment leaving Undeposited Funds (qbXML links it by the payment's macro).
    case payment(sourceID: String, customer: String, amount: Money)
    /// A refund paid out of the payout: debits the customer's receivable, offsetting its credit memo.
    case refund(sourceID: String, customer: String, amount: Money)
    /// The processing fee Stripe kept, expensed.
    case fee(account: String, amount: Money)
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
}
