import RunACallSupport
import RunACallRead

/// Whether an invoice edited since its last export was edited before or after
/// it was first paid, as the export's timestamps tell.
public enum EditOrder: Equatable {
    /// Not paid, or edited before its first payment: the update is written, then the payment.
    case beforePayment
    /// Edited after its first payment (`paid`): blocked.
    case afterPayment(edited: String, paid: String)
    /// Paid, and the timestamps cannot tell which came first: blocked, saying why.
    case unknown(String)
}

extension EditOrder {
    /// Orders an invoice's edit (`updated_at`) against its first payment: the earliest of its `paid_at` and of
    /// `paymentTimes` (its payments' `received_at` in this export and in earlier batches).
    public static func of(_ invoice: Invoice, paymentTimes: [Timestamp]) -> EditOrder {
        let first = ([invoice.paidAt].compactMap { $0 } + paymentTimes).min { TimestampInstant($0) < TimestampInstant($1) }
        let paidByStatus = invoice.status == .paid || invoice.status == .partiallyPaid || (invoice.amountPaid ?? .zero) != .zero
        guard paidByStatus || first != nil else { return .beforePayment }
        guard let first else { return .unknown("it gives no paid_at and holds none of its payments") }
        guard let edited = invoice.updatedAt else { return .unknown("no updated_at; first paid \(first.text)") }
        let (editInstant, paidInstant) = (TimestampInstant(edited), TimestampInstant(first))
        if editInstant < paidInstant { return .beforePayment }
        if paidInstant < editInstant { return .afterPayment(edited: edited.text, paid: first.text) }
        return .unknown("updated_at \(edited.text) is the time of its first payment")
    }
}
