import RunACallSupport
import RunACallRead
import RunACallDecide

/// Counts and money totals of a run, kept as rows arrive, and the
/// reconciliation of the export's invoice totals with what was written.
public struct ReportSummary: Sendable, Encodable {
    /// Source records by entity type and status.
    public var counts: [String: [String: Int]] = [:]
    /// QuickBooks records created on a source record's behalf, by entity type.
    public var created: [String: Int] = [:]
    /// Invoice totals in the export by status of the row (only invoices whose figures could be read).
    public var invoiceTotals: [String: Money] = [:]
    /// Σ totals of the export's sent, partially paid and paid invoices.
    public var billedInExport = Money.zero
    /// Of those, the totals that failed, and that a rule skipped.
    public var billedFailed = Money.zero
    public var billedSkipped = Money.zero
    /// Of those, the totals of invoices earlier batches wrote (already exported, updated or voided now, or to change by hand).
    public var billedEarlierBatches = Money.zero
    /// Invoices that could not be read at all (no total known).
    public var unreadableInvoices = 0
    /// Source records that could not be read (their error `isUnreadableRecord`), by entity type: while there is one,
    /// the run never says its totals reconcile.
    public var unreadableRecords: [String: Int] = [:]
    /// Σ invoice totals written, per format.
    public var writtenTotals: [String: Money] = [:]
    /// Of the `qbo-csv` written totals, the discounts `invoices.csv` cannot carry (QuickBooks Online imports no
    /// negative amount): listed in `qbo-csv/discounts-to-enter.csv`, the invoices hold their totals once they are entered.
    public var qboDiscountsByHand = Money.zero
    /// Invoices written, per format (voids included, at zero).
    public var writtenInvoices: [String: Int] = [:]
    /// Σ payments and Σ refunds written (IIF and qbXML; QuickBooks Online cannot import them).
    public var paymentsWritten = Money.zero
    public var refundsWritten = Money.zero
    /// Σ net of the export's payouts, and of those written as deposits, failed or skipped.
    public var payoutNetInExport = Money.zero
    public var depositsWritten = Money.zero
    public var payoutNetFailed = Money.zero
    public var payoutNetSkipped = Money.zero
    /// Σ payments in Undeposited Funds, and Σ refunds, waiting for a Stripe payout no export held yet
    /// (with a ledger, across every batch; without, this run's).
    public var paymentsWaitingForPayout = Money.zero
    public var refundsWaitingForPayout = Money.zero
    /// Σ payments − refunds of earlier batches that this run's deposits take out of Undeposited Funds.
    public var depositedFromEarlierBatches = Money.zero
    /// Σ `balance_due` of the written invoices, and what the written files leave
    /// receivable (invoices − payments; a refund's credit memo and its payout line cancel out).
    public var balanceDueInExport = Money.zero
    public var receivableWritten = Money.zero
    /// Customers whose receivable in the files differs from the export's balance_due.
    public var customersNotReconciled: [String] = []
    /// Rows written with a caveat (the report's warning column), by entity type.
    public var warnings: [String: Int] = [:]
    /// What the whole run leaves to the user, told once (e.g. the sales tax items QuickBooks must already have).
    public var notes: [String] = []
    /// Σ totals of the billed invoices by month of invoice date (`2026-10`) and row status.
    public var billedByMonth: [String: [String: Money]] = [:]
    /// The entities the export has no file for (`payments`, `payouts`, ...), in contract order.
    public var entitiesAbsent: [String] = []

    /// Whether customer balances could be compared: without the payments, a
    /// paid invoice's balance_due differs from what the files leave receivable.
    public var balancesChecked: Bool { !entitiesAbsent.contains(ExportEntity.payments.rawValue) }

    /// What each absent entity file means for this run's figures, one sentence each.
    public var absenceNotes: [String] {
        entitiesAbsent.compactMap { name in
            switch ExportEntity(rawValue: name) {
            case .payments: "no payments file: customer balances cannot be reconciled (invoices with amount_paid show a balance QuickBooks will not have until their payments are imported)"
            case .payouts: "no payouts file: no Stripe payout is written as a deposit; payments naming a payout wait in Undeposited Funds until an export holds it"
            case .customers: "no customers file: customers are created from the invoices' customer fields alone"
            case .items: "no items file: items are created from the invoice lines alone (no pricebook description, type or price)"
            case .invoices, nil: nil
            }
        }
    }

    /// Whether deposits written + failed + skipped = the export's payout net.
    public var depositsReconcile: Bool { depositsWritten + payoutNetFailed + payoutNetSkipped == payoutNetInExport }

    /// Whether billed = written + failed + skipped + earlier batches' in every format written, and every record
    /// could be read (a record that could not be read may hold money no figure counts).
    public var reconciles: Bool {
        unreadableRecords.isEmpty
            && writtenTotals.values.allSatisfy { $0 + billedFailed + billedSkipped + billedEarlierBatches == billedInExport }
    }

    /// Why the totals are not said to reconcile although they add up: the records that could not be read; nil when all were.
    public var notReconciledBecause: String? {
        guard !unreadableRecords.isEmpty else { return nil }
        let counts = EntityType.allCases.compactMap { type in unreadableRecords[type.rawValue].map { "\($0) \(type.rawValue)(s)" } }
        let unknown = unreadableInvoices > 0 ? "; \(unreadableInvoices) invoice(s) whose total could not be read either are in no figure" : ""
        return "\(counts.joined(separator: ", ")) could not be read, so the figures may miss money (a failed invoice whose status and total read is counted as failed\(unknown)); fix them and re-run"
    }

    public init() {}

    /// Notes the entity files the export lacks; the others are counted even
    /// when they hold no record (`invoices: 0 success, 0 failed, 0 skipped`).
    mutating func recordAbsent(_ absent: [ExportEntity]) {
        entitiesAbsent = absent.map(\.rawValue)
        for entity in ExportEntity.allCases where !absent.contains(entity) {
            if counts[entity.rowType.rawValue] == nil { counts[entity.rowType.rawValue] = [:] }
        }
    }

    mutating func count(_ row: ReportRow) {
        if !row.warning.isEmpty { warnings[row.entityType.rawValue, default: 0] += 1 }
        if row.isSourceRow {
            counts[row.entityType.rawValue, default: [:]][row.status.rawValue, default: 0] += 1
            if row.status == .failed, row.error?.isUnreadableRecord == true { unreadableRecords[row.entityType.rawValue, default: 0] += 1 }
        } else if row.status == .success, !row.isUpdate {
            created[row.entityType.rawValue, default: 0] += 1
        }
    }

    mutating func invoice(status: InvoiceStatus?, total: Money?, date: CalendarDate?, row: RowStatus, written: QBInvoice?,
                          formats: [OutputFormat], earlierBatch: Bool) {
        guard let status, let total else { unreadableInvoices += 1; return }
        invoiceTotals[row.rawValue, default: .zero] = invoiceTotals[row.rawValue, default: .zero] + total
        let billed = status == .sent || status == .partiallyPaid || status == .paid
        if billed {
            if let date {
                let month = String(date.description.prefix(7))
                billedByMonth[month, default: [:]][row.rawValue, default: .zero] = billedByMonth[month, default: [:]][row.rawValue, default: .zero] + total
            }
            billedInExport = billedInExport + total
            if row == .failed {
                billedFailed = billedFailed + total
            } else if earlierBatch {
                billedEarlierBatches = billedEarlierBatches + total
            } else if row == .skipped {
                billedSkipped = billedSkipped + total
            }
        }
        guard let written else { return }
        for format in formats {
            writtenTotals[format.rawValue, default: .zero] = writtenTotals[format.rawValue, default: .zero] + written.total
            writtenInvoices[format.rawValue, default: 0] += 1
        }
        if formats.contains(.qboCSV) {
            qboDiscountsByHand = FormatProfile.qboCSV.linesByHand(of: written).reduce(qboDiscountsByHand) { $0 - $1.amount }
        }
    }

    enum CodingKeys: String, CodingKey {
        case counts, created, invoiceTotals = "invoice_totals", billedInExport = "billed_in_export"
        case billedFailed = "billed_failed", billedSkipped = "billed_skipped", billedEarlierBatches = "billed_earlier_batches"
        case unreadableInvoices = "unreadable_invoices", unreadableRecords = "unreadable_records"
        case notReconciledBecause = "not_reconciled_because", writtenTotals = "written_totals"
        case writtenInvoices = "written_invoices", qboDiscountsByHand = "qbo_discounts_by_hand", reconciles
        case paymentsWritten = "payments_written", refundsWritten = "refunds_written"
        case payoutNetInExport = "payout_net_in_export", depositsWritten = "deposits_written"
        case payoutNetFailed = "payout_net_failed", payoutNetSkipped = "payout_net_skipped"
        case depositsReconcile = "deposits_reconcile"
        case paymentsWaitingForPayout = "payments_waiting_for_payout", refundsWaitingForPayout = "refunds_waiting_for_payout"
        case depositedFromEarlierBatches = "deposited_from_earlier_batches"
        case balanceDueInExport = "balance_due_in_export", receivableWritten = "receivable_written"
        case customersNotReconciled = "customers_not_reconciled", billedByMonth = "billed_by_month", notes
        case warnings
        case entitiesAbsent = "entities_absent"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(counts, forKey: .counts)
        try container.encode(created, forKey: .created)
        try container.encode(invoiceTotals, forKey: .invoiceTotals)
        try container.encode(billedInExport, forKey: .billedInExport)
        try container.encode(billedFailed, forKey: .billedFailed)
        try container.encode(billedSkipped, forKey: .billedSkipped)
        try container.encode(billedEarlierBatches, forKey: .billedEarlierBatches)
        try container.encode(unreadableInvoices, forKey: .unreadableInvoices)
        try container.encode(unreadableRecords, forKey: .unreadableRecords)
        try container.encodeIfPresent(notReconciledBecause, forKey: .notReconciledBecause)
        try container.encode(writtenTotals, forKey: .writtenTotals)
        try container.encode(writtenInvoices, forKey: .writtenInvoices)
        try container.encode(qboDiscountsByHand, forKey: .qboDiscountsByHand)
        try container.encode(reconciles, forKey: .reconciles)
        try container.encode(paymentsWritten, forKey: .paymentsWritten)
        try container.encode(refundsWritten, forKey: .refundsWritten)
        try container.encode(payoutNetInExport, forKey: .payoutNetInExport)
        try container.encode(depositsWritten, forKey: .depositsWritten)
        try container.encode(payoutNetFailed, forKey: .payoutNetFailed)
        try container.encode(payoutNetSkipped, forKey: .payoutNetSkipped)
        try container.encode(depositsReconcile, forKey: .depositsReconcile)
        try container.encode(paymentsWaitingForPayout, forKey: .paymentsWaitingForPayout)
        try container.encode(refundsWaitingForPayout, forKey: .refundsWaitingForPayout)
        try container.encode(depositedFromEarlierBatches, forKey: .depositedFromEarlierBatches)
        try container.encode(balanceDueInExport, forKey: .balanceDueInExport)
        try container.encode(receivableWritten, forKey: .receivableWritten)
        try container.encode(customersNotReconciled, forKey: .customersNotReconciled)
        try container.encode(billedByMonth, forKey: .billedByMonth)
        try container.encode(warnings, forKey: .warnings)
        try container.encode(entitiesAbsent, forKey: .entitiesAbsent)
        try container.encode(notes, forKey: .notes)
    }

    /// Source records that failed.
    public var failures: Int { counts.values.reduce(0) { $0 + ($1[RowStatus.failed.rawValue] ?? 0) } }
}
