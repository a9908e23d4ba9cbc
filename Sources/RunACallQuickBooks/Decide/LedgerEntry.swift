import Foundation

/// What one run exported of one source record, as the ledger keeps it.
struct LedgerEntry: Equatable {
    var entity: EntityType
    var sourceID: String
    /// A hash of the fields that reach QuickBooks (never-synced fields are never read).
    var hash: String
    /// Those fields, one `name: value` a line, to tell the user what changed.
    var fields: String
    /// Invoices: the QuickBooks customer, doc number and total written; customers and items: the QuickBooks name.
    var customer: String?
    var docNumber: String?
    var total: Money?
    /// Invoices: the Run a Call status when exported (a later void is told by it).
    var status: String?
    /// Where it was written (the report's targets cell).
    var targets: String
    /// The batch that exported it (set by the ledger).
    var batch: Int64 = 0
    /// What the batch wrote: the record added, or an update or void of one an earlier batch added.
    var action: LedgerAction = .add
    /// The qbXML requestID of the request that writes it, when qbXML was written.
    var requestID: String?
    /// QuickBooks' identity of the record, from ingested responses (carried over to later updates).
    var txnID: String?
    var listID: String?
    var editSequence: String?
    /// QuickBooks' answer to the request: nil until a response is ingested.
    var answer: LedgerAnswer?
    /// QuickBooks' status message, when it answered with an error.
    var answerMessage: String?
    /// Payments and refunds: the Run a Call invoice they apply to.
    var invoiceID: String? = nil
}

/// What a batch did to a record in QuickBooks.
enum LedgerAction: String {
    case add, update, void
    /// Nothing written: a change was reported to the user (to apply by hand, or ignored by the config), once.
    case noted
}

/// QuickBooks' answer to a request, as `rac2qb ingest` read it.
enum LedgerAnswer: String {
    /// Done: the record is in QuickBooks.
    case ok
    /// QuickBooks refused it: the record is not there, and the next run writes it again.
    case failed
}
