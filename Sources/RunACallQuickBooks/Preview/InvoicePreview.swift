/// One invoice end to end, as the seed's "Verify before going live" asks:
/// where its customer lands, each line's item and income account, the tax
/// code, where its payments are deposited, and the exact text of each file.
public struct InvoicePreview: Sendable, Encodable {
    /// One posted line.
    public struct Line: Sendable, Encodable {
        /// The QuickBooks item.
        public var item: String
        /// How the item landed on the item list.
        public var landing: String
        /// The account the line posts to.
        public var account: String
        public var amount: String
        /// Non-US editions: the line's tax code.
        public var taxCode: String?
    }

    /// A payment or refund of the invoice, as the run decided it.
    public struct Payment: Sendable, Encodable {
        public var id: String
        public var kind: String
        public var status: String
        public var message: String
        public var fix: String
        public var warning: String
    }

    /// One output file with only this invoice (and the list entries it creates) in it.
    public struct File: Sendable, Encodable {
        public var path: String
        public var text: String
    }

    public var invoiceID: String
    public var source: String
    /// The invoice's report row.
    public var status: String
    public var message: String
    public var fix: String
    /// The caveats it is written with (the report's warning column).
    public var warning: String
    /// The customer as Run a Call names it, with the email the match uses.
    public var customer: String?
    public var quickBooksCustomer: String?
    public var customerLanding: String?
    public var lines: [Line] = []
    /// US: the invoice's sales tax item and amount.
    public var salesTax: String?
    public var total: String?
    /// Where payments are received (before a deposit).
    public var paymentAccount: String
    /// The bank account a Stripe payout deposits them into, when payouts are reconciled.
    public var payoutAccount: String?
    public var payments: [Payment] = []
    public var files: [File] = []
}
