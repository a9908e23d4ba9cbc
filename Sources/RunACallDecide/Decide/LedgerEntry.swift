import Foundation
import RunACallSupport

/// What one run exported of one source record, as the ledger keeps it.
public struct LedgerEntry: Equatable, Sendable {
    public var entity: EntityType
    public var sourceID: String
    /// A hash of the fields that reach QuickBooks (never-synced fields are never read).
    public var hash: String
    /// Those fields, one `name: value` a line, to tell the user what changed.
    public var fields: String
    /// Invoices: the QuickBooks customer, doc number and total written; customers and items: the QuickBooks name.
    public var customer: String?
    public var docNumber: String?
    public var total: Money?
    /// Invoices: the Run a Call status when exported (a later void is told by it).
    public var status: String?
    /// Where it was written (the report's targets cell).
    public var targets: String
    /// The batch that exported it (set by the ledger).
    public var batch: Int64 = 0
    /// What the batch wrote: the record added, or an update or void of one an earlier batch added.
    public var action: LedgerAction = .add
    /// The qbXML requestID of the request that writes it, when qbXML was written.
    public var requestID: String?
    /// QuickBooks' identity of the record, from ingested responses (carried over to later updates).
    public var txnID: String?
    public var listID: String?
    public var editSequence: String?
    /// QuickBooks' answer to the request: nil until a response is ingested.
    public var answer: LedgerAnswer?
    /// QuickBooks' status message, when it answered with an error.
    public var answerMessage: String?
    /// Payments and refunds: the Run a Call invoice they apply to.
    public var invoiceID: String? = nil

    public init(entity: EntityType, sourceID: String, hash: String, fields: String, customer: String? = nil,
                 docNumber: String? = nil, total: Money? = nil, status: String? = nil, targets: String,
                 batch: Int64 = 0, action: LedgerAction = .add, requestID: String? = nil, txnID: String? = nil,
                 listID: String? = nil, editSequence: String? = nil, answer: LedgerAnswer? = nil,
                 answerMessage: String? = nil, invoiceID: String? = nil) {
        self.entity = entity
        self.sourceID = sourceID
        self.hash = hash
        self.fields = fields
        self.customer = customer
        self.docNumber = docNumber
        self.total = total
        self.status = status
        self.targets = targets
        self.batch = batch
        self.action = action
        self.requestID = requestID
        self.txnID = txnID
        self.listID = listID
        self.editSequence = editSequence
        self.answer = answer
        self.answerMessage = answerMessage
        self.invoiceID = invoiceID
    }
}

/// What a batch did to a record in QuickBooks.
public enum LedgerAction: String, Sendable {
    case add, update, void
    /// Nothing written: a change was reported to the user (to apply by hand, or ignored by the config), once.
    case noted
}

/// QuickBooks' answer to a request, as `rac2qb ingest` read it.
public enum LedgerAnswer: String, Sendable {
    /// Done: the record is in QuickBooks.
    case ok
    /// QuickBooks refused it: the record is not there, and the next run writes it again.
    case failed
}
