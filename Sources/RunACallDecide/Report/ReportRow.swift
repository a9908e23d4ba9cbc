import RunACallSupport

/// A row's outcome, as Run a Call's sync log words it.
public enum RowStatus: String, Sendable, CaseIterable {
    case success = "Success"
    case failed = "Failed"
    case skipped = "Skipped"
}

/// One row of the sync report: one source record, or one QuickBooks record
/// created on a source record's behalf.
public struct ReportRow: Sendable {
    public var timestamp: String
    public var direction = ReportRow.toQuickBooks
    public var entityType: EntityType
    public var sourceID: String
    public var entity: String
    public var status: RowStatus
    public var message: String
    public var fix: String
    public var source: String
    /// Where it was written; resolved to paths when the report is rendered.
    public var targets: [OutputTarget]
    /// True for the one row of each source record; false for a record created on its behalf.
    public var isSourceRow: Bool
    /// A caveat of a record written all the same (renamed, shortened, a default used, a by-hand step left); empty otherwise.
    public var warning = ""
    /// Who, when and how much, for a person scanning the failures (`Jane Smith · 2026-10-03 · 129.00`); not a report column.
    public var context = ""
    /// Who the record is for (the invoice's customer), when known; the desk's grid shows and searches it. Not a report column.
    public var customer = ""
    /// The record's own date (invoice date, payment day, payout arrival), when known. Not a report column.
    public var date = ""
    /// The record's amount (invoice total, payment, payout net), when known. Not a report column.
    public var amount: Money?
    /// The catalogue's code of a failed row's error; not a report column (the summary groups failures by it).
    public var error: SyncError?
    /// True for a row that updates a record an earlier batch wrote (its message starts with `Updated:`); not a report column.
    public var isUpdate = false

    public init(timestamp: String, entityType: EntityType, sourceID: String, entity: String, status: RowStatus,
                message: String, fix: String, source: String, targets: [OutputTarget], isSourceRow: Bool, warning: String = "") {
        self.timestamp = timestamp
        self.entityType = entityType
        self.sourceID = sourceID
        self.entity = entity
        self.status = status
        self.message = message
        self.fix = fix
        self.source = source
        self.targets = targets
        self.isSourceRow = isSourceRow
        self.warning = warning
    }

    /// The report's columns, in order.
    public static let columns = ["timestamp", "direction", "entity_type", "source_id", "entity", "status", "message",
                                 "fix", "source", "targets", "warning"]

    /// The cells of the columns, with targets resolved to paths.
    public func cells(parts: [String: Int]) -> [String] {
        let labels = OutputTarget.labels(targets) { parts[$0.fileKey] ?? 1 }
        return [timestamp, direction, entityType.rawValue, sourceID, entity, status.rawValue, message, fix, source, labels, warning]
    }

    /// Sets the row's context from what is known of the record (parts not known are left out).
    public mutating func describe(customer: String? = nil, date: String?, amount: Money?) {
        context = [customer, date, amount?.description].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " · ")
        self.customer = customer ?? ""
        self.date = date ?? ""
        self.amount = amount
    }

    /// Fails the row with `problem`: its message, fix and code.
    public mutating func fail(_ problem: Problem) {
        status = .failed
        message = problem.message
        fix = problem.fix
        error = problem.code
    }

    /// Adds a caveat to the row's warning.
    public mutating func warn(_ caveat: String) {
        guard !caveat.isEmpty else { return }
        warning = warning.isEmpty ? caveat : "\(warning); \(caveat)"
    }
}

extension Money: Encodable {
    /// Money is written as an exact decimal string (`"129.00"`), never a JSON number.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension ReportRow {
    /// The directions of the sync log's Direction column.
    public static let toQuickBooks = "Run a Call → QBO"
    public static let fromQuickBooks = "QBO → Run a Call"

    /// How the message of a row that updates a record an earlier batch wrote begins.
    public static let updatedPrefix = "Updated:"
}
