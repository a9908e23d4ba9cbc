/// What a response must be to answer the request of one ledger export: the
/// response element of the request's kind, and, when QuickBooks did it, the
/// identity of what it made (a TxnID for transactions, a ListID for list
/// entries), no longer than QuickBooks' identities are.
enum ResponseExpectations {
    /// QuickBooks' identities (TxnID, ListID) are at most 36 characters.
    static let identityLimit = 36

    /// The response elements that answer the request of `entry` (empty when the batch wrote no request for it).
    static func kinds(for entry: LedgerEntry) -> [String] {
        switch (entry.entity, entry.action) {
        case (_, .noted): []
        case (.invoice, .add): ["InvoiceAddRs"]
        case (.invoice, .update): ["InvoiceModRs"]
        case (.invoice, .void): ["TxnVoidRs"]
        case (.payment, _): ["ReceivePaymentAddRs"]
        case (.refund, _): ["CreditMemoAddRs"]
        case (.payout, _): ["DepositAddRs"]
        case (.customer, .update): ["CustomerModRs"]
        case (.customer, _): ["CustomerAddRs"]
        case (.item, _): ["ItemServiceAddRs", "ItemNonInventoryAddRs", "ItemDiscountAddRs"]
        }
    }

    /// Whether QuickBooks names what it made for this entity by ListID (list entries) rather than TxnID.
    static func isListEntry(_ entity: EntityType) -> Bool { entity == .customer || entity == .item }

    /// The name of the identity an entity's response carries.
    static func identityName(_ entity: EntityType) -> String { isListEntry(entity) ? "ListID" : "TxnID" }

    /// The identity a done response gives the record of `entity`.
    static func identity(of response: QBResponse, for entity: EntityType) -> String? {
        (isListEntry(entity) ? response.listID : response.txnID).flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The identity the ledger holds for `entry`.
    static func identity(of entry: LedgerEntry) -> String? {
        isListEntry(entry.entity) ? entry.listID : entry.txnID
    }
}
