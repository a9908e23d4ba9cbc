import Foundation
import RunACallDecide

/// The entries that go on QuickBooks lists before any transaction uses them, but the customers created, which
/// each writer renders as they come (`FormatWriter.add(_: QBCustomer)`), so that memory does not grow with them.
public struct RunLists: Sendable {
    public var accounts: [QBAccount] = []
    public var items: [QBItem] = []
    /// Customers an earlier batch created whose changes qbXML writes as CustomerMod: QuickBooks' ListID and EditSequence.
    public var customerUpdates: [(customer: QBCustomer, listID: String, editSequence: String)] = []
    /// US, IIF with `tax.agency`: the tax agency, when the books do not list it, and the sales tax items
    /// the AUTOSTAX lines name that the books do not list.
    public var taxAgency: String?
    public var salesTaxItems: [QBSalesTaxItem] = []

    public init(accounts: [QBAccount] = [], items: [QBItem] = [],
                 customerUpdates: [(customer: QBCustomer, listID: String, editSequence: String)] = [],
                 taxAgency: String? = nil, salesTaxItems: [QBSalesTaxItem] = []) {
        self.accounts = accounts
        self.items = items
        self.customerUpdates = customerUpdates
        self.taxAgency = taxAgency
        self.salesTaxItems = salesTaxItems
    }
}

/// One format's writer: renders postings, decides nothing about accounting.
public protocol FormatWriter: AnyObject {
    var format: OutputFormat { get }
    /// Writes one invoice; returns where it went.
    func add(_ invoice: QBInvoice) throws -> [OutputTarget]
    /// Writes one received payment; returns where it went (nothing where the format cannot hold payments).
    func add(_ payment: QBPayment) throws -> [OutputTarget]
    /// Writes one refund's credit memo.
    func add(_ creditMemo: QBCreditMemo) throws -> [OutputTarget]
    /// Writes one payout's bank deposit.
    func add(_ deposit: QBDeposit) throws -> [OutputTarget]
    /// Writes one customer the run creates onto the format's customer list (kept on disk until `finish`);
    /// returns where it went. Each customer is added once.
    func add(_ customer: QBCustomer) throws -> OutputTarget
    /// Where an item will be written.
    func target(forItem item: QBItem) -> OutputTarget
    /// Writes the complete files into `folder` (the staging copy of the output
    /// folder) and returns their relative paths and the part count per file key.
    func finish(lists: RunLists, into folder: URL) throws -> (files: [String], parts: [String: Int])
}
