import RunACallSupport
import RunACallRead

/// Decides one invoice record: the seed's invoice rules, duplicates, and what becomes of an
/// invoice an earlier batch exported (unchanged, voided, edited before or after payment).
/// Pure but for the list registry the mapper commits names to: it reads no file or ledger and
/// touches no writer; the pipeline gathers the record's history first and applies the decision after.
public struct InvoiceDecider {
    let configuration: Configuration
    let mapper: InvoiceMapper
    /// Whether the run writes qbXML files (which can void and update what earlier batches wrote).
    let writesQBXML: Bool
    /// Whether the export has payments (which need the invoice's outcome).
    let paymentsInExport: Bool
    /// The invoices files, as a duplicate ID's error names them.
    let invoiceFiles: String

    /// The checks of an invoice's mapping that need no name resolved: pure, for the reading thread.
    public var preparer: InvoicePreparer { mapper.preparer }

    /// The decision for a record that could not be read.
    /// `readable`: its status and total when those still read, counted in the summary's money.
    public func unreadable(_ row: ReportRow, _ problem: Problem, id: String?, readable: (status: InvoiceStatus, total: Money)?) -> InvoiceDecision {
        var row = row
        row.fail(problem)
        if let readable { row.describe(date: nil, amount: readable.total) }
        var decision = InvoiceDecision(row: row, amount: readable?.total,
                                       facts: paymentsInExport && id != nil ? .notWritable("it could not be read") : nil)
        decision.readableStatus = readable?.status
        return decision
    }

    /// The decision for a read invoice: `row` is its report row as read (failed, with its source),
    /// `duplicated` whether its ID occurs more than once in the export; `prepared` is `preparer.prepare(invoice)`
    /// when the run made it already (on the reading thread), else it is made here.
    public func decide(_ invoice: Invoice, prepared: InvoicePreparation? = nil, row: ReportRow, duplicated: Bool,
                       history: InvoiceHistory) -> InvoiceDecision {
        var row = row
        row.timestamp = timestamp(of: invoice)
        let amount = invoice.total ?? InvoiceArithmetic.total(of: invoice)
        row.describe(customer: invoice.customer.name, date: invoice.invoiceDate.description, amount: amount)
        var decision = InvoiceDecision(row: row, invoice: invoice, amount: amount)
        if duplicated {
            decision.row.fail(.duplicateID(invoice.id, entity: .invoice, file: invoiceFiles))
            decision.facts = paymentsInExport ? .notWritable("duplicate invoice ID") : nil
            return decision
        }
        if let previous = history.previous {
            decision.earlierBatch = true
            decideExported(invoice, prepared: prepared, previous: previous, history: history, into: &decision)
            return decision
        }
        let mapping = mapper.map(invoice, prepared: prepared)
        decision.mapping = mapping
        switch mapping.outcome {
        case .skip(let reason):
            decision.row.status = .skipped
            decision.row.message = reason
        case .fail(let problem):
            decision.row.fail(problem)
        case .write(let posting):
            decision.row.status = .success
            decision.row.message = mapping.notes.joined(separator: "; ")
            decision.row.warning = mapping.warnings.joined(separator: "; ")
            decision.rendering = .add(posting)
            decision.memory = .added(posting)
            if !posting.isVoid { decision.balance = balance(of: invoice, customer: posting.customer, total: posting.total, history: history) }
        }
        if paymentsInExport { decision.facts = Self.facts(of: invoice, outcome: mapping.outcome) }
        return decision
    }

    /// What the payment rules keep of an invoice this run decided.
    static func facts(of invoice: Invoice, outcome: InvoiceOutcome) -> InvoiceFact {
        switch outcome {
        case .write(let posting) where posting.isVoid: .notWritable("void")
        case .write(let posting): .written(customer: posting.customer, refNumber: posting.refNumber, total: posting.total)
        case .skip(let reason) where invoice.status == .draft: .notWritable(reason)
        case .skip(let reason): .skipped(reason)
        case .fail(let problem): .failed(problem.code)
        }
    }

    /// When the invoice's sync event happened: paid (on payment), voided, sent, else its date.
    public func timestamp(of invoice: Invoice) -> String {
        if configuration.invoices.when == .onPayment, let paid = invoice.paidAt { return paid.text }
        if invoice.status == .void, let voided = invoice.voidedAt { return voided.text }
        return invoice.sentAt?.text ?? invoice.invoiceDate.description
    }

    /// The receivable an invoice QuickBooks holds adds to its customer: its balance_due, and its total in
    /// QuickBooks less the payments earlier batches applied (this batch's payments come off as written).
    func balance(of invoice: Invoice, customer: String, total: Money, history: InvoiceHistory) -> InvoiceBalance? {
        guard let due = invoice.balanceDue else { return nil }
        return InvoiceBalance(customer: customer, due: due, held: total - history.paidEarlier)
    }

    public init(configuration: Configuration, mapper: InvoiceMapper, writesQBXML: Bool, paymentsInExport: Bool,
                 invoiceFiles: String) {
        self.configuration = configuration
        self.mapper = mapper
        self.writesQBXML = writesQBXML
        self.paymentsInExport = paymentsInExport
        self.invoiceFiles = invoiceFiles
    }
}
