/// Whether an invoice edited since its last export was edited before or after
/// it was first paid, as the export's timestamps tell.
enum EditOrder: Equatable {
    /// Not paid, or edited before its first payment: the update is written, then the payment.
    case beforePayment
    /// Edited after its first payment (`paid`): blocked.
    case afterPayment(edited: String, paid: String)
    /// Paid, and the timestamps cannot tell which came first: blocked, saying why.
    case unknown(String)
}

extension ConversionRun {
    /// Orders an invoice's edit (`updated_at`) against its first payment: the earliest of its `paid_at`, of its
    /// payments' `received_at` in this export, and of the payments earlier batches applied to it.
    func editOrder(of invoice: Invoice) throws -> EditOrder {
        var payments = [invoice.paidAt, try firstPaymentInExport(of: invoice.id)].compactMap { $0 }
        payments += try ledger?.receivedTimes(ofPaymentsTo: invoice.id) ?? []
        let first = payments.min { TimestampInstant($0) < TimestampInstant($1) }
        let paidByStatus = invoice.status == .paid || invoice.status == .partiallyPaid || (invoice.amountPaid ?? .zero) != .zero
        guard paidByStatus || first != nil else { return .beforePayment }
        guard let first else { return .unknown("it gives no paid_at and holds none of its payments") }
        guard let edited = invoice.updatedAt else { return .unknown("no updated_at; first paid \(first.text)") }
        let (editInstant, paidInstant) = (TimestampInstant(edited), TimestampInstant(first))
        if editInstant < paidInstant { return .beforePayment }
        if paidInstant < editInstant { return .afterPayment(edited: edited.text, paid: first.text) }
        return .unknown("updated_at \(edited.text) is the time of its first payment")
    }

    /// The earliest `received_at` of the invoice's payments (not refunds) in the export; the payments file is read
    /// once, the first time an edited invoice asks.
    private func firstPaymentInExport(of invoiceID: String) throws -> Timestamp? {
        if let known = firstPaymentsInExport { return known[invoiceID] }
        var first: [String: Timestamp] = [:]
        if let stream = try export.stream(.payments) {
            while let record = try stream.next() {
                guard let payment = try? RecordDecoder.payment(record), payment.kind == .payment else { continue }
                if let earlier = first[payment.invoiceID], !(TimestampInstant(payment.receivedAt) < TimestampInstant(earlier)) { continue }
                first[payment.invoiceID] = payment.receivedAt
            }
        }
        firstPaymentsInExport = first
        return first[invoiceID]
    }
}
