/// The kinds of record the sync report lists.
public enum EntityType: String, Sendable, CaseIterable {
    case invoice, payment, refund, payout, customer, item
}
